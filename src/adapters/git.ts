/**
 * Every isomorphic-git call of the project, as named verbs. Git errors become
 * `GitError` with a Vietnamese message; nothing else imports isomorphic-git.
 */
import nodeFs from "node:fs";
import { dirname, join } from "node:path";
import git from "isomorphic-git";
import { GitError, RefusalError } from "../core/errors.ts";
import { plainHttpWarning } from "../core/trust/transport.ts";
import { type IndexUpdate, patchIndexWhenFree } from "./git-index.ts";
import {
  compareAndSwapRef,
  crashPoint,
  gitDirOf,
  hashObject,
  looseObjectIntact,
  type Notice,
  packedRefs,
  RefMoved,
  readLooseObject,
  readRefValue,
  removeStrayTemporaries,
  stderrNotice,
  withWorkingCopyLock,
  writeFileAtomic,
  writeFileAtomicAsync,
  writeObjects,
} from "./git-store.ts";

export { RefMoved } from "./git-store.ts";

const LOOSE_OBJECT = /[/\\]objects[/\\][0-9a-f]{2}[/\\]([0-9a-f]{38})$/;

/**
 * The file system isomorphic-git gets: every file it writes (objects and packs
 * of a fetch, refs, the index, config) goes to a temporary file, is flushed and
 * renamed, never truncated in place; a loose object that does not inflate and
 * hash to its name counts as absent, so it is fetched or written again rather
 * than reused.
 */
const fs = {
  promises: {
    ...nodeFs.promises,
    async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number } | string) {
      const mode = typeof options === "object" && options?.mode ? options.mode : 0o644;
      writeFileAtomic(path, data, mode, LOOSE_OBJECT.test(path));
    },
    async stat(path: string, options?: nodeFs.StatOptions) {
      const stats = await nodeFs.promises.stat(path, options);
      const match = LOOSE_OBJECT.exec(path);
      if (match && !looseObjectIntact(dirname(dirname(dirname(path))), `${path.slice(-41, -39)}${match[1]}`)) {
        throw Object.assign(new Error(`damaged loose object ${path}`), { code: "ENOENT" });
      }
      return stats;
    },
  },
};

/** The git directory of a repository root (`.git`, a worktree's target, or the root of a bare repository), looked up once. */
const gitdirs = new Map<string, string>();
function gitdirOf(dir: string): string {
  let found = gitdirs.get(dir);
  if (!found) {
    found = gitDirOf(dir);
    gitdirs.set(dir, found);
  }
  return found;
}

/**
 * One object cache for every call of this process: without it isomorphic-git
 * re-reads pack indexes on each object look-up (measured: most of a review list).
 */
const cache = {};

/** Trees and commits never change once written, so their parsed form is kept by id for the life of the process. */
const parsedTrees = new Map<string, Promise<TreeEntry[]>>();
const parsedCommits = new Map<string, Promise<CommitInfo>>();

/** An object the repository does not have (neither loose nor in a pack). */
class MissingObject extends GitError {}

/** An id that names a tree, blob or tag where a commit was asked for. */
class NotACommit extends GitError {}

/**
 * The raw bytes of an object (no parsing by isomorphic-git, which throws on
 * the hostile entry names a submission may carry: `..`, `.git`, a backslash).
 */
async function readRawObject(dir: string, oid: string): Promise<{ type: string; bytes: Uint8Array }> {
  const loose = readLooseObject(gitdirOf(dir), oid);
  if (loose) return loose;
  for (let attempt = 1; ; attempt++) {
    let result: { type: string; object: unknown };
    try {
      result = await git.readObject({ fs, dir, gitdir: gitdirOf(dir), oid, format: "content", cache: attempt === 1 ? cache : {} });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "NotFoundError")
        throw new MissingObject(`Không có đối tượng Git ${oid} trong kho ${dir} (thiếu hoặc hỏng: chạy dan-y doctor)`, { cause: error });
      throw new GitError(`Đối tượng Git ${oid} bị hỏng (${(error as Error).message}): chạy dan-y doctor`, { cause: error });
    }
    const bytes = result.object as Uint8Array;
    // isomorphic-git does not check what it reads against the id (a pack read concurrently was seen to return another object): check here.
    if (hashObject(result.type as "blob", bytes).oid === oid) return { type: result.type, bytes };
    if (process.env.DAN_Y_DEBUG_GIT) process.stderr.write(`[git] ${oid} read back as another object (attempt ${attempt})\n`);
    if (attempt >= 2) throw new GitError(`Đối tượng Git ${oid} đọc ra không khớp mã của nó (kho hỏng?): chạy dan-y doctor`);
  }
}

/** Parses a tree object as git stores it: `<mode> <name>\0<20-byte id>` repeated, names kept exactly as written. */
export function parseTree(bytes: Uint8Array): TreeEntry[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: TreeEntry[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const space = buffer.indexOf(0x20, offset);
    const nul = buffer.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > buffer.length) throw new GitError("Cây thư mục Git bị hỏng (không đọc được mục)");
    const rawMode = buffer.toString("latin1", offset, space);
    const mode = rawMode.padStart(6, "0");
    const path = buffer.toString("utf8", space + 1, nul);
    const oid = buffer.toString("hex", nul + 1, nul + 21);
    const type = mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob";
    entries.push({ mode, path, oid, type });
    offset = nul + 21;
  }
  return entries;
}

function readTreeEntries(dir: string, oid: string): Promise<TreeEntry[]> {
  let entries = parsedTrees.get(oid);
  if (!entries) {
    entries = readRawObject(dir, oid).then(({ type, bytes }) => {
      if (type !== "tree") throw new GitError(`Đối tượng ${oid.slice(0, 7)} không phải cây thư mục (${type})`);
      return parseTree(bytes);
    });
    entries.catch(() => parsedTrees.delete(oid));
    parsedTrees.set(oid, entries);
  }
  return entries;
}

/** The entries of one tree object, names exactly as stored. */
export function readTreeEntriesOf(dir: string, tree: string): Promise<TreeEntry[]> {
  return readTreeEntries(dir, tree);
}

/** Every entry below a tree, with its full path (for doctor and the whole-tree listing of a check). */
export async function listTree(dir: string, tree: string, prefix = ""): Promise<{ path: string; oid: string; mode: string; type: string }[]> {
  const found: { path: string; oid: string; mode: string; type: string }[] = [];
  const walk = async (oid: string, at: string): Promise<void> => {
    for (const entry of await readTreeEntries(dir, oid)) {
      const path = `${at}${entry.path}`;
      if (entry.type === "tree") await walk(entry.oid, `${path}/`);
      else found.push({ path, oid: entry.oid, mode: entry.mode, type: entry.type });
    }
  };
  await walk(tree, prefix);
  return found;
}

export interface ChangedPath {
  /** Repository-relative path, with `/`. */
  path: string;
  change: "added" | "modified" | "deleted";
  /** The blob and mode after the change (absent when deleted). */
  oid?: string;
  mode?: string;
}

/** A branch, tag, HEAD or (short) commit id, with `~N` / `^` suffixes as in git (first parents). */
export async function resolveCommit(dir: string, spec: string): Promise<string> {
  // A full id (what the workspace passes on every diff) needs no look-up, only its commit (read once, then kept).
  if (/^[0-9a-f]{40}$/.test(spec)) {
    try {
      await readCommitInfo(dir, spec);
    } catch (error) {
      // Forty hex digits that name nothing are most likely mistyped: the user's input, not a damaged repository.
      if (error instanceof MissingObject)
        throw new RefusalError(`Không tìm thấy commit ${spec} trong kho Git ${dir}: hãy kiểm tra lại mã commit`, { cause: error });
      if (error instanceof NotACommit) throw new RefusalError(`${error.message}: hãy đưa mã của một commit`, { cause: error });
      throw error;
    }
    return spec;
  }
  const [, name = spec, suffix = ""] = /^(.*?)((?:[~^]\d*)*)$/.exec(spec) ?? [];
  let oid: string;
  try {
    oid = await git.resolveRef({ fs, dir, gitdir: gitdirOf(dir), ref: name });
  } catch {
    try {
      oid = await git.expandOid({ fs, dir, gitdir: gitdirOf(dir), oid: name });
    } catch (error) {
      // A name that is neither a branch, a tag nor a commit is the user's typing, as a mistyped full id is.
      throw new RefusalError(`Không tìm thấy "${spec}" trong kho Git ${dir}: hãy kiểm tra lại tên nhánh hoặc mã commit`, { cause: error });
    }
  }
  for (const [, step, count] of suffix.matchAll(/([~^])(\d*)/g)) {
    const times = step === "~" ? Number(count || 1) : 1;
    for (let index = 0; index < times; index++) {
      const { commit } = await git.readCommit({ fs, dir, gitdir: gitdirOf(dir), oid, cache });
      const parent = commit.parent[step === "^" ? Number(count || 1) - 1 : 0];
      if (!parent) throw new RefusalError(`"${spec}": commit ${oid.slice(0, 7)} không có commit cha`);
      oid = parent;
    }
  }
  return oid;
}

/**
 * Files that differ between two commits, from a diff of the two trees that
 * descends only into subtrees whose ids differ: the cost follows the size of the
 * change, not of the repository. (isomorphic-git's `walk` visits every entry of
 * each differing folder through promises: 25 ms a call on a 5k-file repository.)
 */
export async function changedPathsBetween(dir: string, base: string, head: string): Promise<ChangedPath[]> {
  const [baseOid, headOid] = await Promise.all([resolveCommit(dir, base), resolveCommit(dir, head)]);
  const changes: ChangedPath[] = [];
  const entriesOf = async (tree: string | undefined) => new Map(tree ? (await readTreeEntries(dir, tree)).map((entry) => [entry.path, entry] as const) : []);
  const compare = async (before: string | undefined, after: string | undefined, prefix: string): Promise<void> => {
    if (before === after) return;
    const [left, right] = await Promise.all([entriesOf(before), entriesOf(after)]);
    for (const name of new Set([...left.keys(), ...right.keys()])) {
      const was = left.get(name);
      const now = right.get(name);
      if (was?.oid === now?.oid && was?.mode === now?.mode) continue;
      const path = `${prefix}${name}`;
      const wasTree = was?.type === "tree" ? was.oid : undefined;
      const nowTree = now?.type === "tree" ? now.oid : undefined;
      if (wasTree || nowTree) await compare(wasTree, nowTree, `${path}/`);
      if (was && !wasTree && (!now || nowTree)) changes.push({ path, change: "deleted" });
      else if (now && !nowTree) changes.push({ path, change: was && !wasTree ? "modified" : "added", oid: now.oid, mode: now.mode });
    }
  };
  await compare(await treeOf(dir, baseOid), await treeOf(dir, headOid), "");
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The folder holding `.git` for a path inside a working tree. */
export async function findRepositoryRoot(path: string): Promise<string> {
  try {
    return await git.findRoot({ fs, filepath: path });
  } catch (error) {
    throw new GitError(`"${path}" không nằm trong kho Git nào`, { cause: error });
  }
}

export interface Person {
  name: string;
  email: string;
}

/** A file to put in a tree: its bytes (a regular file) or null to remove it. */
export interface FileWrite {
  path: string;
  bytes: Uint8Array | null;
}

export interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: "blob" | "tree" | "commit";
}

/** Object id of the tree of a commit. */
export async function treeOf(dir: string, commit: string): Promise<string> {
  return (await readCommitInfo(dir, commit)).tree;
}

/** The entry (blob or tree) at a path of a tree, or undefined. Reads only the trees along the path. */
export async function entryAt(dir: string, tree: string, path: string): Promise<{ oid: string; mode: string; type: string } | undefined> {
  let current = tree;
  const segments = path.split("/");
  for (let index = 0; index < segments.length; index++) {
    const entries = await readTreeEntries(dir, current);
    const found = entries.find((entry) => entry.path === segments[index]);
    if (!found) return undefined;
    if (index === segments.length - 1) return { oid: found.oid, mode: found.mode, type: found.type };
    if (found.type !== "tree") return undefined;
    current = found.oid;
  }
  return undefined;
}

/** Bytes of a blob at a path in a commit, or undefined. */
export async function readFileAt(dir: string, commit: string, path: string): Promise<Uint8Array | undefined> {
  const entry = await entryAt(dir, await treeOf(dir, commit), path);
  if (entry?.type !== "blob") return undefined;
  return readBlobBytes(dir, entry.oid);
}

/** Git's order of tree entries: by name bytes, a subtree compared as if its name ended in `/`. */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (entry: TreeEntry) => Buffer.from(entry.type === "tree" ? `${entry.path}/` : entry.path, "utf8");
  return Buffer.compare(key(a), key(b));
}

/** The bytes of a tree object of these entries, sorted as git sorts them. */
function treeBytes(entries: readonly TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of [...entries].sort(treeOrder)) {
    parts.push(Buffer.from(`${entry.mode.replace(/^0+/, "")} ${entry.path}\0`, "utf8"), Buffer.from(entry.oid, "hex"));
  }
  return Buffer.concat(parts);
}

/**
 * A new tree: `base` with the given blobs set (by oid) or removed. Only the trees
 * along the changed paths are read and written, never the whole repository:
 * what makes a commit on a 100k-file repository cost what native git does.
 * The new trees are hashed bottom-up first, then written (and flushed) together.
 */
export async function editTree(
  dir: string,
  base: string | undefined,
  changes: readonly { path: string; oid: string | null; mode?: string }[],
  batch?: ObjectBatch,
): Promise<string> {
  const pending: NewTree[] = [];
  const { oid } = await editTreeEntries(dir, base, changes, pending);
  if (batch) batch.objects.push(...pending);
  else await writeObjects(gitdirOf(dir), pending);
  return oid;
}

/**
 * Objects hashed now and written together later (`writeBatch`), before any
 * ref names them: a submission's blob, trees and commit in one flush round
 * instead of three (each round waits for the disk).
 */
export class ObjectBatch {
  /** Each with the id it was hashed to when added: writing it does not hash it again. */
  readonly objects: { type: "blob" | "tree" | "commit"; content: Uint8Array; oid: string }[] = [];

  add(type: "blob" | "commit", content: Uint8Array): string {
    const { oid } = hashObject(type, content);
    this.objects.push({ type, content, oid });
    return oid;
  }
}

/** A tree made by `editTree`, hashed bottom-up as it was made. */
interface NewTree {
  type: "tree";
  content: Uint8Array;
  oid: string;
  entries: TreeEntry[];
}

/** Writes the objects of a batch durably (flushed side by side). */
export async function writeBatch(dir: string, batch: ObjectBatch): Promise<void> {
  if (batch.objects.length > 0) await writeObjects(gitdirOf(dir), batch.objects);
}

async function editTreeEntries(
  dir: string,
  base: string | undefined,
  changes: readonly { path: string; oid: string | null; mode?: string }[],
  pending: NewTree[],
): Promise<{ oid: string; empty: boolean }> {
  const entries = new Map<string, TreeEntry>();
  if (base) for (const entry of await readTreeEntries(dir, base)) entries.set(entry.path, entry);
  const nested = new Map<string, { path: string; oid: string | null; mode?: string }[]>();
  for (const change of changes) {
    const slash = change.path.indexOf("/");
    if (slash === -1) {
      if (change.oid === null) entries.delete(change.path);
      else entries.set(change.path, { mode: change.mode ?? "100644", path: change.path, oid: change.oid, type: "blob" });
    } else {
      const head = change.path.slice(0, slash);
      // Appended in place: copying the list per change made 10k changes in one folder quadratic (3 GB of garbage).
      const inner = { ...change, path: change.path.slice(slash + 1) };
      const siblings = nested.get(head);
      if (siblings) siblings.push(inner);
      else nested.set(head, [inner]);
    }
  }
  for (const [name, inner] of nested) {
    const existing = entries.get(name);
    const subtree = await editTreeEntries(dir, existing?.type === "tree" ? existing.oid : undefined, inner, pending);
    if (subtree.empty) entries.delete(name);
    else entries.set(name, { mode: "040000", path: name, oid: subtree.oid, type: "tree" });
  }
  const list = [...entries.values()];
  const content = treeBytes(list);
  const { oid } = hashObject("tree", content);
  pending.push({ type: "tree", content, oid, entries: list });
  parsedTrees.set(oid, Promise.resolve(list));
  return { oid, empty: entries.size === 0 };
}

export async function readBlobBytes(dir: string, oid: string): Promise<Uint8Array> {
  const { type, bytes } = await readRawObject(dir, oid);
  if (type !== "blob") throw new GitError(`Đối tượng ${oid.slice(0, 7)} không phải tệp (${type})`);
  return bytes;
}

/** Writes a blob (atomically; an intact copy is reused) and returns its id. */
export async function writeBlob(dir: string, bytes: Uint8Array): Promise<string> {
  return (await writeObjects(gitdirOf(dir), [{ type: "blob", content: bytes }]))[0] as string;
}

/** `Name <email> <seconds> <+hhmm>` as git writes a signature. */
function signatureLine(person: Person, when: Date): string {
  const offset = -when.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset);
  const zone = `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}${String(minutes % 60).padStart(2, "0")}`;
  return `${person.name} <${person.email}> ${Math.floor(when.getTime() / 1000)} ${zone}`;
}

/** Writes a commit object (no index involved; into `batch` when given, written with it) and returns its id. */
export async function writeCommit(
  dir: string,
  options: { tree: string; parents: string[]; author: Person; committer?: Person; message: string; when?: Date },
  batch?: ObjectBatch,
): Promise<string> {
  const when = options.when ?? new Date();
  const message = options.message.endsWith("\n") ? options.message : `${options.message}\n`;
  const text = [
    `tree ${options.tree}`,
    ...options.parents.map((parent) => `parent ${parent}`),
    `author ${signatureLine(options.author, when)}`,
    `committer ${signatureLine(options.committer ?? options.author, when)}`,
    "",
    message,
  ].join("\n");
  if (batch) return batch.add("commit", Buffer.from(text, "utf8"));
  return (await writeObjects(gitdirOf(dir), [{ type: "commit", content: Buffer.from(text, "utf8") }]))[0] as string;
}

/**
 * Moves a branch from the commit the caller read (`expected`; undefined: the
 * branch must not exist yet) to `commit`, under the branch's lock: when another
 * writer got there first, nothing is written and `RefMoved` is thrown.
 */
export async function updateBranch(
  dir: string,
  branch: string,
  expected: string | undefined,
  commit: string,
  options: { notice?: Notice; step?: string } = {},
): Promise<void> {
  await compareAndSwapRef(gitDirOf(dir), `refs/heads/${branch}`, expected, commit, options);
}

/** Points a branch at a commit: creates it (refused when it exists), or moves it from wherever it is when `force`. */
export async function setBranch(dir: string, branch: string, commit: string, force = false): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = force ? await refTarget(dir, `refs/heads/${branch}`) : undefined;
    try {
      await updateBranch(dir, branch, current, commit);
      return;
    } catch (error) {
      if (error instanceof RefMoved && force && attempt < 20) continue;
      if (error instanceof RefMoved) throw new GitError(`Nhánh "${branch}" đã có; không ghi đè`, { cause: error });
      throw error;
    }
  }
}

/** Writes a ref the doctor repairs (any ref), through its lock, from whatever sound value it holds now. */
export async function restoreRef(dir: string, ref: string, commit: string): Promise<void> {
  const current = readRefValue(gitDirOf(dir), ref);
  await compareAndSwapRef(gitDirOf(dir), ref, current === "broken" ? undefined : current, commit);
}

/** Moves a remote-tracking ref (`refs/remotes/<remote>/<branch>`), a cache of what the server holds. */
export async function setTrackingRef(dir: string, remote: string, branch: string, commit: string): Promise<void> {
  const ref = `refs/remotes/${remote}/${branch}`;
  const read = readRefValue(gitDirOf(dir), ref);
  let current = read === "broken" ? undefined : read;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await compareAndSwapRef(gitDirOf(dir), ref, current, commit);
      return;
    } catch (error) {
      if (!(error instanceof RefMoved)) throw error;
      // What the lock holder read from disk: the next try starts from it, not from a cached read.
      current = error.actual;
    }
  }
}

/** Where git looks for a ref name, in its order (`main` is `refs/heads/main` unless a tag or `refs/main` says otherwise). */
const refCandidates = (ref: string) => [ref, `refs/${ref}`, `refs/tags/${ref}`, `refs/heads/${ref}`, `refs/remotes/${ref}`, `refs/remotes/${ref}/HEAD`];
const NOT_REFS = new Set(["config", "description", "index", "shallow", "commondir"]);

/**
 * The commit a ref points to, or undefined (absent, empty or garbage). Read
 * directly (a loose ref file, else `packed-refs`): every page and write asks
 * for `main`, and isomorphic-git's resolver costs a lock and several file reads
 * per call (measured: a tenth of a send's time under load).
 */
export async function refTarget(dir: string, ref: string): Promise<string | undefined> {
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  const gitdir = gitdirOf(dir);
  // packed-refs looked at once for all the candidates (a stat each time otherwise), and only when a loose file is missing: the loose file first for each, as git does.
  let packed: ReadonlyMap<string, string> | undefined;
  const packedOnce = () => {
    packed ??= packedRefs(gitdir);
    return packed;
  };
  for (const candidate of refCandidates(ref)) {
    if (NOT_REFS.has(candidate)) continue;
    const value = readRefValue(gitdir, candidate, packedOnce);
    if (value === "broken") return undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

export async function currentBranch(dir: string): Promise<string | undefined> {
  return (await git.currentBranch({ fs, dir, gitdir: gitdirOf(dir) })) ?? undefined;
}

/** True when `ancestor` is `commit` or one of its ancestors. */
export async function contains(dir: string, commit: string, ancestor: string): Promise<boolean> {
  if (commit === ancestor) return true;
  return git.isDescendent({ fs, dir, gitdir: gitdirOf(dir), oid: commit, ancestor, depth: -1, cache });
}

export interface CommitInfo {
  oid: string;
  message: string;
  tree: string;
  author: Person & { timestamp: number };
  committer: Person & { timestamp: number };
  parents: string[];
}

/** Parses a commit object: its headers (continuation lines of a signature skipped) and message. */
export function parseCommit(oid: string, bytes: Uint8Array): CommitInfo {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const end = text.indexOf("\n\n");
  const headers = (end < 0 ? text : text.slice(0, end)).split("\n");
  const message = end < 0 ? "" : text.slice(end + 2);
  const person = (line: string | undefined) => {
    const match = /^(.*?) ?<([^>]*)> (\d+) [+-]\d{4}$/.exec(line ?? "");
    return { name: match?.[1] ?? "", email: match?.[2] ?? "", timestamp: Number(match?.[3] ?? 0) };
  };
  const field = (name: string) => headers.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
  const tree = field("tree")[0];
  if (!tree) throw new GitError(`Commit ${oid.slice(0, 7)} hỏng: không có cây thư mục`);
  return { oid, tree, message, author: person(field("author")[0]), committer: person(field("committer")[0]), parents: field("parent") };
}

export function readCommitInfo(dir: string, oid: string): Promise<CommitInfo> {
  let info = parsedCommits.get(oid);
  if (!info) {
    info = readRawObject(dir, oid).then(({ type, bytes }) => {
      if (type !== "commit") throw new NotACommit(`Đối tượng ${oid.slice(0, 7)} không phải commit (${type})`);
      return parseCommit(oid, bytes);
    });
    info.catch(() => parsedCommits.delete(oid));
    parsedCommits.set(oid, info);
  }
  return info;
}

/** Every commit reachable from a commit (one pass over history, cached objects); `known`: a set already closed under parents, walked no further. */
export async function reachableFrom(dir: string, tip: string, known?: ReadonlySet<string>): Promise<Set<string>> {
  const seen = new Set<string>(known);
  const pending = [tip];
  while (pending.length > 0) {
    const oid = pending.pop() as string;
    if (seen.has(oid)) continue;
    seen.add(oid);
    pending.push(...(await readCommitInfo(dir, oid)).parents);
  }
  return seen;
}

/**
 * The commits of `tip` that `history` (main's) lacks, newest first, and where the
 * branch left that history: the newest commit of `history` the branch contains.
 */
export async function commitsOutside(dir: string, tip: string, history: ReadonlySet<string>): Promise<{ base: string | undefined; commits: CommitInfo[] }> {
  const commits: CommitInfo[] = [];
  const seen = new Set<string>();
  const boundary: CommitInfo[] = [];
  const pending = [tip];
  while (pending.length > 0) {
    const oid = pending.pop() as string;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const info = await readCommitInfo(dir, oid);
    if (history.has(oid)) {
      boundary.push(info);
      continue;
    }
    commits.push(info);
    pending.push(...info.parents);
  }
  boundary.sort((a, b) => b.author.timestamp - a.author.timestamp);
  return { base: boundary[0]?.oid, commits: commits.sort((a, b) => b.author.timestamp - a.author.timestamp) };
}

/** Local branches and, when a remote is named, its tracking branches, under a prefix. */
export async function listBranchesUnder(dir: string, prefix: string, remote?: string): Promise<{ name: string; ref: string }[]> {
  // isomorphic-git lists every file under refs/: a `<branch>.lock` left by a writer that died is no branch.
  const branchesUnder = (names: string[]) => names.filter((name) => name.startsWith(prefix) && !name.endsWith(".lock"));
  const local = branchesUnder(await git.listBranches({ fs, dir, gitdir: gitdirOf(dir) })).map((name) => ({ name, ref: `refs/heads/${name}` }));
  if (!remote) return local;
  const remoteBranches = branchesUnder(await git.listBranches({ fs, dir, gitdir: gitdirOf(dir), remote })).map((name) => ({
    name,
    ref: `refs/remotes/${remote}/${name}`,
  }));
  const names = new Set(local.map((branch) => branch.name));
  return [...local, ...remoteBranches.filter((branch) => !names.has(branch.name))];
}

/**
 * Brings the working tree and index of the checked-out branch in line with it,
 * for these paths only. Each file is written whole (temporary file, renamed);
 * the index is patched under `index.lock` after the files, so a crash leaves at
 * worst files newer than the index, which `git status` and the next command see.
 * All of it, from reading the branch's tree to the patched index, under the
 * working copy's lock (another process writing the same checkout waits).
 */
export async function refreshWorkingFiles(dir: string, branch: string, paths: string[], notice: Notice = stderrNotice, step?: string): Promise<void> {
  if (paths.length === 0) return;
  await withWorkingCopyLock(gitdirOf(dir), notice, () => writeWorkingFiles(dir, branch, paths, notice, step));
}

async function writeWorkingFiles(dir: string, branch: string, paths: string[], notice: Notice, step: string | undefined): Promise<void> {
  const gitdir = join(dir, ".git");
  if (nodeFs.existsSync(join(gitdir, "index")) && nodeFs.statSync(gitdir).isDirectory()) {
    // Write the changed files, then patch only their index entries (see git-index.ts).
    const tree = await treeOf(dir, await resolveCommit(dir, branch));
    const updates: IndexUpdate[] = [];
    let plain = true;
    const entries = await Promise.all(paths.map(async (path) => ({ path, file: join(dir, path), entry: await entryAt(dir, tree, path) })));
    // A writer killed mid-file left its temporary sibling beside it; these files are ours to write now, so it goes.
    await removeStrayTemporaries(entries.map(({ file }) => file));
    // Removals first (a file may give way to a folder), then each file written on the thread pool, side by side: a server keeps answering meanwhile.
    for (const { path, file, entry } of entries) {
      if (entry) continue;
      await nodeFs.promises.rm(file, { force: true });
      updates.push({ path });
    }
    await Promise.all(
      entries.map(async ({ path, file, entry }) => {
        if (!entry) return;
        if (entry.type !== "blob" || (entry.mode !== "100644" && entry.mode !== "100755")) {
          plain = false;
          return;
        }
        const bytes = await readBlobBytes(dir, entry.oid);
        if ((await nodeFs.promises.lstat(file).catch(() => undefined))?.isDirectory()) await nodeFs.promises.rm(file, { recursive: true, force: true });
        await writeFileAtomicAsync(file, bytes, entry.mode === "100755" ? 0o755 : 0o644);
        updates.push({ path, blob: { oid: entry.oid, mode: Number.parseInt(entry.mode, 8), file } });
      }),
    );
    if (step) crashPoint(`${step}:before-index`);
    if (plain && (await patchIndexWhenFree(gitdir, updates, notice))) return;
  }
  await git.checkout({ fs, dir, gitdir: gitdirOf(dir), ref: branch, filepaths: paths, force: true, noUpdateHead: true, cache });
}

export async function remoteUrl(dir: string, remote = "origin"): Promise<string | undefined> {
  const remotes = await git.listRemotes({ fs, dir, gitdir: gitdirOf(dir) });
  return remotes.find((entry) => entry.remote === remote)?.url;
}

/** The remote refused a push that is not a fast-forward: someone else moved the branch first. */
export class PushRejected extends GitError {}

/** HTTP(S) credentials from the environment only; never written to disk. */
function onAuth(url: string) {
  const username = process.env.DAN_Y_GIT_USERNAME;
  const password = process.env.DAN_Y_GIT_PASSWORD ?? process.env.DAN_Y_GIT_TOKEN;
  if (!username && !password) return { cancel: true };
  // Credentials over plain http to another machine: say so (once per server) before sending them.
  const warning = plainHttpWarning(url);
  if (warning && !warnedHosts.has(new URL(url).host)) {
    warnedHosts.add(new URL(url).host);
    process.stderr.write(`${warning}\n`);
  }
  return { username: username ?? "token", password: password ?? "" };
}
const warnedHosts = new Set<string>();

function describeNetworkError(action: string, error: unknown): GitError {
  const code = (error as { code?: string }).code;
  // isomorphic-git says PushRejectedError when it sees the race itself, GitPushError when the server refuses the ref update.
  if (code === "PushRejectedError" || code === "GitPushError")
    return new PushRejected(`${action}: máy chủ từ chối vì nhánh trên máy chủ đã thay đổi (không phải fast-forward)`, { cause: error });
  if (code === "HttpError" && /401|403/.test(String((error as Error).message))) {
    return new GitError(`${action}: máy chủ từ chối đăng nhập; đặt DAN_Y_GIT_USERNAME và DAN_Y_GIT_PASSWORD (hoặc DAN_Y_GIT_TOKEN)`, { cause: error });
  }
  if (code === "UserCanceledError") return new GitError(`${action}: máy chủ cần đăng nhập; đặt DAN_Y_GIT_USERNAME và DAN_Y_GIT_PASSWORD`, { cause: error });
  return new GitError(`${action}: ${(error as Error).message}`, { cause: error });
}

export async function pushBranch(dir: string, branch: string, remote = "origin"): Promise<void> {
  const { default: http } = await import("isomorphic-git/http/node");
  try {
    const result = await git.push({ fs, http, dir, gitdir: gitdirOf(dir), remote, ref: branch, remoteRef: branch, onAuth });
    if (!result.ok) throw Object.assign(new Error(result.error ?? "push failed"), { code: "PushRejectedError" });
    const refResult = result.refs[`refs/heads/${branch}`];
    if (refResult && !refResult.ok) throw Object.assign(new Error(refResult.error), { code: "PushRejectedError" });
  } catch (error) {
    throw describeNetworkError(`Không đẩy được nhánh "${branch}" lên ${remote}`, error);
  }
}

/**
 * Pushes a commit (not a local branch) to a branch of the remote: the server
 * accepts it only as a fast-forward of what it holds, its own compare-and-swap.
 * An approval is pushed before the local `main` moves, so a refused push leaves
 * nothing to undo here.
 */
export async function pushCommit(dir: string, commit: string, branch: string, remote = "origin"): Promise<void> {
  const { default: http } = await import("isomorphic-git/http/node");
  try {
    const result = await git.push({ fs, http, dir, gitdir: gitdirOf(dir), remote, ref: commit, remoteRef: `refs/heads/${branch}`, onAuth });
    if (!result.ok) throw Object.assign(new Error(result.error ?? "push failed"), { code: "PushRejectedError" });
    const refResult = result.refs[`refs/heads/${branch}`];
    if (refResult && !refResult.ok) throw Object.assign(new Error(refResult.error), { code: "PushRejectedError" });
  } catch (error) {
    throw describeNetworkError(`Không đẩy được lên nhánh "${branch}" của ${remote}`, error);
  }
}

/** Fetches every branch of the remote into `refs/remotes/<remote>/…`. */
export async function fetchRemote(dir: string, remote = "origin"): Promise<void> {
  const { default: http } = await import("isomorphic-git/http/node");
  try {
    await git.fetch({ fs, http, dir, gitdir: gitdirOf(dir), remote, onAuth, tags: false, prune: true });
  } catch (error) {
    throw describeNetworkError(`Không tải được từ ${remote}`, error);
  }
}

/** The first-parent history of a branch, newest first (the approvals on `main`). */
export async function commitsOnFirstParent(dir: string, branch: string): Promise<CommitInfo[]> {
  const result: CommitInfo[] = [];
  let oid = await refTarget(dir, `refs/heads/${branch}`);
  while (oid) {
    const info = await readCommitInfo(dir, oid);
    result.push(info);
    oid = info.parents[0];
  }
  return result;
}
