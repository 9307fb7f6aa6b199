/**
 * The Git storage writes that must survive a crash and a racing writer, done
 * here rather than by isomorphic-git (which truncates files in place and moves
 * refs without comparing): loose objects are written to a temporary file,
 * flushed and renamed, and an existing one is reused only when it inflates and
 * hashes right; objects written together in bulk go to one pack file, flushed
 * once; a ref moves only under its `<ref>.lock` (created with O_EXCL,
 * as git does) and only from the value the caller read (compare-and-swap).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  existsSync,
  fsync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  open as openCallback,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { type FileHandle, lstat, mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { deflate, deflateSync, inflate, inflateSync, type ZlibOptions } from "node:zlib";
import { GitError } from "../core/errors.ts";
import { deflateOptions, INLINE_OBJECT_BYTES, packBytes, packBytesAsync } from "./pack-file.ts";
import { processAlive, withPidLock } from "./pid-lock.ts";

const deflateAsync = promisify<Uint8Array, ZlibOptions, Buffer>(deflate);
const inflateAsync = promisify<Uint8Array, Buffer>(inflate);

/**
 * Test hook: `DAN_Y_CRASH_AT=<step>` makes the process die abruptly (SIGKILL,
 * as `kill -9`) when it reaches that named step, so tests can prove that every
 * intermediate state is detected and completed or undone by the next command.
 */
export function crashPoint(step: string): void {
  if (process.env.DAN_Y_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
  // `DAN_Y_PAUSE_AT=<step>` stops the process there (SIGSTOP) until the test continues it (SIGCONT): a command caught mid-way, alive.
  if (process.env.DAN_Y_PAUSE_AT === step) process.kill(process.pid, "SIGSTOP");
}

/** The git directory of a repository root: `.git`, the target of a `.git` file (worktree), or the root itself (bare). */
export function gitDirOf(dir: string): string {
  const dotGit = join(dir, ".git");
  try {
    const stat = lstatSync(dotGit);
    if (stat.isDirectory()) return dotGit;
    const pointer = /^gitdir: *(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (pointer) return pointer.startsWith("/") ? pointer : join(dir, pointer);
  } catch {
    // No .git: a bare repository.
  }
  return dir;
}

/** Whether the repository has a working tree (a `.git` entry below its root). */
export function hasWorkingTree(dir: string): boolean {
  return existsSync(join(dir, ".git"));
}

/**
 * Whether writes are flushed to the disk before they are renamed into place.
 * Always on; the Git benchmark turns it off once to show what the flushing
 * costs (a temporary file and a rename remain either way).
 */
let durable = true;
export function setDurable(value: boolean): void {
  durable = value;
}

/** Flushes a file's data to the disk (when durable). */
export function flush(descriptor: number): void {
  if (durable) fsyncSync(descriptor);
}

/** The same without blocking the event loop (the flush runs on libuv's thread pool): a server's concurrent writers do not queue behind each other's disk. */
export function flushAsync(descriptor: number): Promise<void> {
  if (!durable) return Promise.resolve();
  return new Promise((resolve, reject) => fsync(descriptor, (error) => (error ? reject(error) : resolve())));
}

/** Flushes a folder's entries (a rename into it) to the disk, off the event loop (when durable). */
export async function fsyncDirectoryAsync(directory: string): Promise<void> {
  if (!durable) return;
  await syncPath(directory).catch(() => undefined);
}

function fsyncDirectory(directory: string): void {
  if (!durable) return;
  try {
    const descriptor = openSync(directory, constants.O_RDONLY);
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Some file systems refuse to open or sync a directory; the rename itself is still atomic.
  }
}

/** Marks the temporary files this module writes, so `doctor` can recognise (and remove) those a crash left behind. */
export const TEMPORARY_MARK = ".dan-y-tmp-";

/** A temporary sibling of a path: `.<name>.dan-y-tmp-<pid>-<random>` (git's own `tmp_obj_` prefix in the object store, which fsck ignores). */
export const temporaryName = (path: string, objectStore = false) =>
  join(
    dirname(path),
    objectStore
      ? `tmp_obj_${process.pid}_${randomBytes(4).toString("hex")}`
      : `.${basename(path)}${TEMPORARY_MARK}${process.pid}-${randomBytes(4).toString("hex")}`,
  );

/** The process id in a temporary file's name (see `temporaryName`), or undefined when the name is not one. */
export function temporaryWriter(name: string): number | undefined {
  const match = /^tmp_obj_(\d+)_/.exec(name) ?? (name.includes(TEMPORARY_MARK) ? /dan-y-tmp-(\d+)-/.exec(name) : null);
  return match ? Number(match[1]) : undefined;
}

/** When this process started: a temporary file with our pid but older than that was left by an earlier process the pid was reused for. */
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/**
 * Removes the temporary siblings of `paths` (see `temporaryName`) that a writer
 * which died left: a kill between creating one and renaming it leaves it in the
 * working copy, where `git status` shows it. Each folder is listed once.
 * Returns how many went.
 */
export async function removeStrayTemporaries(paths: readonly string[]): Promise<number> {
  const prefixesByFolder = new Map<string, string[]>();
  for (const path of paths) {
    const prefixes = prefixesByFolder.get(dirname(path)) ?? [];
    prefixes.push(`.${basename(path)}${TEMPORARY_MARK}`);
    prefixesByFolder.set(dirname(path), prefixes);
  }
  const counts = await Promise.all(
    [...prefixesByFolder].map(async ([folder, prefixes]) => {
      const names = await readdir(folder).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names) if (prefixes.some((prefix) => name.startsWith(prefix)) && (await removeIfStray(join(folder, name), name))) removed++;
      return removed;
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Removes one temporary file when its writer is gone (or was an earlier process with our pid). */
async function removeIfStray(file: string, name: string): Promise<boolean> {
  const pid = temporaryWriter(name);
  if (pid === undefined) return false;
  if (pid === process.pid) {
    const stats = await lstat(file).catch(() => undefined);
    if (!stats || stats.mtimeMs >= PROCESS_STARTED_MS) return false;
  } else if (processAlive(pid)) return false;
  await rm(file, { force: true });
  return true;
}

/** Writes a file whole or not at all: a temporary sibling, flushed, then renamed over the target. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string, mode = 0o644, objectStore = false): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryName(path, objectStore);
  const descriptor = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    for (let written = 0; written < data.length; ) written += writeSync(descriptor, data, written, data.length - written);
    flush(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** `writeFileAtomic` off the event loop: the temporary file is created, written and flushed on libuv's thread pool. */
export async function writeFileAtomicAsync(path: string, bytes: Uint8Array | string, mode = 0o644, objectStore = false): Promise<void> {
  const temporary = temporaryName(path, objectStore);
  const handle = await openCreatingFolder(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(bytes);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------- objects

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export const objectPath = (gitdir: string, oid: string) => join(gitdir, "objects", oid.slice(0, 2), oid.slice(2));

/** An object to write; `oid` when the caller hashed it already (an `ObjectBatch`, a new tree), so it is not hashed again. */
export interface NewObject {
  type: ObjectType;
  content: Uint8Array;
  oid?: string | undefined;
}

/** What git hashes and stores of an object: `type size\0content`. */
const rawObject = (type: ObjectType, content: Uint8Array) => Buffer.concat([Buffer.from(`${type} ${content.length}\0`, "latin1"), content]);

/** The object id git gives `type size\0content`. */
export function hashObject(type: ObjectType, content: Uint8Array): { oid: string; raw: Buffer } {
  const raw = rawObject(type, content);
  return { oid: createHash("sha1").update(raw).digest("hex"), raw };
}

/** The id and stored bytes of an object, hashed only when the caller did not. */
const identified = ({ type, content, oid }: NewObject): { oid: string; raw: Buffer } =>
  oid ? { oid, raw: rawObject(type, content) } : hashObject(type, content);

/** Whether the loose object file of `oid` inflates and hashes to `oid` (a truncated or 0-byte file does not). */
export function looseObjectIntact(gitdir: string, oid: string): boolean {
  try {
    const raw = inflateSync(readFileSync(objectPath(gitdir, oid)));
    return createHash("sha1").update(raw).digest("hex") === oid;
  } catch {
    return false;
  }
}

/** `looseObjectIntact` off the event loop: the file read and inflated on libuv's thread pool (false when there is none). */
export async function looseObjectIntactAsync(gitdir: string, oid: string): Promise<boolean> {
  try {
    const raw = await inflateAsync(await readFile(objectPath(gitdir, oid)));
    return createHash("sha1").update(raw).digest("hex") === oid;
  } catch {
    return false;
  }
}

/**
 * Reads a loose object directly (one file read and one inflate, about a
 * tenth of going through isomorphic-git), checked against its id; undefined
 * when there is no loose copy (it may be in a pack) or the copy is damaged.
 */
export function readLooseObject(gitdir: string, oid: string): { type: string; bytes: Uint8Array } | undefined {
  let raw: Buffer;
  try {
    raw = inflateSync(readFileSync(objectPath(gitdir, oid)));
  } catch {
    return undefined;
  }
  if (createHash("sha1").update(raw).digest("hex") !== oid) return undefined;
  const space = raw.indexOf(0x20);
  const nul = raw.indexOf(0, space);
  if (space < 0 || nul < 0) return undefined;
  return { type: raw.toString("latin1", 0, space), bytes: raw.subarray(nul + 1) };
}

/**
 * Writes a loose object and returns its id. An existing file is kept only when
 * intact; a damaged one (an earlier crash, a bad disk) is replaced atomically.
 */
export function writeLooseObject(gitdir: string, type: ObjectType, content: Uint8Array): string {
  const { oid, raw } = hashObject(type, content);
  const path = objectPath(gitdir, oid);
  if (existsSync(path) && looseObjectIntact(gitdir, oid)) return oid;
  writeFileAtomic(path, deflateSync(raw, { level: 1 }), 0o444, true);
  return oid;
}

/** A form's blob, trees and commit are compressed on the event loop (INLINE_OBJECT_BYTES), larger objects on the thread pool. */
function compressLoose(raw: Buffer): Buffer | Promise<Buffer> {
  return raw.length <= INLINE_OBJECT_BYTES ? deflateSync(raw, deflateOptions(raw)) : deflateAsync(raw, deflateOptions(raw));
}

/**
 * Writes several loose objects at once: each to its temporary file, then all
 * flushed together (the disk serves the flushes in parallel instead of one
 * after another), then renamed, then their folders flushed. Returns their ids.
 */
export async function writeLooseObjects(gitdir: string, objects: readonly NewObject[]): Promise<string[]> {
  const identities = objects.map(identified);
  // Which are already stored intact: a new object (nearly all) is told apart by a stat, without an open failing on the thread pool;
  // a file that is there is read and inflated there, a server's other requests going on meanwhile.
  const stored = await Promise.all(
    identities.map(({ oid }) => (statSync(objectPath(gitdir, oid), { throwIfNoEntry: false }) ? looseObjectIntactAsync(gitdir, oid) : false)),
  );
  const toWrite = new Map<string, Buffer>();
  identities.forEach(({ oid, raw }, index) => {
    if (!stored[index] && !toWrite.has(oid)) toWrite.set(oid, raw);
  });
  const pending = await Promise.all(
    [...toWrite].map(async ([oid, raw]) => {
      const path = objectPath(gitdir, oid);
      return { temporary: temporaryName(path, true), path, bytes: await compressLoose(raw) };
    }),
  );
  const ids = identities.map(({ oid }) => oid);
  // Created, written and flushed on the thread pool, side by side: creating a file costs about 0.4 ms here, a flush 3–4 ms.
  const written = await Promise.allSettled(
    pending.map(async ({ temporary, bytes }) => {
      const handle = await openCreatingFolder(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o444);
      try {
        await handle.writeFile(bytes);
        if (durable) await handle.sync();
      } finally {
        await handle.close();
      }
    }),
  );
  try {
    const failed = written.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    if (failed) throw failed.reason;
    await Promise.all(pending.map(({ temporary, path }) => rename(temporary, path)));
  } catch (error) {
    await Promise.all(pending.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
  if (durable) await Promise.all([...new Set(pending.map(({ path }) => dirname(path)))].map((folder) => syncPath(folder).catch(() => undefined)));
  return ids;
}

/** What an open or create says when the folder is missing (or a file stands where it goes): the folder is made, or the mkdir says why not. */
const FOLDER_MISSING = new Set(["ENOENT", "ENOTDIR"]);

/**
 * Opens (creates) a file, making its folder only when the open finds it
 * missing: nearly every `objects/xx` folder of a served repository exists, and
 * a recursive mkdir before each object was a fifth of writing a submission's
 * objects (measured under 20 senders). A folder removed meanwhile is made again.
 */
async function openCreatingFolder(path: string, flags: number, mode: number): Promise<FileHandle> {
  try {
    return await open(path, flags, mode);
  } catch (error) {
    // No folder, or a file where one goes: the mkdir says which, naming the folder (not the random temporary name, so a retry's message repeats).
    if (!FOLDER_MISSING.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  return open(path, flags, mode);
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes objects as one pack file and its index in `objects/pack/`: both to
 * temporary names (`tmp_obj_…`, which git ignores and `doctor` removes after a
 * crash), flushed, then renamed, the pack first and the index last (git and
 * isomorphic-git find a pack by its index, so a pack is never seen half
 * written), then the folder flushed. The caller moves a ref only afterwards.
 * Returns the pack's name (its checksum) and the ids, in the order given.
 */
export function writePack(gitdir: string, objects: readonly NewObject[]): { name: string; ids: string[] } {
  // An id the caller computed already (a batch, a new tree, the demo's in-memory store) is not hashed again.
  const entries = objects.map(({ type, content, oid }) => ({ oid: oid ?? hashObject(type, content).oid, type, content }));
  const { name, pack, idx } = packBytes(entries);
  const folder = join(gitdir, "objects", "pack");
  const packPath = join(folder, `pack-${name}.pack`);
  const idxPath = join(folder, `pack-${name}.idx`);
  const ids = entries.map(({ oid }) => oid);
  // The same objects packed before (a resumed import): the pack is already there, whole.
  if (existsSync(idxPath) && existsSync(packPath)) return { name, ids };
  mkdirSync(folder, { recursive: true });
  const temporaries = [packPath, idxPath].map((path) => temporaryName(path, true));
  try {
    [pack, idx].forEach((bytes, index) => {
      const descriptor = openSync(temporaries[index] as string, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o444);
      try {
        for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
        flush(descriptor);
      } finally {
        closeSync(descriptor);
      }
    });
    crashPoint("pack:before-rename");
    renameSync(temporaries[0] as string, packPath);
    crashPoint("pack:between-renames");
    renameSync(temporaries[1] as string, idxPath);
  } catch (error) {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDirectory(folder);
  return { name, ids };
}

/**
 * `writePack` off the event loop, in the same order: the objects compressed on
 * libuv's thread pool, both files written and flushed there, renamed pack
 * first and index last, then the folder flushed, before the promise resolves
 * (and so before the caller moves any ref). A server's other requests are
 * answered meanwhile; its concurrent writers' flushes run side by side.
 */
export async function writePackAsync(gitdir: string, objects: readonly NewObject[]): Promise<{ name: string; ids: string[] }> {
  const entries = objects.map(({ type, content, oid }) => ({ oid: oid ?? hashObject(type, content).oid, type, content }));
  const { name, pack, idx } = await packBytesAsync(entries);
  const folder = join(gitdir, "objects", "pack");
  const packPath = join(folder, `pack-${name}.pack`);
  const idxPath = join(folder, `pack-${name}.idx`);
  const ids = entries.map(({ oid }) => oid);
  if (existsSync(idxPath) && existsSync(packPath)) return { name, ids };
  await mkdir(folder, { recursive: true });
  const temporaries = [packPath, idxPath].map((path) => temporaryName(path, true));
  try {
    // Both flushed side by side (each is whole before either is renamed).
    await Promise.all(
      [pack, idx].map(async (bytes, index) => {
        const handle = await open(temporaries[index] as string, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o444);
        try {
          await handle.writeFile(bytes);
          if (durable) await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    crashPoint("pack:before-rename");
    await rename(temporaries[0] as string, packPath);
    crashPoint("pack:between-renames");
    await rename(temporaries[1] as string, idxPath);
  } catch (error) {
    await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
    throw error;
  }
  await fsyncDirectoryAsync(folder);
  return { name, ids };
}

/**
 * From how many objects written together a pack is written instead of loose
 * objects: a workspace form's few files stay loose (no pack per submission);
 * an import of thousands of rows pays one flush instead of one per object
 * (10k flushed loose objects took 17 s under load).
 */
export const PACK_FROM_OBJECTS = 64;

interface Batch {
  objects: NewObject[];
  settle: { from: number; count: number; resolve: (ids: string[]) => void; reject: (error: unknown) => void }[];
}

const batches = new Map<string, Batch>();

/**
 * Writes objects durably and returns their ids once they are on the disk. The
 * calls made in one turn of the event loop (a `Promise.all` over the files of
 * a submission) are gathered and written together, as a database groups
 * commits: one pack (from `PACK_FROM_OBJECTS` objects on) or loose objects
 * flushed side by side. Each promise settles when its objects are readable.
 */
export function writeObjects(gitdir: string, objects: readonly NewObject[]): Promise<string[]> {
  let batch = batches.get(gitdir);
  if (!batch) {
    const created: Batch = { objects: [], settle: [] };
    batch = created;
    batches.set(gitdir, created);
    setImmediate(() => {
      batches.delete(gitdir);
      void writeBatch(gitdir, created);
    });
  }
  const from = batch.objects.length;
  batch.objects.push(...objects);
  const { settle } = batch;
  return new Promise((resolve, reject) => settle.push({ from, count: objects.length, resolve, reject }));
}

async function writeBatch(gitdir: string, batch: Batch): Promise<void> {
  try {
    const ids = batch.objects.length >= PACK_FROM_OBJECTS ? (await writePackAsync(gitdir, batch.objects)).ids : await writeLooseObjects(gitdir, batch.objects);
    for (const { from, count, resolve } of batch.settle) resolve(ids.slice(from, from + count));
  } catch (error) {
    for (const { reject } of batch.settle) reject(error);
  }
}

// ---------------------------------------------------------------- refs

const OID = /^[0-9a-f]{40}$/;

/** The ref moved between the read and the write: the caller re-reads and redoes its work on top, or gives up. */
export class RefMoved extends GitError {
  readonly actual: string | undefined;
  constructor(ref: string, actual: string | undefined) {
    super(`Nhánh ${ref.replace(/^refs\/heads\//, "")} vừa được một lệnh khác cập nhật`);
    this.actual = actual;
  }
}

/**
 * What a loose ref file or packed-refs says about a ref: an id, undefined when absent, or "broken"
 * (empty, garbage); `packed` when the caller looks at packed-refs once for several names; `fresh`
 * reads the files without the caches (a compare-and-swap under the ref's lock must not trust them).
 */
export function readRefValue(
  gitdir: string,
  ref: string,
  packed: () => ReadonlyMap<string, string> = () => packedRefs(gitdir),
  fresh = false,
): string | undefined | "broken" {
  const text = readRefFile(join(gitdir, ref), fresh);
  if (text !== undefined) {
    const value = text.trim();
    if (OID.test(value)) return value;
    const symbolic = /^ref: *(\S+)$/.exec(value)?.[1];
    if (symbolic) {
      const target = readRefValue(gitdir, symbolic, () => packedRefs(gitdir, fresh), fresh);
      return target;
    }
    return "broken";
  }
  // `packed`: the caller's one look at packed-refs for several names, asked only when a loose file is missing.
  return packed().get(ref);
}

/**
 * A loose ref file's text, or undefined when there is none. Probed with a stat
 * that answers "absent" without an exception first: `main` is looked for as
 * `main`, `refs/main` and `refs/tags/main` before `refs/heads/main`, on every
 * page, and three failed reads each building an error were most of a look-up.
 * A file seen before with the same identity (device, inode, size, change
 * times) is not read again: every writer (git, isomorphic-git through our fs,
 * this module) replaces a ref by renaming a new file over it, which changes
 * the inode and the change time. As git does for its index ("racy git"), a
 * file changed less than 100 ms before it was read is not trusted this
 * way (file clocks tick coarsely, and a freed inode can come back), so it is
 * read again next time; on a file system that keeps whole seconds only, a
 * file counts as settled two seconds after its stamp. `fresh` skips the cache.
 */
function readRefFile(path: string, fresh = false): string | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false, bigint: true });
    if (!stats) {
      refFiles.delete(path);
      return undefined;
    }
    const stamp = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    const known = refFiles.get(path);
    if (!fresh && known?.stamp === stamp) return known.text;
    const text = readFileSync(path, "utf8");
    if (settled(stats)) {
      // Deleted branches that are never asked for again would otherwise stay here for the server's life.
      if (refFiles.size >= REF_CACHE_ENTRIES) refFiles.clear();
      refFiles.set(path, { stamp, text });
    } else refFiles.delete(path);
    return text;
  } catch {
    // Removed between the stat and the read, a folder on the way is a file, or unreadable: no loose ref here.
    refFiles.delete(path);
    return undefined;
  }
}

/** The loose ref files read, by path, with the identity they had (see `readRefFile`). */
const refFiles = new Map<string, { stamp: string; text: string }>();
const REF_CACHE_ENTRIES = 10_000;

/**
 * Whether a file's stamp can tell its next change apart (see `readRefFile`): changed more than
 * 100 ms ago, or more than 2 s ago when its times are whole seconds (a coarse file clock, where
 * later writes within the same second leave the same stamp).
 */
export function settled(stats: { mtimeNs: bigint; ctimeNs: bigint }, now = Date.now()): boolean {
  const coarse = stats.mtimeNs % 1_000_000_000n === 0n && stats.ctimeNs % 1_000_000_000n === 0n;
  const changedMs = Math.max(Number(stats.ctimeNs / 1_000_000n), Number(stats.mtimeNs / 1_000_000n));
  return now - changedMs > (coarse ? 2_000 : 100);
}

/** The last `packed-refs` read of each git directory, by its identity on disk (git replaces the file whole, by rename). */
const packedCache = new Map<string, { stamp: string; refs: ReadonlyMap<string, string> }>();

/**
 * The refs of `packed-refs`, by full name (read again only when the file changed, by the rule of
 * `readRefFile`: a server asks for refs on every page); `fresh` reads it whatever the cache holds.
 */
export function packedRefs(gitdir: string, fresh = false): ReadonlyMap<string, string> {
  const path = join(gitdir, "packed-refs");
  const stats = statSync(path, { throwIfNoEntry: false, bigint: true });
  if (!stats) return new Map();
  const stamp = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  const cached = packedCache.get(gitdir);
  if (!fresh && cached?.stamp === stamp) return cached.refs;
  const refs = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return refs;
  }
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (match) refs.set(match[2] as string, match[1] as string);
  }
  if (settled(stats)) packedCache.set(gitdir, { stamp, refs });
  else packedCache.delete(gitdir);
  return refs;
}

/**
 * How old a lock without an owner file (git's own, or ours from a crash in the
 * instant before the owner was written) must be to count as abandoned: a ref
 * update takes milliseconds; git holds `index.lock` while a commit's editor is open.
 */
const STALE_LOCK_MS = { ref: 30_000, index: 600_000 };

/**
 * Who holds a lock: a file of its own under `dan-y/locks/` in the git directory
 * (never beside the ref, where git would take it for a broken ref).
 */
export function lockOwnerFile(lock: string): string {
  const gitdir = gitDirOfLock(lock);
  return join(gitdir, "dan-y", "locks", `${lock.slice(gitdir.length + 1).replaceAll("/", "%")}.owner`);
}

/** The git directory a lock file belongs to (the folder above `refs/`, or that holds `index`). */
function gitDirOfLock(lock: string): string {
  const refs = lock.lastIndexOf("/refs/");
  return refs >= 0 ? lock.slice(0, refs) : dirname(lock);
}

function lockOwnerAlive(lock: string): boolean | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(lockOwnerFile(lock), "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return processAlive(pid);
}

/** Whether a process of this machine is running: one definition, in pid-lock.ts, re-exported for the store's callers. */
export { processAlive };

/** Whether a lock file was left behind by a process that died (or is older than any live write). */
export function lockIsStale(lock: string): boolean {
  const alive = lockOwnerAlive(lock);
  if (alive !== undefined) return !alive;
  try {
    return Date.now() - statSync(lock).mtimeMs > (basename(lock) === "index.lock" ? STALE_LOCK_MS.index : STALE_LOCK_MS.ref);
  } catch {
    return false;
  }
}

/** Reports a repair the tools made on their own (a stale lock removed, an interrupted step completed), in Vietnamese. */
export type Notice = (message: string) => void;

export const stderrNotice: Notice = (message) => {
  process.stderr.write(`${message}\n`);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes `<path>.lock` with O_EXCL, retrying while another live process holds
 * it; a lock left by a dead process is removed (and said so). Returns the
 * descriptor of the new lock file, to be written and renamed by the caller.
 */
export async function acquireLock(path: string, notice: Notice, what: string, waitMs = 10_000): Promise<{ lock: string; descriptor: number }> {
  const lock = `${path}.lock`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      // Created on the thread pool (O_EXCL, as git does): creating a file costs about 0.4 ms here, which a busy server would otherwise wait for.
      const descriptor = await openExclusive(lock);
      try {
        await writeOwnerFile(lockOwnerFile(lock));
      } catch {
        // Without an owner file the lock's age decides whether it is stale.
      }
      return { lock, descriptor };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (lockIsStale(lock)) {
      rmSync(lock, { force: true });
      rmSync(lockOwnerFile(lock), { force: true });
      notice(`Đã gỡ tệp khóa ${what} do một lệnh trước đó dừng giữa chừng bỏ lại (${lock}).`);
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new GitError(`Không ghi được ${what}: tệp khóa ${lock} đang có (một lệnh khác đang ghi). Nếu không còn lệnh nào chạy, hãy chạy: dan-y doctor`);
    }
    await sleep(Math.min(50, 2 + attempt * 3) * (0.5 + Math.random()));
  }
}

/** Creates a lock file (O_EXCL); its folder (a new branch's `refs/heads/submissions/<unit>/`) is made only when missing, not before every lock. */
async function openExclusive(path: string): Promise<number> {
  const create = () =>
    new Promise<number>((resolve, reject) =>
      openCallback(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644, (error, descriptor) =>
        error ? reject(error) : resolve(descriptor),
      ),
    );
  try {
    return await create();
  } catch (error) {
    if (!FOLDER_MISSING.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code !== "EEXIST" && code !== "ENOTDIR") throw error;
    // Not EEXIST to the caller, which would take it for a lock held by someone else and wait.
    throw new GitError(
      `Không tạo được thư mục ${dirname(path)} (${(error as NodeJS.ErrnoException).code ?? "lỗi"}): một tệp đang nằm ở chỗ một thư mục trên đường đi (chẳng hạn đã có nhánh "a" nên không tạo được nhánh "a/b").`,
    );
  }
  return create();
}

async function writeOwnerFile(owner: string): Promise<void> {
  try {
    await writeFile(owner, `${process.pid}\n`);
    return;
  } catch (error) {
    if (!FOLDER_MISSING.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
  await mkdir(dirname(owner), { recursive: true });
  await writeFile(owner, `${process.pid}\n`);
}

export function releaseLock(lock: string): void {
  rmSync(lockOwnerFile(lock), { force: true });
}

// ---------------------------------------------------------------- the working copy's lock

/** Where the working copy's writer holds its lock (the pid inside): in the git directory, beside the journal. */
export const workingCopyLockPath = (gitdir: string) => join(gitdir, "dan-y", "working-copy.lock");

/**
 * Runs `work` (read main's tree, write the working files, patch the index)
 * while holding the working copy's lock: a `dan-y approve` in a terminal and
 * the workspace server's background pass on the same checkout would otherwise
 * interleave, one writing a file from an older main after the other wrote the
 * newer one. It is a pid lock (pid-lock.ts): in-process writers queue, a dead
 * holder's lock is broken (and said so) under its breaking lock, and release
 * leaves a lock that is no longer this writer's.
 */
export function withWorkingCopyLock<T>(gitdir: string, notice: Notice, work: () => Promise<T>, waitMs = 120_000): Promise<T> {
  return withPidLock(workingCopyLockPath(gitdir), work, {
    notice,
    brokenLine: (lock, holder) => `Đã gỡ tệp khóa của bản làm việc ${lock} của tiến trình ${holder} đã dừng (một lệnh trước đó dừng giữa chừng bỏ lại).`,
    waitMs,
    // Held for the few milliseconds of one batch of files: retried often.
    pollMs: 50,
    timeout: (lock, holder) =>
      new GitError(
        `Không ghi được tệp làm việc: tệp khóa ${lock} đang có (tiến trình ${holder === "không rõ" ? "chưa rõ" : holder} đang ghi bản làm việc). Nếu tiến trình đó không phải của dan-y, hãy xoá tệp khóa rồi chạy lại.`,
      ),
  });
}

/**
 * Moves `ref` from `expected` (undefined: the ref must not exist) to `next`,
 * under the ref's lock, after re-reading it: if another writer moved it first,
 * nothing is written and `RefMoved` says what it is now. `step` names the
 * crash-test points around the write.
 */
export async function compareAndSwapRef(
  gitdir: string,
  ref: string,
  expected: string | undefined,
  next: string,
  options: { notice?: Notice; step?: string } = {},
): Promise<void> {
  if (!OID.test(next)) throw new GitError(`Giá trị không hợp lệ cho ${ref}: ${next}`);
  const path = join(gitdir, ref);
  const { lock, descriptor } = await acquireLock(path, options.notice ?? stderrNotice, `nhánh ${ref.replace(/^refs\/heads\//, "")}`);
  let renamed = false;
  let closed = false;
  try {
    // Read from disk, not from the caches: a stamp that failed to change must cost a retry, never a lost move.
    const current = readRefValue(gitdir, ref, () => packedRefs(gitdir, true), true);
    const actual = current === "broken" ? undefined : current;
    // A broken (empty) ref counts as absent only for a caller that expected nothing there.
    if (current === "broken" ? expected !== undefined : actual !== expected) throw new RefMoved(ref, actual);
    const data = Buffer.from(`${next}\n`, "latin1");
    for (let written = 0; written < data.length; ) written += writeSync(descriptor, data, written, data.length - written);
    // Flushed off the event loop: other requests run while this ref's lock is held (they wait only for this ref).
    await flushAsync(descriptor);
    closeSync(descriptor);
    closed = true;
    if (options.step) crashPoint(`${options.step}:ref-locked`);
    // The owner file goes first: once the lock is renamed another writer may take a new one and write its own.
    releaseLock(lock);
    renameSync(lock, path);
    renamed = true;
    await fsyncDirectoryAsync(dirname(path));
  } finally {
    if (!renamed) {
      if (!closed) closeSync(descriptor);
      releaseLock(lock);
      rmSync(lock, { force: true });
    }
  }
}
