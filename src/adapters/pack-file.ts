/**
 * The bytes of a git pack file (version 2) and its version 2 index for a set of
 * whole objects (no deltas): git, isomorphic-git and `git fsck` read such a
 * pack as any other. Writing them to disk, durably, is `writePack` in git-store.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { crc32, deflate, deflateSync, type ZlibOptions } from "node:zlib";

const deflateAsync = promisify<Uint8Array, ZlibOptions, Buffer>(deflate);

export type PackedType = "commit" | "tree" | "blob" | "tag";

/** An object to pack: its id as git computes it (`<type> <size>\0<content>`), its type and its content. */
export interface PackEntry {
  oid: string;
  type: PackedType;
  content: Uint8Array;
}

/** zlib's smallest output chunk, and what deflate may add to incompressible input (its block headers and checksum). */
const MIN_CHUNK = 64;
const DEFLATE_SLACK = 64;

const TYPE_CODE: Record<PackedType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

/** The entry header: type and size in git's variable-length encoding (4 bits, then 7 per byte). */
function entryHeader(type: PackedType, length: number): Buffer {
  const bytes: number[] = [];
  let size = length;
  let byte = (TYPE_CODE[type] << 4) | (size & 0x0f);
  size = Math.floor(size / 16);
  while (size > 0) {
    bytes.push(byte | 0x80);
    byte = size & 0x7f;
    size = Math.floor(size / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** Each id once, sorted by id (as the index needs). */
function uniqueSorted(objects: Iterable<PackEntry>): PackEntry[] {
  const unique = new Map<string, PackEntry>();
  for (const object of objects) if (!unique.has(object.oid)) unique.set(object.oid, object);
  return [...unique.values()].sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
}

/**
 * The fastest level: these objects are small Markdown files; a later `git gc` may repack them tighter.
 * An output chunk sized to the object: with the default 16 kB chunk, each 1 kB result kept its own
 * 16 kB buffer alive until the pack was joined (10k objects: 210 MB of the import's peak).
 */
export const deflateOptions = (content: Uint8Array): ZlibOptions => {
  // A window and hash table sized to the object (zlib's default, 256 kB of state per stream, held until the stream is collected):
  // the thread-pool writer compresses a batch's objects side by side, and 64 default states raised the server's RSS by ~50 MB.
  // The output is the same deflate stream git reads (a window no smaller than the object loses no match).
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(content.length + 262))));
  return { level: 1, windowBits, memLevel: Math.max(1, windowBits - 7), chunkSize: Math.max(MIN_CHUNK, content.length + DEFLATE_SLACK) };
};

/**
 * A pack of the given objects (each id once; sorted by id, as the index needs)
 * and its index; `name` is the pack's checksum, which git uses in the file names.
 */
export function packBytes(objects: Iterable<PackEntry>): { name: string; pack: Buffer; idx: Buffer; count: number } {
  const entries = uniqueSorted(objects);
  return assemble(
    entries,
    entries.map(({ content }) => deflateSync(content, deflateOptions(content))),
  );
}

/**
 * The same with the objects compressed on libuv's thread pool, side by side:
 * a server answering other requests meanwhile does not stop for the compression
 * (64 objects or more; about a tenth of the 340 ms a batch's write took under load).
 */
export async function packBytesAsync(objects: Iterable<PackEntry>): Promise<{ name: string; pack: Buffer; idx: Buffer; count: number }> {
  const entries = uniqueSorted(objects);
  // Small objects are compressed here, up to a budget: 20–30 µs each against about 150 µs of CPU through zlib's async streams
  // (a batch of a few sends' blobs, trees and commits); a large import's rest still goes to the thread pool.
  let inline = 0;
  const bodies = entries.map(({ content }) => {
    if (content.length <= INLINE_OBJECT_BYTES && inline + content.length <= INLINE_BATCH_BYTES) {
      inline += content.length;
      return deflateSync(content, deflateOptions(content));
    }
    return deflateAsync(content, deflateOptions(content));
  });
  return assemble(entries, await Promise.all(bodies));
}

/**
 * Objects up to this size (loose ones too, in git-store.ts), up to INLINE_BATCH_BYTES of content per
 * pack, are compressed on the calling thread: 20–30 µs each, against about 150 µs of CPU through the
 * thread pool (measured: 300 B and 2 kB alike; 20 kB 180 µs against 300 µs).
 */
export const INLINE_OBJECT_BYTES = 64 * 1024;
const INLINE_BATCH_BYTES = 256 * 1024;

/** The pack and its index from the sorted entries and each one's compressed content. */
function assemble(entries: readonly PackEntry[], bodies: readonly Buffer[]): { name: string; pack: Buffer; idx: Buffer; count: number } {
  const header = Buffer.alloc(12);
  header.write("PACK", 0, "latin1");
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(entries.length, 8);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  const offsets: number[] = [];
  const crcs: number[] = [];
  entries.forEach((object, index) => {
    const head = entryHeader(object.type, object.content.length);
    const body = bodies[index] as Buffer;
    offsets.push(offset);
    crcs.push(crc32(body, crc32(head)));
    chunks.push(head, body);
    offset += head.length + body.length;
  });
  const packHash = createHash("sha1");
  for (const chunk of chunks) packHash.update(chunk);
  const checksum = packHash.digest();
  chunks.push(checksum);
  const pack = Buffer.concat(chunks, offset + checksum.length);

  const fanout = Buffer.alloc(256 * 4);
  const counts = new Array<number>(256).fill(0);
  for (const { oid } of entries) {
    const first = Number.parseInt(oid.slice(0, 2), 16);
    counts[first] = (counts[first] as number) + 1;
  }
  let running = 0;
  for (let index = 0; index < 256; index++) {
    running += counts[index] as number;
    fanout.writeUInt32BE(running, index * 4);
  }
  const names = Buffer.alloc(entries.length * 20);
  const crcTable = Buffer.alloc(entries.length * 4);
  const offsetTable = Buffer.alloc(entries.length * 4);
  const large: Buffer[] = [];
  entries.forEach(({ oid }, index) => {
    names.write(oid, index * 20, "hex");
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
  const idxBody = Buffer.concat([Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]), fanout, names, crcTable, offsetTable, ...large, checksum]);
  const idx = Buffer.concat([idxBody, createHash("sha1").update(idxBody).digest()]);
  return { name: checksum.toString("hex"), pack, idx, count: entries.length };
}
