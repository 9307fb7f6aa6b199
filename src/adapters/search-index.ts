/**
 * Writes the site's search index: one Pagefind bundle and facet table per date
 * shard under `<site>/pagefind/<shard>/`, and the manifest the search page
 * reads. The records come from a child process (search-records-process.ts).
 * The only module that talks to Pagefind's indexing service.
 */
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { SearchIndexError } from "../core/errors.ts";
import { FACET_TABLE_FILE, facetTable } from "../core/search/facet-table.ts";
import type { SearchRecord } from "../core/search/records.ts";
import { MANIFEST_FILE, type ShardSummary, shardManifest } from "../core/search/shards.ts";

/**
 * Records per shard. Fewer shards answer faster in the browser (each is one
 * more index to fetch and search per query), but Pagefind's indexer grows
 * with a shard: 1.47 GB for 14k records, 1.96 GB for 20k (measured). At 12k
 * the indexing of 100k peaked at 1.58 GB, all processes together.
 */
export const DEFAULT_SHARD_SIZE = 12_000;
/** Records go to the service in batches: one message each, awaited together. */
const BATCH = 1_000;

/** A shard whose records wait in a file (see search-records-process.ts). */
export type ShardFile = ShardSummary & { file: string };

/**
 * Builds the records in a child process that writes them out by shard and
 * exits. A process rather than a thread: its memory (about 1 GB at 100k) is
 * back with the system the moment it exits; a thread's lingered for seconds
 * while Pagefind was already growing (measured: 2.07 GB together).
 */
function prepareShards(folder: string, shardSize: number): Promise<ShardFile[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./search-records-process.ts", import.meta.url), [folder, String(shardSize)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let files: ShardFile[] | undefined;
    child.once("message", (message) => {
      files = message as ShardFile[];
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      files && code === 0 ? resolve(files) : reject(new SearchIndexError(`Không lập được các bản ghi tìm kiếm (tiến trình con thoát với mã ${code}).`)),
    );
  });
}

async function writeShard(shard: ShardFile, records: readonly SearchRecord[], bundle: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new SearchIndexError(`Không khởi tạo được chỉ mục tìm kiếm: ${errors.join("; ")}`);
  try {
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH);
      // Filters stay out of Pagefind: the page filters and counts with the shard's facet table.
      const results = await Promise.all(
        batch.map(({ url, content, language, meta, sort }) => index.addCustomRecord({ url, content, language, meta, sort: { ...sort } })),
      );
      const failed = results.flatMap((result, offset) => result.errors.map((error) => `${batch[offset]?.url}: ${error}`));
      if (failed.length > 0) throw new SearchIndexError(`Pagefind từ chối bản ghi:\n${failed.slice(0, 10).join("\n")}`);
    }
    const written = await index.writeFiles({ outputPath: join(bundle, shard.id) });
    if (written.errors.length > 0) throw new SearchIndexError(`Không ghi được chỉ mục tìm kiếm: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
  writeFacetTable(shard, records, join(bundle, shard.id));
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
function writeFacetTable(shard: ShardFile, records: readonly SearchRecord[], shardDir: string): void {
  const ids = pageIdsByUrl(shardDir);
  const pages = records.map((record) => {
    const id = ids.get(record.url);
    if (!id) throw new SearchIndexError(`Pagefind không ghi trang ${record.url} vào chỉ mục phần ${shard.id}.`);
    return { id, filters: record.filters, date: record.sort.ngay };
  });
  writeFileSync(join(shardDir, FACET_TABLE_FILE), gzipSync(JSON.stringify(facetTable(pages))));
}

/**
 * The search index of `CONTENT_DIR`'s content into `<siteDir>/pagefind/`: one
 * Pagefind bundle and facet table per shard, one shard at a time, and the
 * manifest the search page reads.
 */
export async function writeSearchIndex(siteDir: string, shardSize = DEFAULT_SHARD_SIZE): Promise<{ records: number; shards: number; bundle: string }> {
  const bundle = join(siteDir, "pagefind");
  // A stale bundle from an earlier build must not survive beside the new one.
  rmSync(bundle, { recursive: true, force: true });
  mkdirSync(bundle, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), "dan-y-search-"));
  try {
    const shards = await prepareShards(folder, shardSize);
    try {
      for (const shard of shards) await writeShard(shard, JSON.parse(readFileSync(shard.file, "utf8")) as SearchRecord[], bundle);
    } finally {
      await pagefind.close();
    }
    writeFileSync(join(bundle, MANIFEST_FILE), `${JSON.stringify(shardManifest(shards), null, 2)}\n`);
    return { records: shards.reduce((sum, shard) => sum + shard.records, 0), shards: shards.length, bundle };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
