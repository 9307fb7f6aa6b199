/**
 * The search records kept between publishes, beside the loaded content (content-cache.ts). An
 * entry's record reads only that entry and the shared data (units, reference lists, schedule:
 * `recordBuilder`), so it is kept under the digest of the entry's file, in chunks valid for one
 * digest of every shared file and of the site's code (which imports the record builder). At 100k
 * observations building every record took most of the records' step of an incremental publish;
 * after one approval only the changed entries' records are built again. A chunk is rewritten only
 * when one of its records changed; anything unreadable is a miss.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { ContentModel } from "../core/content/content-model.ts";
import { recordBuilder, type SearchRecord } from "../core/search/records.ts";
import type { UnitTree } from "../core/units/unit-tree.ts";
import { type CachedLoad, chunkFile, chunkOf } from "./content-cache.ts";

const RECORDS_FORMAT = "dan-y-ban-ghi-2";

/** The folder under a site's cache that holds the records' chunks. */
export const RECORD_CACHE_FOLDER = "ban-ghi";

interface RecordChunk {
  format: string;
  key: string;
  records: [path: string, digest: string, record: SearchRecord, hash: string][];
}

/**
 * The digest of a record's JSON, what a shard's hash is made of (search-records-process.ts). Kept
 * with the record, so that telling which shards changed no longer serialises every record of the
 * index (at 100k, about 2 s of an incremental publish).
 */
export const recordHash = (record: SearchRecord): string => createHash("sha1").update(JSON.stringify(record)).digest("base64");

/** Records in `searchRecords`' order, each with its `recordHash` at the same index. */
export interface HashedRecords {
  records: SearchRecord[];
  hashes: string[];
}

const isEntryPath = (path: string) => path.startsWith("observations/") || path.startsWith("reports/");

/**
 * Every record, in `searchRecords`' order (observations, then reports, in the model's order),
 * taking unchanged entries' records from `cacheDir`. `code` names the site's code, `root` the
 * display root the model's `source.file` paths start with.
 */
export function cachedRecords(
  model: ContentModel,
  tree: UnitTree,
  load: Pick<CachedLoad, "digests">,
  options: { cacheDir: string; code: string; root: string },
): HashedRecords & { built: number; save: () => void } {
  const shared = createHash("sha256").update(`${RECORDS_FORMAT}\0${options.code}\0${options.root}\0`);
  for (const [path, digest] of load.digests) if (!isEntryPath(path)) shared.update(`${path}\0${digest}\0`);
  const key = shared.digest("hex");
  const folder = join(options.cacheDir, RECORD_CACHE_FOLDER);
  const known = new Map<string, [digest: string, record: SearchRecord, hash: string]>();
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".v8"));
  } catch {
    // No records kept yet.
  }
  for (const name of names) {
    try {
      const chunk = deserialize(readFileSync(join(folder, name))) as RecordChunk;
      if (chunk.format !== RECORDS_FORMAT || chunk.key !== key) continue;
      for (const [path, digest, record, hash] of chunk.records) known.set(path, [digest, record, hash]);
    } catch {
      // A chunk cut short is only a miss.
    }
  }
  const build = recordBuilder(model, tree);
  const chunks = new Map<string, RecordChunk["records"]>();
  const changed = new Set<string>();
  const records: SearchRecord[] = [];
  const hashes: string[] = [];
  let built = 0;
  const take = <E extends { source: { file: string } }>(entry: E, make: (entry: E) => SearchRecord) => {
    const path = entry.source.file.startsWith(options.root) ? entry.source.file.slice(options.root.length) : entry.source.file;
    const digest = load.digests.get(path);
    const chunk = chunkOf(path);
    let members = chunks.get(chunk);
    if (!members) {
      members = [];
      chunks.set(chunk, members);
    }
    const cached = known.get(path);
    known.delete(path);
    let record: SearchRecord;
    let hash: string;
    if (digest !== undefined && cached?.[0] === digest) [, record, hash] = cached;
    else {
      record = make(entry);
      hash = recordHash(record);
      built++;
      changed.add(chunk);
    }
    records.push(record);
    hashes.push(hash);
    if (digest !== undefined) members.push([path, digest, record, hash]);
  };
  for (const entry of model.observations.values()) take(entry, build.observation);
  for (const report of model.reports.values()) take(report, build.report);
  for (const path of known.keys()) changed.add(chunkOf(path));
  const save = () => {
    mkdirSync(folder, { recursive: true });
    for (const name of changed) {
      const members = chunks.get(name);
      if (!members) continue;
      const target = join(folder, chunkFile(name));
      const partial = `${target}.${process.pid}.dang-ghi`;
      writeFileSync(partial, serialize({ format: RECORDS_FORMAT, key, records: members } satisfies RecordChunk));
      renameSync(partial, target);
    }
    const wanted = new Set([...chunks.keys()].map(chunkFile));
    for (const name of readdirSync(folder)) if (!wanted.has(name)) rmSync(join(folder, name), { force: true });
  };
  return { records, hashes, built, save };
}
