/**
 * Writes the site's search index: one Pagefind bundle per date shard under
 * `<site>/pagefind/<shard>/`, and the manifest the search page reads. The only
 * module that talks to Pagefind's indexing service.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { FACET_TABLE_FILE, facetTable } from "../core/search-facet-table.ts";
import type { SearchRecord } from "../core/search-records.ts";
import { MANIFEST_FILE, planShards, type SearchShard, shardManifest } from "../core/search-shards.ts";

export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/** Records per shard: Pagefind's indexer stays near-linear and under about 1 GB below this (measured). */
export const DEFAULT_SHARD_SIZE = 8_000;
/**
 * Shards built at once. Two at a time saved under 10% of the time on two cores
 * and took the peak past 2 GB (measured on 100k records), so one.
 */
const PARALLEL_SHARDS = 1;
/** Records go to the service in batches: one message each, awaited together. */
const BATCH = 1_000;

async function writeShard(shard: SearchShard, bundle: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new SearchIndexError(`Không khởi tạo được chỉ mục tìm kiếm: ${errors.join("; ")}`);
  try {
    for (let start = 0; start < shard.records.length; start += BATCH) {
      const batch = shard.records.slice(start, start + BATCH);
      // Filters stay out of Pagefind: the page filters and counts with the shard's facet table.
      const results = await Promise.all(
        batch.map(({ url, content, language, meta, sort }) => index.addCustomRecord({ url, content, language, meta, sort: { ...sort } })),
      );
      const failed = results.flatMap((result, offset) => result.errors.map((error) => `${batch[offset]?.url}: ${error}`));
      if (failed.length > 0) throw new SearchIndexError(`Pagefind từ chối bản ghi:\n${failed.slice(0, 10).join("\n")}`);
    }
    const written = await index.writeFiles({ outputPath: join(bundle, shard.id) });
    if (written.errors.length > 0) throw new SearchIndexError(`Không ghi được chỉ mục tìm kiếm: ${written.errors.join("; ")}`);
    writeFacetTable(shard, join(bundle, shard.id));
  } finally {
    await index.deleteIndex();
  }
}

/** Pagefind's page ids by URL, read back from the fragments it wrote (the id is the fragment's file name). */
function pageIdsByUrl(shardDir: string): Map<string, string> {
  const folder = join(shardDir, "fragment");
  const ids = new Map<string, string>();
  for (const name of readdirSync(folder)) {
    const text = gunzipSync(readFileSync(join(folder, name))).toString("utf8");
    // Pagefind prefixes its compressed files with a signature before the JSON.
    const fragment = JSON.parse(text.slice(text.indexOf("{"))) as { url?: string };
    if (fragment.url) ids.set(fragment.url, name.replace(/\.pf_fragment$/, ""));
  }
  return ids;
}

/** The shard's facet table, compressed (the page decompresses it, as Pagefind does its own files). */
function writeFacetTable(shard: SearchShard, shardDir: string): void {
  const ids = pageIdsByUrl(shardDir);
  const pages = shard.records.map((record) => {
    const id = ids.get(record.url);
    if (!id) throw new SearchIndexError(`Pagefind không ghi trang ${record.url} vào chỉ mục phần ${shard.id}.`);
    return { id, filters: record.filters };
  });
  writeFileSync(join(shardDir, FACET_TABLE_FILE), gzipSync(JSON.stringify(facetTable(pages))));
}

export async function writeSearchIndex(
  records: readonly SearchRecord[],
  siteDir: string,
  shardSize = DEFAULT_SHARD_SIZE,
): Promise<{ records: number; shards: number; bundle: string }> {
  const bundle = join(siteDir, "pagefind");
  // A stale bundle from an earlier build must not survive beside the new one.
  rmSync(bundle, { recursive: true, force: true });
  mkdirSync(bundle, { recursive: true });
  const shards = planShards(records, shardSize);
  try {
    const pending = [...shards];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_SHARDS, shards.length) }, async () => {
        for (let shard = pending.shift(); shard; shard = pending.shift()) await writeShard(shard, bundle);
      }),
    );
  } finally {
    await pagefind.close();
  }
  writeFileSync(join(bundle, MANIFEST_FILE), `${JSON.stringify(shardManifest(shards), null, 2)}\n`);
  return { records: records.length, shards: shards.length, bundle };
}
