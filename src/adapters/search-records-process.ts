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
import { checkLoaded, treeIssues } from "../core/check/check-content.ts";
import { summarise } from "../core/check/summarise.ts";
import { compareIssues, isError } from "../core/content/content-issue.ts";
import { loadContent } from "../core/content/load-content.ts";
import { indexPage } from "../core/search/index-page.ts";
import { searchRecords } from "../core/search/records.ts";
import { planShards } from "../core/search/shards.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { CONTENT_CACHE_ENV, loadSiteContentCached } from "../site/load-model.ts";
import type { CachedLoad } from "./content-cache.ts";
import { contentDir, displayRoot, listContentPaths, readContentFiles } from "./content-files.ts";
import { writeModelSnapshot } from "./model-snapshot.ts";
import { cachedRecords, type HashedRecords, recordHash } from "./record-cache.ts";
import { CHECK_ROOT_ENV, CHECK_TODAY_ENV, type FacetInput, type ShardMessage } from "./search-index.ts";

/** Bumped whenever the pages handed to Pagefind (index-page.ts) or the facet table change shape. */
const INDEX_FORMAT = "dan-y-search-3";

const [folder, shardSize, keptFile, modelSnapshot] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
/** The whole content loaded without a cache (`dan-y index-search`). */
function plainLoad(): CachedLoad {
  const directory = contentDir();
  const paths = listContentPaths(directory);
  return { ...loadContent(readContentFiles(directory, paths), { keepBodies: true }), paths, loaded: paths.length, digests: new Map(), save: () => {} };
}

/**
 * The check of `dan-y check` on this load: the same issues (tree, per file, every rule), with the
 * files named as the publish's caller names them (`CHECK_ROOT_ENV`, its display root: this
 * process runs in another working folder), and the summary table.
 */
function checkOf(load: CachedLoad, today: string): ShardMessage {
  const root = displayRoot(contentDir());
  const shown = process.env[CHECK_ROOT_ENV] ?? root;
  const tree = treeIssues(load.paths, root);
  const issues = [...tree.issues, ...checkLoaded(load, tree.index, { root, today })]
    .map((issue) => (issue.file.startsWith(root) ? { ...issue, file: `${shown}${issue.file.slice(root.length)}` } : issue))
    .sort(compareIssues);
  return { kind: "checked", issues, summary: summarise(load.model, true), files: load.paths.length };
}

const started = performance.now();
/** With DAN_Y_PUBLISH_TIMINGS=1 (the publish benchmark), each step's end in seconds from this process's start, on stderr. */
const step = (name: string) => {
  if (process.env.DAN_Y_PUBLISH_TIMINGS === "1") console.error(`[bản ghi tìm kiếm] ${name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
};
const send = (message: ShardMessage) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));
/** Sends the check; when it found errors, ends the index with no shard (the publish stops) and says so. */
async function checkBeforeShards(load: CachedLoad, today: string): Promise<boolean> {
  const check = checkOf(load, today);
  await send(check);
  step("kiểm tra nội dung");
  if (check.kind !== "checked" || !check.issues.some(isError)) return false;
  await send({ kind: "done", shards: 0 });
  return true;
}

async function run(): Promise<void> {
  const kept = new Set<string>(keptFile ? (JSON.parse(readFileSync(keptFile, "utf8")) as string[]) : []);
  const load = loadSiteContentCached() ?? plainLoad();
  const model = load.model;
  step(`đọc nội dung (${load.loaded} tệp phân tích, ${load.paths.length - load.loaded} lấy từ bộ nhớ đệm)`);
  // First of all, so that Astro's process, waiting for it, renders from it (model-snapshot.ts).
  if (modelSnapshot) {
    writeModelSnapshot(modelSnapshot, model);
    step("ghi ảnh mô hình cho Astro");
  }
  // The check comes before any shard: content with errors is refused in seconds, and its shards are never written.
  const today = process.env[CHECK_TODAY_ENV];
  const refused = today ? await checkBeforeShards(load, today) : false;
  if (refused) return;
  const tree = buildUnitTree(model);
  const cacheDir = process.env[CONTENT_CACHE_ENV]?.trim();
  // In a publish, unchanged entries' records come from the last one's (record-cache.ts).
  const built: HashedRecords & { built: number; save: () => void } = cacheDir
    ? cachedRecords(model, tree, load, { cacheDir, code: process.env.DAN_Y_CODE_VERSION ?? "", root: displayRoot(contentDir()) })
    : (() => {
        const records = searchRecords(model, tree);
        return { records, hashes: records.map(recordHash), built: records.length, save: () => {} };
      })();
  step(`lập bản ghi (${built.built} bản ghi lập mới)`);
  const shards = planShards(built.records, Number(shardSize));
  const hashOf = new Map(built.records.map((record, index) => [record, built.hashes[index] as string]));
  step("chia phần");
  await send({ kind: "planned", shards: shards.length, parsed: load.loaded });
  for (const { records, ...shard } of shards) {
    // What the bundle is made from, in order (each record's own hash, kept with it: record-cache.ts); the format's
    // version keeps an index of older pages from being reused.
    const hash = createHash("sha256")
      .update(`${INDEX_FORMAT}\n${records.map((record) => hashOf.get(record)).join("\n")}`)
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
  step("ghi các phần cần lập lại");
  load.save();
  built.save();
  step("ghi bộ nhớ đệm nội dung");
  await send({ kind: "done", shards: shards.length });
}

try {
  await run();
  // The open channel would keep this process alive.
  process.disconnect?.();
} catch (error) {
  console.error(`Không lập được các bản ghi tìm kiếm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  process.disconnect?.();
}
