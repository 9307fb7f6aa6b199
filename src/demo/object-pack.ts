/**
 * Writes a new repository's history as one pack file (and its version 2 index)
 * instead of thousands of loose objects, each flushed to disk: the demo history
 * is built in memory in one go and written once. Objects are stored whole (no
 * deltas); git, isomorphic-git and `git fsck` read such a pack as any other.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";

export type ObjectType = "commit" | "tree" | "blob";

const TYPE_CODE: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3 };

/** An in-memory object store that knows each object's id as git computes it. */
export class ObjectPack {
  readonly #objects = new Map<string, { type: ObjectType; content: Uint8Array }>();

  add(type: ObjectType, content: Uint8Array): string {
    const hash = createHash("sha1");
    hash.update(`${type} ${content.length}\0`);
    hash.update(content);
    const oid = hash.digest("hex");
    if (!this.#objects.has(oid)) this.#objects.set(oid, { type, content });
    return oid;
  }

  /** The content of an object added earlier. */
  content(oid: string): Uint8Array | undefined {
    return this.#objects.get(oid)?.content;
  }

  get size(): number {
    return this.#objects.size;
  }

  /** Writes `objects/pack/pack-<id>.pack` and `.idx` into a git directory. */
  write(gitdir: string): string {
    const entries = [...this.#objects].sort(([a], [b]) => (a < b ? -1 : 1));
    const chunks: Buffer[] = [];
    const header = Buffer.alloc(12);
    header.write("PACK", 0, "latin1");
    header.writeUInt32BE(2, 4);
    header.writeUInt32BE(entries.length, 8);
    chunks.push(header);
    let offset = 12;
    const offsets: number[] = [];
    const crcs: number[] = [];
    for (const [, object] of entries) {
      const sizeBytes: number[] = [];
      let size = object.content.length;
      let byte = (TYPE_CODE[object.type] << 4) | (size & 0x0f);
      size = Math.floor(size / 16);
      while (size > 0) {
        sizeBytes.push(byte | 0x80);
        byte = size & 0x7f;
        size = Math.floor(size / 128);
      }
      sizeBytes.push(byte);
      const entry = Buffer.concat([Buffer.from(sizeBytes), deflateSync(object.content, { level: 1 })]);
      offsets.push(offset);
      crcs.push(crc32(entry));
      chunks.push(entry);
      offset += entry.length;
    }
    const body = Buffer.concat(chunks);
    const packHash = createHash("sha1").update(body).digest();
    const pack = Buffer.concat([body, packHash]);

    const fanout = Buffer.alloc(256 * 4);
    const counts = new Array<number>(256).fill(0);
    for (const [oid] of entries) counts[Number.parseInt(oid.slice(0, 2), 16)] = (counts[Number.parseInt(oid.slice(0, 2), 16)] ?? 0) + 1;
    let running = 0;
    for (let index = 0; index < 256; index++) {
      running += counts[index] as number;
      fanout.writeUInt32BE(running, index * 4);
    }
    const names = Buffer.concat(entries.map(([oid]) => Buffer.from(oid, "hex")));
    const crcTable = Buffer.alloc(entries.length * 4);
    const offsetTable = Buffer.alloc(entries.length * 4);
    const large: Buffer[] = [];
    entries.forEach((_, index) => {
      crcTable.writeUInt32BE(crcs[index] as number, index * 4);
      const at = offsets[index] as number;
      if (at < 0x80000000) offsetTable.writeUInt32BE(at, index * 4);
      else {
        offsetTable.writeUInt32BE(0x80000000 | large.length, index * 4);
        const wide = Buffer.alloc(8);
        wide.writeBigUInt64BE(BigInt(at));
        large.push(wide);
      }
    });
    const idxBody = Buffer.concat([Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]), fanout, names, crcTable, offsetTable, ...large, packHash]);
    const idx = Buffer.concat([idxBody, createHash("sha1").update(idxBody).digest()]);
    const name = packHash.toString("hex");
    const folder = join(gitdir, "objects", "pack");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `pack-${name}.pack`), pack, { mode: 0o444 });
    writeFileSync(join(folder, `pack-${name}.idx`), idx, { mode: 0o444 });
    return name;
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
