/**
 * Child-process entry of `search-index.ts` (arguments: folder, shard size):
 * loads the content model of `CONTENT_DIR`, builds the search records, splits
 * them into shards, writes each shard's records to a file in the folder and
 * sends the list back. The model and records take about 1 GB at 100k
 * observations; the process exits before Pagefind's indexer starts.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { searchRecords } from "../core/search/records.ts";
import { planShards } from "../core/search/shards.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { loadSiteModel } from "../site/load-model.ts";
import type { ShardFile } from "./search-index.ts";

/** Bumped whenever the pages handed to Pagefind (index-page.ts) or the facet table change shape. */
const INDEX_FORMAT = "dan-y-search-2";

const [folder, shardSize] = process.argv.slice(2) as [string, string];
try {
  const model = loadSiteModel();
  const shards = planShards(searchRecords(model, buildUnitTree(model)), Number(shardSize));
  const files: ShardFile[] = shards.map(({ records, ...shard }) => {
    const file = join(folder, `${shard.id}.json`);
    const text = JSON.stringify(records);
    writeFileSync(file, text);
    // What the bundle is made from; the format's version keeps an index of older pages from being reused.
    const hash = createHash("sha256").update(`${INDEX_FORMAT}\n${text}`).digest("hex").slice(0, 32);
    return { ...shard, records: records.length, file, hash };
  });
  // The open channel would keep this process alive: close it once the list is sent.
  process.send?.(files, () => process.disconnect());
} catch (error) {
  console.error(`Không lập được các bản ghi tìm kiếm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  process.disconnect?.();
}
