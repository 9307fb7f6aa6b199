/**
 * The repository as the pre-receive hook reads it: native `git`, run in the
 * server's repository with the environment git gives the hook, so it sees the
 * pushed objects while they are still in quarantine (isomorphic-git does not
 * know the quarantine directory). Git is on every Git server by definition.
 */
import { execFileSync, spawnSync } from "node:child_process";
import type { ContentFile } from "../core/content/load-content.ts";
import type { CommitFacts, FileChange, RepositoryReader, Signature } from "../core/trust/push-policy.ts";

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

function parseSignature(line: string): Signature {
  const match = /^(.*) <([^>]*)> \d+ [+-]\d{4}$/.exec(line);
  return { name: match?.[1] ?? line, email: match?.[2] ?? "" };
}

export function parseCommit(oid: string, text: string): CommitFacts {
  const end = text.indexOf("\n\n");
  const headers = (end === -1 ? text : text.slice(0, end)).split("\n");
  const parents: string[] = [];
  let author: Signature = { name: "", email: "" };
  let committer: Signature = { name: "", email: "" };
  for (const header of headers) {
    if (header.startsWith("parent ")) parents.push(header.slice(7));
    else if (header.startsWith("author ")) author = parseSignature(header.slice(7));
    else if (header.startsWith("committer ")) committer = parseSignature(header.slice(10));
  }
  return { oid, parents, author, committer, message: end === -1 ? "" : text.slice(end + 2) };
}

export class NativeGitReader implements RepositoryReader {
  readonly #gitdir: string;
  readonly #prefix: string;
  readonly #commits = new Map<string, CommitFacts>();
  readonly #administrative = new Map<string, ContentFile[]>();
  /** The policy asks the same merge base and the same diff more than once per approval: each git process costs 10 ms or more. */
  readonly #mergeBases = new Map<string, string | undefined>();
  readonly #changes = new Map<string, FileChange[]>();

  /** `prefix`: the content folder inside the repository, with a trailing `/` (or empty). */
  constructor(gitdir: string, prefix: string) {
    this.#gitdir = gitdir;
    this.#prefix = prefix;
  }

  #git(args: readonly string[], input?: string): string {
    return execFileSync("git", args, { cwd: this.#gitdir, encoding: "utf8", maxBuffer: 1 << 30, ...(input !== undefined ? { input } : {}) });
  }

  /** Objects by id, with one `git cat-file --batch` for all of them. */
  #objects(oids: readonly string[]): Map<string, Buffer> {
    const found = new Map<string, Buffer>();
    if (oids.length === 0) return found;
    const output = execFileSync("git", ["cat-file", "--batch"], { cwd: this.#gitdir, input: `${oids.join("\n")}\n`, maxBuffer: 1 << 30 });
    let offset = 0;
    while (offset < output.length) {
      const newline = output.indexOf(10, offset);
      const [oid, type, size] = output.toString("latin1", offset, newline).split(" ");
      if (type === "missing" || !oid || size === undefined) {
        offset = newline + 1;
        continue;
      }
      const length = Number(size);
      found.set(oid, output.subarray(newline + 1, newline + 1 + length));
      offset = newline + 1 + length + 1;
    }
    return found;
  }

  commit(oid: string): CommitFacts {
    let facts = this.#commits.get(oid);
    if (!facts) {
      facts = parseCommit(oid, this.#git(["cat-file", "commit", oid]));
      this.#commits.set(oid, facts);
    }
    return facts;
  }

  commitsBetween(tip: string, exclude: readonly string[]): CommitFacts[] {
    const oids = this.#git(["rev-list", tip, "--not", ...exclude])
      .split("\n")
      .filter(Boolean);
    const missing = oids.filter((oid) => !this.#commits.has(oid));
    for (const [oid, bytes] of this.#objects(missing)) this.#commits.set(oid, parseCommit(oid, bytes.toString("utf8")));
    return oids.map((oid) => this.commit(oid));
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return spawnSync("git", ["merge-base", "--is-ancestor", ancestor, descendant], { cwd: this.#gitdir }).status === 0;
  }

  mergeBase(a: string, b: string): string | undefined {
    const key = `${a} ${b}`;
    if (this.#mergeBases.has(key)) return this.#mergeBases.get(key);
    const result = spawnSync("git", ["merge-base", a, b], { cwd: this.#gitdir, encoding: "utf8" });
    const base = result.status === 0 ? result.stdout.trim() : undefined;
    this.#mergeBases.set(key, base);
    return base;
  }

  changes(from: string | undefined, to: string): FileChange[] {
    const key = `${from ?? EMPTY_TREE} ${to}`;
    let known = this.#changes.get(key);
    if (!known) {
      known = this.#diff(from, to);
      this.#changes.set(key, known);
    }
    return known;
  }

  #diff(from: string | undefined, to: string): FileChange[] {
    const fields = this.#git(["diff-tree", "-r", "-z", "--no-renames", from ?? EMPTY_TREE, to]).split("\0");
    const changes: FileChange[] = [];
    // Raw format: ":<old mode> <new mode> <old id> <new id> <status>" NUL path NUL.
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const [, mode, oid, status] = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([A-Z])/.exec(fields[index] as string) ?? [];
      const deleted = status === "D";
      changes.push({ path: fields[index + 1] as string, oid: deleted ? undefined : oid, mode: deleted ? undefined : mode });
    }
    return changes;
  }

  #contentFiles(entries: { mode: string; type: string; oid: string; path: string }[]): ContentFile[] {
    const blobs = entries.filter((entry) => entry.type === "blob" && entry.path.startsWith(this.#prefix));
    const bytes = this.#objects(blobs.filter((entry) => entry.mode !== "120000").map((entry) => entry.oid));
    return blobs.map((entry) => {
      const relative = entry.path.slice(this.#prefix.length);
      if (entry.mode === "120000") return { relative, display: entry.path, size: 0, symlink: true };
      const content = bytes.get(entry.oid) ?? Buffer.alloc(0);
      return { relative, display: entry.path, size: content.length, symlink: false, bytes: new Uint8Array(content) };
    });
  }

  /** Entries at the given paths (none given: the root), recursively or not. */
  #listTree(commit: string, paths: readonly string[], recursive: boolean) {
    return this.#git(["ls-tree", "-z", ...(recursive ? ["-r"] : []), commit, "--", ...paths])
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf("\t");
        const [mode, type, oid] = line.slice(0, tab).split(" ") as [string, string, string];
        return { mode, type, oid, path: line.slice(tab + 1) };
      });
  }

  administrativeFiles(commit: string): ContentFile[] {
    const known = this.#administrative.get(commit);
    if (known) return known;
    const top = this.#listTree(commit, this.#prefix ? [this.#prefix] : [], false).filter((entry) => entry.type === "blob");
    const nested = this.#listTree(commit, [`${this.#prefix}units/`, `${this.#prefix}bodies/`], true);
    const files = this.#contentFiles([...top, ...nested]);
    this.#administrative.set(commit, files);
    return files;
  }

  filesAt(commit: string, paths: readonly string[]): ContentFile[] {
    if (paths.length === 0) return [];
    return this.#contentFiles(this.#listTree(commit, paths, false));
  }

  /** The commit a ref points to, or undefined. */
  ref(ref: string): string | undefined {
    const result = spawnSync("git", ["rev-parse", "--verify", "-q", ref], { cwd: this.#gitdir, encoding: "utf8" });
    return result.status === 0 ? result.stdout.trim() : undefined;
  }

  config(key: string): string | undefined {
    const result = spawnSync("git", ["config", "--get", key], { cwd: this.#gitdir, encoding: "utf8" });
    return result.status === 0 ? result.stdout.trim() : undefined;
  }
}
