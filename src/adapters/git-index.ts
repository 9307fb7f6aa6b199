/**
 * Replaces a few entries of `.git/index` without rewriting the rest through
 * isomorphic-git, which reads and writes every entry (about 0.8 s on a
 * 100k-file repository, measured) to update the handful of files an approval
 * changes. Only the plain formats (versions 2 and 3, no split or sparse index)
 * are patched; for anything else the caller falls back to isomorphic-git.
 */
import { createHash, webcrypto } from "node:crypto";
import { close, closeSync, lstatSync, openSync, readFileSync, renameSync, rmSync, write, writeSync } from "node:fs";
import { readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock, flush, flushAsync, type Notice, releaseLock, stderrNotice } from "./git-store.ts";

/** A path's new state: its blob and mode in the commit and the file just written; `undefined` removes it. */
export interface IndexUpdate {
  path: string;
  blob?: { oid: string; mode: number; file: string };
}

/** Extensions that only cache or record history, and may be dropped when entries change. */
const DROPPABLE = new Set(["TREE", "REUC", "UNTR", "EOIE", "IEOT", "FSMN"]);
const HEADER = 12;
const CHECKSUM = 20;

function entryBytes(path: Buffer, oid: string, mode: number, file: string): Buffer {
  const stats = lstatSync(file, { bigint: true });
  const size = 62 + path.length;
  const entry = Buffer.alloc((size + 8) & ~7);
  const seconds = (ns: bigint) => Number((ns / 1_000_000_000n) & 0xffffffffn);
  const nanos = (ns: bigint) => Number(ns % 1_000_000_000n);
  const fields = [
    seconds(stats.ctimeNs),
    nanos(stats.ctimeNs),
    seconds(stats.mtimeNs),
    nanos(stats.mtimeNs),
    Number(stats.dev & 0xffffffffn),
    Number(stats.ino & 0xffffffffn),
    mode,
    Number(stats.uid & 0xffffffffn),
    Number(stats.gid & 0xffffffffn),
    Number(stats.size & 0xffffffffn),
  ];
  fields.forEach((value, index) => {
    entry.writeUInt32BE(value >>> 0, index * 4);
  });
  Buffer.from(oid, "hex").copy(entry, 40);
  entry.writeUInt16BE(Math.min(path.length, 0xfff), 60);
  path.copy(entry, 62);
  return entry;
}

/**
 * The entries of an index as offsets into its bytes (entry `i` spans
 * `starts[i]`…`starts[i + 1]`, its name `starts[i] + 62`…`nameEnds[i]`), or
 * undefined when the format is one this module does not patch. Offsets rather
 * than an object per entry: a 100k-file index is scanned in a few milliseconds.
 */
interface Entries {
  version: number;
  count: number;
  starts: Uint32Array;
  nameEnds: Uint32Array;
}

function readEntries(bytes: Buffer): Entries | undefined {
  if (bytes.length < HEADER + CHECKSUM || bytes.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = bytes.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = bytes.readUInt32BE(8);
  const limit = bytes.length - CHECKSUM;
  if (count > limit / 62) return undefined;
  const starts = new Uint32Array(count + 1);
  const nameEnds = new Uint32Array(count);
  let offset = HEADER;
  for (let index = 0; index < count; index++) {
    if (offset + 62 > limit) return undefined;
    const flags = bytes.readUInt16BE(offset + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    // Conflicted (staged) entries and extended flags (intent-to-add, skip-worktree) are left to isomorphic-git.
    if (extended || (flags & 0x3000) !== 0) return undefined;
    const nameStart = offset + 62;
    // The name's length is in the flags below 0xfff (git's own reading); a longer name ends at its first NUL.
    const short = flags & 0xfff;
    const nameEnd = short < 0xfff && bytes[nameStart + short] === 0 ? nameStart + short : bytes.indexOf(0, nameStart);
    if (nameEnd < 0 || nameEnd >= limit) return undefined;
    starts[index] = offset;
    nameEnds[index] = nameEnd;
    offset += (62 + (nameEnd - nameStart) + 8) & ~7;
  }
  if (offset > limit) return undefined;
  starts[count] = offset;
  for (let extension = offset; extension < limit; ) {
    if (!DROPPABLE.has(bytes.toString("latin1", extension, extension + 4))) return undefined;
    extension += 8 + bytes.readUInt32BE(extension + 4);
  }
  return { version, count, starts, nameEnds };
}

/** The first entry whose name is not below `path` (git keeps entries sorted by name bytes), and whether it is `path`. */
function seek(bytes: Buffer, entries: Entries, path: Buffer): { at: number; found: boolean } {
  let low = 0;
  let high = entries.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = (entries.starts[middle] as number) + 62;
    // Negative: the entry's name sorts before `path`.
    if (bytes.compare(path, 0, path.length, start, entries.nameEnds[middle]) < 0) low = middle + 1;
    else high = middle;
  }
  const found = low < entries.count && bytes.compare(path, 0, path.length, (entries.starts[low] as number) + 62, entries.nameEnds[low]) === 0;
  return { at: low, found };
}

/**
 * `index.lock`, taken, with its descriptor open: `install` closes the written
 * and flushed lock and renames it over the index; `release` (in `finally`)
 * undoes a lock that was not installed, whichever step failed, so the sync and
 * async writers share one cleanup.
 */
class HeldIndexLock {
  #closed = false;
  #installed = false;
  readonly indexFile: string;
  readonly lock: string;
  readonly descriptor: number;

  constructor(indexFile: string, lock: string, descriptor: number) {
    this.indexFile = indexFile;
    this.lock = lock;
    this.descriptor = descriptor;
  }

  install(): void {
    closeSync(this.descriptor);
    this.#closed = true;
    // The owner file goes first: once the lock is renamed another writer may take a new one and write its own.
    releaseLock(this.lock);
    renameSync(this.lock, this.indexFile);
    this.#installed = true;
  }

  /**
   * The same off the event loop, in the same order: renaming over a 10–15 MB
   * index frees the old file's blocks, which stopped a server for tens of ms.
   */
  async installAsync(): Promise<void> {
    await new Promise<void>((resolve, reject) => close(this.descriptor, (error) => (error ? reject(error) : resolve())));
    this.#closed = true;
    releaseLock(this.lock);
    await rename(this.lock, this.indexFile);
    this.#installed = true;
  }

  release(): void {
    if (this.#installed) return;
    if (!this.#closed) closeSync(this.descriptor);
    releaseLock(this.lock);
    rmSync(this.lock, { force: true });
  }
}

/**
 * Writes the index with the updates applied, through `index.lock` as git does:
 * the lock is taken first (O_EXCL: a concurrent git command makes this fail
 * with EEXIST rather than interleave) and the index read under it, so two
 * writers never drop each other's entries; the new index is flushed before it
 * is renamed into place. Returns false, changing nothing, when the index is in
 * a format this module leaves to isomorphic-git.
 */
export function patchIndex(gitdir: string, updates: readonly IndexUpdate[]): boolean {
  const indexFile = join(gitdir, "index");
  const lock = `${indexFile}.lock`;
  const held = new HeldIndexLock(indexFile, lock, openSync(lock, "wx"));
  try {
    const body = patchedIndex(readIfThere(indexFile), updates);
    if (!body) return false;
    writeAll(held.descriptor, body);
    writeAll(held.descriptor, createHash("sha1").update(body).digest());
    flush(held.descriptor);
    held.install();
    return true;
  } finally {
    held.release();
  }
}

/** How long to wait for `index.lock`; `DAN_Y_INDEX_LOCK_WAIT_MS` shortens it for the test of a lock that stays busy. */
const INDEX_LOCK_WAIT_MS = () => Number(process.env.DAN_Y_INDEX_LOCK_WAIT_MS) || 120_000;

/**
 * The same, waiting while another live process holds `index.lock` (concurrent
 * approvals each patch their own paths) and removing a lock a dead one left.
 * Reading, hashing (on the thread pool), writing and flushing the index run
 * off the event loop: a 100k-file index is 10–15 MB, which a server would
 * otherwise stop for (70–130 ms, measured) on every approval.
 */
export async function patchIndexWhenFree(gitdir: string, updates: readonly IndexUpdate[], notice: Notice = stderrNotice): Promise<boolean> {
  const indexFile = join(gitdir, "index");
  const { lock, descriptor } = await acquireLock(indexFile, notice, ".git/index", INDEX_LOCK_WAIT_MS());
  const held = new HeldIndexLock(indexFile, lock, descriptor);
  try {
    const body = patchedIndex(await readFile(indexFile).catch(() => undefined), updates);
    if (!body) return false;
    const checksum = Buffer.from(await webcrypto.subtle.digest("SHA-1", body));
    await writeAllAsync(descriptor, body);
    await writeAllAsync(descriptor, checksum);
    await flushAsync(descriptor);
    await held.installAsync();
    return true;
  } finally {
    held.release();
  }
}

/** The index's bytes, or undefined when there is none (nothing to patch). */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeAll(descriptor: number, data: Buffer): void {
  for (let written = 0; written < data.length; ) written += writeSync(descriptor, data, written, data.length - written);
}

async function writeAllAsync(descriptor: number, data: Buffer): Promise<void> {
  for (let written = 0; written < data.length; ) {
    written += await new Promise<number>((resolve, reject) =>
      write(descriptor, data, written, data.length - written, null, (error, count) => (error ? reject(error) : resolve(count))),
    );
  }
}

/**
 * The index's header and entries with the updates applied (extensions dropped:
 * only droppable ones are accepted), without its checksum; undefined for a
 * format this module does not patch (or no index). Unchanged runs of entries are copied whole.
 */
function patchedIndex(bytes: Buffer | undefined, updates: readonly IndexUpdate[]): Buffer | undefined {
  if (!bytes) return undefined;
  const entries = readEntries(bytes);
  if (!entries) return undefined;
  // One update per path (the last given), in the index's order.
  const byPath = new Map<string, IndexUpdate>();
  for (const update of updates) byPath.set(update.path, update);
  const sorted = [...byPath.values()].map((update) => ({ update, path: Buffer.from(update.path, "utf8") })).sort((a, b) => Buffer.compare(a.path, b.path));
  const parts: Buffer[] = [Buffer.alloc(HEADER)];
  let count = entries.count;
  let cursor = 0;
  for (const { update, path } of sorted) {
    const { at, found } = seek(bytes, entries, path);
    if (at > cursor) parts.push(bytes.subarray(entries.starts[cursor], entries.starts[at]));
    cursor = found ? at + 1 : at;
    if (found) count--;
    if (update.blob) {
      parts.push(entryBytes(path, update.blob.oid, update.blob.mode, update.blob.file));
      count++;
    }
  }
  if (entries.count > cursor) parts.push(bytes.subarray(entries.starts[cursor], entries.starts[entries.count]));
  const header = parts[0] as Buffer;
  header.write("DIRC", 0, "latin1");
  header.writeUInt32BE(entries.version, 4);
  header.writeUInt32BE(count, 8);
  return Buffer.concat(parts);
}

/** The path and blob id of every entry of an index (stage 0 only; undefined for formats this module does not read). */
export function readIndexEntries(gitdir: string): Map<string, { oid: string; mode: number }> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(gitdir, "index"));
  } catch {
    return undefined;
  }
  const parsed = readEntries(bytes);
  if (!parsed) return undefined;
  const found = new Map<string, { oid: string; mode: number }>();
  for (let index = 0; index < parsed.count; index++) {
    const start = parsed.starts[index] as number;
    found.set(bytes.toString("utf8", start + 62, parsed.nameEnds[index]), {
      oid: bytes.toString("hex", start + 40, start + 60),
      mode: bytes.readUInt32BE(start + 24),
    });
  }
  return found;
}
