/**
 * Child-process entry of `search-index.ts` (arguments: pages folder, shard
 * size, the file listing the shards the index already holds, and where to
 * leave the model for Astro's process, or ""): loads the content model of
 * `CONTENT_DIR` (and leaves its snapshot), builds the search records, splits them into
 * shards and, shard by shard, writes each one's records as minimal pages for
 * the Pagefind CLI (index-page.ts) and its facet-table input, telling the
 * parent as each shard is ready, so Pagefind indexes the first while the next
 * are written. A shard the index already holds with the same hash is only
 * reported, not written. The model and records take about 1 GB at 100k
 * observations; the process exits once the last shard is written.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { indexPage } from "../core/search/index-page.ts";
import { searchRecords } from "../core/search/records.ts";
import { planShards } from "../core/search/shards.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { loadSiteModel } from "../site/load-model.ts";
import { writeModelSnapshot } from "./model-snapshot.ts";
import type { FacetInput, ShardMessage } from "./search-index.ts";

/** Bumped whenever the pages handed to Pagefind (index-page.ts) or the facet table change shape. */
const INDEX_FORMAT = "dan-y-search-2";

const [folder, shardSize, keptFile, modelSnapshot] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const send = (message: ShardMessage) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));
try {
  const kept = new Set<string>(keptFile ? (JSON.parse(readFileSync(keptFile, "utf8")) as string[]) : []);
  const model = loadSiteModel();
  // First of all, so that Astro's process, waiting for it, renders from it (model-snapshot.ts).
  if (modelSnapshot) writeModelSnapshot(modelSnapshot, model);
  const shards = planShards(searchRecords(model, buildUnitTree(model)), Number(shardSize));
  await send({ kind: "planned", shards: shards.length });
  for (const { records, ...shard } of shards) {
    // What the bundle is made from; the format's version keeps an index of older pages from being reused.
    const hash = createHash("sha256")
      .update(`${INDEX_FORMAT}\n${JSON.stringify(records)}`)
      .digest("hex")
      .slice(0, 32);
    const summary = { ...shard, records: records.length, hash };
    if (kept.has(`${shard.id}\u0000${hash}`)) {
      await send({ kind: "kept", shard: summary });
      continue;
    }
    const pages = join(folder, `trang-${shard.id}`);
    mkdirSync(pages, { recursive: true });
    for (const [index, record] of records.entries()) writeFileSync(join(pages, `${index}.html`), indexPage(record));
    const facets: FacetInput[] = records.map((record) => ({ url: record.url, filters: record.filters, date: record.sort.ngay }));
    const facetFile = join(folder, `${shard.id}.json`);
    writeFileSync(facetFile, JSON.stringify(facets));
    await send({ kind: "ready", shard: { ...summary, pages, facetFile } });
  }
  await send({ kind: "done", shards: shards.length });
  // The open channel would keep this process alive.
  process.disconnect?.();
} catch (error) {
  console.error(`Không lập được các bản ghi tìm kiếm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  process.disconnect?.();
}
