/**
 * A repository's history built in memory in one go (the demo's), then written
 * as one pack file with its index (`writePack`) instead of thousands of loose
 * objects, each flushed to disk. Trees change only along the changed paths.
 */
import { createHash } from "node:crypto";
import { writePack } from "./git-store.ts";

export type ObjectType = "commit" | "tree" | "blob";

/** An in-memory object store that knows each object's id as git computes it. */
export class ObjectPack {
  readonly #objects = new Map<string, { oid: string; type: ObjectType; content: Uint8Array }>();

  add(type: ObjectType, content: Uint8Array): string {
    const hash = createHash("sha1");
    hash.update(`${type} ${content.length}\0`);
    hash.update(content);
    const oid = hash.digest("hex");
    if (!this.#objects.has(oid)) this.#objects.set(oid, { oid, type, content });
    return oid;
  }

  /** The content of an object added earlier. */
  content(oid: string): Uint8Array | undefined {
    return this.#objects.get(oid)?.content;
  }

  get size(): number {
    return this.#objects.size;
  }

  /** Writes `objects/pack/pack-<id>.pack` and `.idx` into a git directory, durably; returns the pack's name. */
  write(gitdir: string): string {
    return writePack(gitdir, [...this.#objects.values()]).name;
  }
}

interface FileNode {
  kind: "file";
  oid: string;
  mode: string;
}

interface FolderNode {
  kind: "folder";
  children: Map<string, FileNode | FolderNode>;
  /** Id of the folder's tree as last written; cleared when something below changes. */
  oid: string | undefined;
}

/**
 * A working tree held in memory: set files, then `commitTree` writes only the
 * trees along the changed paths (the others keep their ids).
 */
export class MemoryTree {
  readonly #root: FolderNode = { kind: "folder", children: new Map(), oid: undefined };
  readonly #pack: ObjectPack;

  constructor(pack: ObjectPack) {
    this.#pack = pack;
  }

  /** A copy sharing nothing mutable, for a branch that moves on its own. */
  clone(): MemoryTree {
    const copy = new MemoryTree(this.#pack);
    const cloneFolder = (folder: FolderNode): FolderNode => ({
      kind: "folder",
      oid: folder.oid,
      children: new Map([...folder.children].map(([name, node]) => [name, node.kind === "file" ? node : cloneFolder(node)])),
    });
    copy.#root.children = cloneFolder(this.#root).children;
    copy.#root.oid = this.#root.oid;
    return copy;
  }

  set(path: string, bytes: Uint8Array, mode = "100644"): void {
    const oid = this.#pack.add("blob", bytes);
    const segments = path.split("/");
    let folder = this.#root;
    folder.oid = undefined;
    for (const segment of segments.slice(0, -1)) {
      let next = folder.children.get(segment);
      if (!next || next.kind === "file") {
        next = { kind: "folder", children: new Map(), oid: undefined };
        folder.children.set(segment, next);
      }
      next.oid = undefined;
      folder = next;
    }
    folder.children.set(segments[segments.length - 1] as string, { kind: "file", oid, mode });
  }

  /** Every file, sorted by path. */
  files(): { path: string; oid: string; mode: string }[] {
    const found: { path: string; oid: string; mode: string }[] = [];
    const walk = (folder: FolderNode, prefix: string) => {
      for (const [name, node] of folder.children) {
        if (node.kind === "file") found.push({ path: `${prefix}${name}`, oid: node.oid, mode: node.mode });
        else walk(node, `${prefix}${name}/`);
      }
    };
    walk(this.#root, "");
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Writes the changed trees and returns the root tree's id. */
  commitTree(): string {
    const write = (folder: FolderNode): string => {
      if (folder.oid) return folder.oid;
      // Git orders entries by name, a folder's name compared as if it ended in "/".
      const named = [...folder.children].map(([name, node]) => ({ name, node, key: node.kind === "folder" ? `${name}/` : name }));
      named.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const parts: Buffer[] = [];
      for (const { name, node } of named) {
        const oid = node.kind === "file" ? node.oid : write(node);
        parts.push(Buffer.from(`${node.kind === "file" ? node.mode : "40000"} ${name}\0`, "utf8"), Buffer.from(oid, "hex"));
      }
      folder.oid = this.#pack.add("tree", Buffer.concat(parts));
      return folder.oid;
    };
    return write(this.#root);
  }
}

export interface Signature {
  name: string;
  email: string;
  when: Date;
}

/** `Name <email> <seconds> +0700`: the demo's people work in Vietnam. */
function signatureLine(person: Signature): string {
  return `${person.name} <${person.email}> ${Math.floor(person.when.getTime() / 1000)} +0700`;
}

export function commitObject(
  pack: ObjectPack,
  options: { tree: string; parents: string[]; author: Signature; committer?: Signature; message: string },
): string {
  const message = options.message.endsWith("\n") ? options.message : `${options.message}\n`;
  const text = [
    `tree ${options.tree}`,
    ...options.parents.map((parent) => `parent ${parent}`),
    `author ${signatureLine(options.author)}`,
    `committer ${signatureLine(options.committer ?? options.author)}`,
    "",
    message,
  ].join("\n");
  return pack.add("commit", Buffer.from(text, "utf8"));
}
