/**
 * Replaces a few entries of `.git/index` without rewriting the rest through
 * isomorphic-git, which reads and writes every entry (about 0.8 s on a
 * 100k-file repository, measured) to update the handful of files an approval
 * changes. Only the plain formats (versions 2 and 3, no split or sparse index)
 * are patched; for anything else the caller falls back to isomorphic-git.
 */
import { createHash } from "node:crypto";
import { closeSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { acquireLock, flush, type Notice, releaseLock, stderrNotice } from "./git-store.ts";

/** A path's new state: its blob and mode in the commit and the file just written; `undefined` removes it. */
export interface IndexUpdate {
  path: string;
  blob?: { oid: string; mode: number; file: string };
}

/** Extensions that only cache or record history, and may be dropped when entries change. */
const DROPPABLE = new Set(["TREE", "REUC", "UNTR", "EOIE", "IEOT", "FSMN"]);
const HEADER = 12;
const CHECKSUM = 20;

interface Slice {
  path: Buffer;
  start: number;
  end: number;
}

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

/** Entries of the index as slices of its bytes, or undefined when the format is one this module does not patch. */
function readEntries(bytes: Buffer): { version: number; entries: Slice[] } | undefined {
  if (bytes.length < HEADER + CHECKSUM || bytes.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = bytes.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = bytes.readUInt32BE(8);
  const entries: Slice[] = [];
  let offset = HEADER;
  for (let index = 0; index < count; index++) {
    const flags = bytes.readUInt16BE(offset + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    // Conflicted (staged) entries and extended flags (intent-to-add, skip-worktree) are left to isomorphic-git.
    if (extended || (flags & 0x3000) !== 0) return undefined;
    const nameStart = offset + 62;
    const nameEnd = bytes.indexOf(0, nameStart);
    if (nameEnd < 0) return undefined;
    const end = offset + ((62 + (nameEnd - nameStart) + 8) & ~7);
    entries.push({ path: bytes.subarray(nameStart, nameEnd), start: offset, end });
    offset = end;
  }
  for (let extension = offset; extension < bytes.length - CHECKSUM; ) {
    if (!DROPPABLE.has(bytes.toString("latin1", extension, extension + 4))) return undefined;
    extension += 8 + bytes.readUInt32BE(extension + 4);
  }
  return { version, entries };
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
  return writeUnderLock(indexFile, lock, openSync(lock, "wx"), updates);
}

/** How long to wait for `index.lock`; `DAN_Y_INDEX_LOCK_WAIT_MS` shortens it for the test of a lock that stays busy. */
const INDEX_LOCK_WAIT_MS = () => Number(process.env.DAN_Y_INDEX_LOCK_WAIT_MS) || 120_000;

/**
 * The same, waiting while another live process holds `index.lock` (concurrent
 * approvals each patch their own paths) and removing a lock a dead one left.
 */
export async function patchIndexWhenFree(gitdir: string, updates: readonly IndexUpdate[], notice: Notice = stderrNotice): Promise<boolean> {
  const indexFile = join(gitdir, "index");
  // Each holder rewrites the whole index (seconds on 100k files on a busy machine): wait for a queue of them.
  const { lock, descriptor } = await acquireLock(indexFile, notice, ".git/index", INDEX_LOCK_WAIT_MS());
  return writeUnderLock(indexFile, lock, descriptor, updates);
}

function writeUnderLock(indexFile: string, lock: string, descriptor: number, updates: readonly IndexUpdate[]): boolean {
  let renamed = false;
  let closed = false;
  try {
    let bytes: Buffer;
    try {
      bytes = readFileSync(indexFile);
    } catch {
      return false;
    }
    const parsed = readEntries(bytes);
    if (!parsed) return false;
    const body = patchedIndex(bytes, parsed, updates);
    writeAll(descriptor, body);
    writeAll(descriptor, createHash("sha1").update(body).digest());
    flush(descriptor);
    closeSync(descriptor);
    closed = true;
    releaseLock(lock);
    renameSync(lock, indexFile);
    renamed = true;
    return true;
  } finally {
    if (!renamed) {
      if (!closed) closeSync(descriptor);
      releaseLock(lock);
      rmSync(lock, { force: true });
    }
  }
}

function writeAll(descriptor: number, data: Buffer): void {
  for (let written = 0; written < data.length; ) written += writeSync(descriptor, data, written, data.length - written);
}

function patchedIndex(bytes: Buffer, parsed: { version: number; entries: Slice[] }, updates: readonly IndexUpdate[]): Buffer {
  const changed = new Set(updates.map((update) => update.path));
  const added = updates
    .filter((update) => update.blob)
    .map((update) => {
      const path = Buffer.from(update.path, "utf8");
      const blob = update.blob as NonNullable<IndexUpdate["blob"]>;
      return { path, bytes: entryBytes(path, blob.oid, blob.mode, blob.file) };
    })
    .sort((a, b) => Buffer.compare(a.path, b.path));
  const parts: Buffer[] = [Buffer.alloc(HEADER)];
  let count = 0;
  let next = 0;
  for (const entry of parsed.entries) {
    while (next < added.length && Buffer.compare((added[next] as (typeof added)[number]).path, entry.path) < 0) {
      parts.push((added[next++] as (typeof added)[number]).bytes);
      count++;
    }
    if (changed.has(entry.path.toString("utf8"))) continue;
    parts.push(bytes.subarray(entry.start, entry.end));
    count++;
  }
  for (; next < added.length; next++, count++) parts.push((added[next] as (typeof added)[number]).bytes);
  const header = parts[0] as Buffer;
  header.write("DIRC", 0, "latin1");
  header.writeUInt32BE(parsed.version, 4);
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
  const entries = new Map<string, { oid: string; mode: number }>();
  for (const entry of parsed.entries) {
    entries.set(entry.path.toString("utf8"), { oid: bytes.toString("hex", entry.start + 40, entry.start + 60), mode: bytes.readUInt32BE(entry.start + 24) });
  }
  return entries;
}
