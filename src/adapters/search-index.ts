/**
 * Writes the site's search index: one Pagefind bundle and facet table per date
 * shard under `<site>/pagefind/<shard>/`, and the manifest the search page
 * reads. The records come from a child process (search-records-process.ts),
 * which writes each shard's records as minimal pages (see index-page.ts);
 * Pagefind's own CLI indexes them. The only module that runs Pagefind.
 */
import { fork, spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, tmpdir } from "node:os";
import { resolve as absolute, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { ContentSummary } from "../core/check/summarise.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import { SearchIndexError } from "../core/errors.ts";
import { FACET_TABLE_FILE, facetTable } from "../core/search/facet-table.ts";
import { RECORD_URL_META } from "../core/search/index-page.ts";
import type { SearchRecord } from "../core/search/records.ts";
import { MANIFEST_FILE, type ShardManifest, type ShardSummary, shardManifest } from "../core/search/shards.ts";
import { MODEL_SNAPSHOT_ENV, markNoSnapshot } from "./model-snapshot.ts";

/**
 * Records per shard at most. Fewer shards answer faster in the browser (each is one more index to
 * fetch and search per query), but a change re-indexes its whole shard and Pagefind's CLI grows a
 * little faster than the shard (100k, these pages, alone: 1,100 records 1.1 s, 2,200 1.7 s, 4,400
 * 3.4 s and 0.49 GB, 8,800 7.7 s and 0.98 GB). A bound of 5,000 (one month of 100k generated
 * observations a shard, 23 shards instead of 12) was measured and not taken: a change in an older
 * month re-indexed 4.4k records instead of 8.8k, but Astro, not the index, was that publish's
 * longest path either way (38 s against 29 s of index), while the search page's relevance order,
 * the default with a query, took 570–600 ms to first results instead of 290–470 ms. The newest month
 * is always a shard of its own, so a new item costs that month alone whatever the bound.
 */
export const DEFAULT_SHARD_SIZE = 12_000;

/** What the facet table needs of a record: its address (to find its Pagefind id), its filters and its date. */
export interface FacetInput {
  url: string;
  filters: SearchRecord["filters"];
  date: string;
}

/** The check of the content the records were made from (as `dan-y check` reports it), when the publish asked for it. */
export interface ContentCheck {
  issues: ContentIssue[];
  summary: ContentSummary;
  /** Files in the content folder. */
  files: number;
}

/**
 * The records process's working folder (the model's relative paths, and so page keys and the content
 * cache, start from it: a publish gives Astro's), and more environment: its content cache
 * (load-model.ts), a check (CHECK_TODAY_ENV).
 */
export interface RecordsProcessSettings {
  cwd?: string;
  env?: Record<string, string>;
}

/** Set for the records process: check the content too, as on this day (ISO date). */
export const CHECK_TODAY_ENV = "DAN_Y_CHECK_TODAY";
/** Set for the records process: how the check's caller shows the content folder (its display root). */
export const CHECK_ROOT_ENV = "DAN_Y_CHECK_ROOT";

/** A shard written out by the records process: its pages for the Pagefind CLI and its facet inputs. */
export type ReadyShard = ShardSummary & { pages: string; facetFile: string };

/** What the records process (search-records-process.ts) tells, in the plan's order, then `done`. */
export type ShardMessage =
  | { kind: "planned"; shards: number; parsed: number }
  | ({ kind: "checked" } & ContentCheck)
  | { kind: "ready"; shard: ReadyShard }
  | { kind: "kept"; shard: ShardSummary }
  | { kind: "done"; shards: number };

/**
 * Pagefind CLIs running at once on different shards, by default. One CLI keeps about one core busy
 * on these pages, so on its own (`dan-y index-search`) the index overlaps two on two cores. Beside
 * the site build (a publish) one at a time, two once the pages are built: Astro's rendering has the other
 * core, and each CLI holds about 1 GB at 12k records (100k, measured), on top of Astro's 1.7 GB.
 * `DAN_Y_PAGEFIND_PROCESSES` overrides it, for measuring.
 */
export function pagefindProcesses(fallback: number): number {
  const text = process.env.DAN_Y_PAGEFIND_PROCESSES;
  if (text === undefined || text === "") return fallback;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1)
    throw new SearchIndexError(`DAN_Y_PAGEFIND_PROCESSES="${text}" không hợp lệ: cần một số nguyên từ 1 trở lên (số tiến trình Pagefind chạy cùng lúc).`);
  return count;
}

/**
 * Where the records process writes the pages Pagefind reads: memory-backed `/dev/shm` when the
 * system has one. On this machine's disk each small file costs 0.4–1 ms to create (100k pages:
 * a minute), in `/dev/shm` 0.02–0.05 ms; a shard's pages are removed as soon as it is indexed.
 */
/** The scratch folders' names start with this and the indexing process's id. */
export const SCRATCH_PREFIX = "dan-y-search-";

function pagesScratch(): string {
  const shared = "/dev/shm";
  try {
    if (statSync(shared).isDirectory()) {
      accessSync(shared, constants.W_OK);
      return mkdtempSync(join(shared, `${SCRATCH_PREFIX}${process.pid}-`));
    }
  } catch {
    // No writable /dev/shm here: the system's temporary folder will do.
  }
  return mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
}

/**
 * Builds the records in a child process that writes them out shard by shard and exits. A process
 * rather than a thread: its memory (about 1 GB at 100k) is back with the system the moment it
 * exits; a thread's lingered for seconds while Pagefind was already growing (measured: 2.07 GB
 * together). `onShard` hears of each shard as soon as it is written (or found kept).
 */
function prepareShards(
  folder: string,
  shardSize: number,
  kept: ReadonlySet<string>,
  {
    contentDir,
    modelSnapshot,
    child: more,
  }: { contentDir: string | undefined; modelSnapshot: { file: string; readerCwd: string } | undefined; child: RecordsProcessSettings },
  onShard: (message: Exclude<ShardMessage, { kind: "done" }>) => void,
): Promise<void> {
  const keptFile = join(folder, "giu-nguyen.json");
  writeFileSync(keptFile, JSON.stringify([...kept]));
  // The child loads the content from its files: it writes the snapshot, it never waits for one. It loads in the
  // snapshot's reader's working folder, which the model's relative paths start from (the content folder made absolute).
  const { [MODEL_SNAPSHOT_ENV]: _reader, ...env } = process.env;
  const content = absolute(contentDir ?? (env.CONTENT_DIR?.trim() || "content"));
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./search-records-process.ts", import.meta.url), [folder, String(shardSize), keptFile, modelSnapshot?.file ?? ""], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...env, ...more.env, CONTENT_DIR: content },
      ...(modelSnapshot || more.cwd ? { cwd: modelSnapshot?.readerCwd ?? more.cwd } : {}),
    });
    // Whatever became of the child, a reader waiting for its snapshot is not left waiting.
    if (modelSnapshot) child.once("exit", () => markNoSnapshot(modelSnapshot.file));
    let done = false;
    child.on("message", (message: ShardMessage) => {
      if (message.kind === "done") done = true;
      else onShard(message);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      done && code === 0 ? resolve() : reject(new SearchIndexError(`Không lập được các bản ghi tìm kiếm (tiến trình con thoát với mã ${code}).`)),
    );
  });
}

/** Pagefind's binary, as its npm package installs it for this platform (the package's own wrapper would add a Node process). */
function pagefindBinary(): string {
  const fromPackage = createRequire(import.meta.resolve("pagefind"));
  const os = platform() === "win32" ? "windows" : platform();
  for (const name of ["pagefind_extended", "pagefind"]) {
    try {
      return fromPackage.resolve(`@pagefind/${os}-${arch()}/bin/${name}${os === "windows" ? ".exe" : ""}`);
    } catch {
      // The extended build is optional; the plain one will do.
    }
  }
  throw new SearchIndexError(`Không tìm thấy chương trình Pagefind cho máy ${os}-${arch()}: hãy chạy lại npm ci.`);
}

/**
 * Indexes one shard: the Pagefind CLI over its pages into a scratch bundle beside the index, which
 * then replaces the shard's folder in one rename (a page searching meanwhile sees the old shard or
 * the new one, never half of one).
 */
async function writeShard(shard: ReadyShard, bundle: string, scratch: string): Promise<void> {
  const output = join(scratch, `chi-muc-${shard.id}`);
  const errors: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(pagefindBinary(), ["--site", shard.pages, "--output-path", output, "--force-language", "vi", "--silent"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => errors.push(text));
    child.once("error", reject);
    child.once("exit", resolve);
  });
  rmSync(shard.pages, { recursive: true, force: true });
  if (code !== 0) throw new SearchIndexError(`Pagefind không lập được chỉ mục phần ${shard.id} (mã thoát ${code}): ${errors.join("").trim()}`);
  writeFacetTable(shard, JSON.parse(readFileSync(shard.facetFile, "utf8")) as FacetInput[], output);
  rmSync(shard.facetFile, { force: true });
  const target = join(bundle, shard.id);
  const old = join(scratch, `cu-${shard.id}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(output, target);
  rmSync(old, { recursive: true, force: true });
}

/** The manifest of the index already in the site folder, if any: which shards a publish may keep. */
function previousManifest(bundle: string): ShardManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(bundle, MANIFEST_FILE), "utf8")) as ShardManifest;
    return manifest.version === 1 ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Pagefind's page ids by URL, read back from the fragments it wrote (the id is the fragment's file name). */
function pageIdsByUrl(shardDir: string): Map<string, string> {
  const folder = join(shardDir, "fragment");
  const ids = new Map<string, string>();
  for (const name of readdirSync(folder)) {
    const text = gunzipSync(readFileSync(join(folder, name))).toString("utf8");
    // Pagefind prefixes its compressed files with a signature before the JSON.
    const fragment = JSON.parse(text.slice(text.indexOf("{"))) as { url?: string; meta?: Record<string, string> };
    const url = fragment.meta?.[RECORD_URL_META] ?? fragment.url;
    if (url) ids.set(url, name.replace(/\.pf_fragment$/, ""));
  }
  return ids;
}

/** The shard's facet table, compressed (the page decompresses it, as Pagefind does its own files). */
function writeFacetTable(shard: ShardSummary, records: readonly FacetInput[], shardDir: string): void {
  const ids = pageIdsByUrl(shardDir);
  const pages = records.map((record) => {
    const id = ids.get(record.url);
    if (!id) throw new SearchIndexError(`Pagefind không ghi trang ${record.url} vào chỉ mục phần ${shard.id}.`);
    return { id, filters: record.filters, date: record.date };
  });
  writeFileSync(join(shardDir, FACET_TABLE_FILE), gzipSync(JSON.stringify(facetTable(pages))));
}

/** What writing the index did: how many records and shards, and which shards were indexed anew. */
export interface SearchIndexResult {
  records: number;
  shards: number;
  bundle: string;
  /** Ids of the shards written by this run; the others were kept from the index already there. */
  written: string[];
  /** The most Pagefind CLIs that ran at once. */
  mostAtOnce: number;
  /** The content's check, when `childEnv` asked for it (CHECK_TODAY_ENV). */
  checked?: ContentCheck;
  /** Content files the records process parsed (the others came from its cache, content-cache.ts). */
  filesParsed?: number;
}

/**
 * The search index of `CONTENT_DIR`'s content into `<siteDir>/pagefind/`: one
 * Pagefind bundle and facet table per shard, and the manifest the search page
 * reads. The records process writes the shards one after another while up to
 * `processes` Pagefind CLIs index those already written. With `reuse`,
 * a shard whose records hash the same as in the index already there is kept as
 * it is (a publish after one change re-indexes only the shard that holds it);
 * without, everything is written anew. Shards no longer planned are removed
 * after the new manifest is in place; the manifest is replaced in one rename.
 */
export async function writeSearchIndex(
  siteDir: string,
  shardSize = DEFAULT_SHARD_SIZE,
  reuse = false,
  /** The content to index; `CONTENT_DIR` (or `content/`) when not given. */
  contentDir?: string,
  /** Called once the shards are planned (0 done) and after each shard written or kept, for a progress bar. */
  onShard?: (done: number, total: number) => void,
  /** Where to leave the loaded content model for Astro's process, and that process's working folder (see model-snapshot.ts). */
  modelSnapshot?: { file: string; readerCwd: string },
  /**
   * Pagefind CLIs at once (`pagefindProcesses(1)` when not given), or as many `now` and, once `later`
   * settles, its number: a publish runs one beside Astro and two once Astro is done.
   */
  processes: number | { now: number; later: Promise<number> } = pagefindProcesses(1),
  /** The records process's working folder and more environment (its content cache, a check). */
  child: RecordsProcessSettings = {},
): Promise<SearchIndexResult> {
  const bundle = join(siteDir, "pagefind");
  const before = reuse ? previousManifest(bundle) : undefined;
  // A stale bundle from an earlier build must not survive beside the new one.
  if (!before) rmSync(bundle, { recursive: true, force: true });
  mkdirSync(bundle, { recursive: true });
  const pagesFolder = pagesScratch();
  // Pagefind's output is written beside the index, on the same file system, so that it moves in by rename.
  const scratch = mkdtempSync(join(siteDir, ".dan-y-chi-muc-"));
  try {
    const kept = new Set(
      (before?.shards ?? []).filter((old) => existsSync(join(bundle, old.path, "pagefind.js"))).map((old) => `${old.path.replace(/\/$/, "")}\u0000${old.hash}`),
    );
    const shards: ShardSummary[] = [];
    const written: string[] = [];
    const waiting: ReadyShard[] = [];
    const running = new Set<Promise<void>>();
    let finished = 0;
    let failure: unknown;
    let total = 0;
    let checked: ContentCheck | undefined;
    let filesParsed: number | undefined;
    const tick = () => onShard?.(finished, total);
    // Starts Pagefind on the shards written so far, as far as the process bound allows.
    let limit = typeof processes === "number" ? processes : processes.now;
    let mostAtOnce = 0;
    const startWaiting = () => {
      while (failure === undefined && running.size < limit && waiting.length > 0) {
        const shard = waiting.shift() as ReadyShard;
        const run: Promise<void> = writeShard(shard, bundle, scratch).then(
          () => {
            written.push(shard.id);
            finished++;
            tick();
          },
          (error: unknown) => {
            failure ??= error;
          },
        );
        running.add(run);
        mostAtOnce = Math.max(mostAtOnce, running.size);
        void run.finally(() => {
          running.delete(run);
          startWaiting();
        });
      }
    };
    if (typeof processes !== "number")
      void processes.later.then(
        (count) => {
          limit = Math.max(limit, count);
          startWaiting();
        },
        () => {},
      );
    const prepared = prepareShards(pagesFolder, shardSize, kept, { contentDir, modelSnapshot, child }, (message) => {
      if (message.kind === "checked") {
        const { kind: _kind, ...check } = message;
        checked = check;
        return;
      }
      if (message.kind === "planned") {
        total = message.shards;
        filesParsed = message.parsed;
        tick();
        return;
      }
      shards.push(message.shard);
      if (message.kind === "kept") {
        finished++;
        tick();
      } else {
        waiting.push(message.shard);
        startWaiting();
      }
    }).catch((error: unknown) => {
      failure ??= error;
    });
    await prepared;
    // Every Pagefind started runs to its end before anything is removed, failed or not.
    while (running.size > 0) await Promise.all(running);
    if (failure !== undefined) throw failure;
    const manifest = join(scratch, MANIFEST_FILE);
    writeFileSync(manifest, `${JSON.stringify(shardManifest(shards), null, 2)}\n`);
    renameSync(manifest, join(bundle, MANIFEST_FILE));
    const planned = new Set(shards.map((shard) => shard.id));
    for (const entry of readdirSync(bundle, { withFileTypes: true })) {
      if (entry.isDirectory() && !planned.has(entry.name)) rmSync(join(bundle, entry.name), { recursive: true, force: true });
    }
    const inPlan = new Map(shards.map((shard, index) => [shard.id, index]));
    written.sort((a, b) => (inPlan.get(a) ?? 0) - (inPlan.get(b) ?? 0));
    return {
      records: shards.reduce((sum, shard) => sum + shard.records, 0),
      shards: shards.length,
      bundle,
      written,
      mostAtOnce,
      ...(checked ? { checked } : {}),
      ...(filesParsed !== undefined ? { filesParsed } : {}),
    };
  } finally {
    rmSync(pagesFolder, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
