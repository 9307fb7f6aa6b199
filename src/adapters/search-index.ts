/**
 * Writes the site's search index: one Pagefind bundle and facet table per date
 * shard under `<site>/pagefind/<shard>/`, and the manifest the search page
 * reads. The records come from a child process (search-records-process.ts);
 * each shard's records are written as minimal pages (see index-page.ts) and
 * indexed by Pagefind's own CLI. The only module that runs Pagefind.
 */
import { fork, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { SearchIndexError } from "../core/errors.ts";
import { FACET_TABLE_FILE, facetTable } from "../core/search/facet-table.ts";
import { indexPage, RECORD_URL_META } from "../core/search/index-page.ts";
import type { SearchRecord } from "../core/search/records.ts";
import { MANIFEST_FILE, type ShardManifest, type ShardSummary, shardManifest } from "../core/search/shards.ts";

/**
 * Records per shard. Fewer shards answer faster in the browser (each is one
 * more index to fetch and search per query), but Pagefind's indexer grows
 * with a shard: 1.47 GB for 14k records, 1.96 GB for 20k (measured). At 12k
 * the indexing of 100k peaked at 1.58 GB, all processes together.
 */
export const DEFAULT_SHARD_SIZE = 12_000;

/** A shard whose records wait in a file (see search-records-process.ts). */
export type ShardFile = ShardSummary & { file: string };

/**
 * Builds the records in a child process that writes them out by shard and
 * exits. A process rather than a thread: its memory (about 1 GB at 100k) is
 * back with the system the moment it exits; a thread's lingered for seconds
 * while Pagefind was already growing (measured: 2.07 GB together).
 */
function prepareShards(folder: string, shardSize: number, contentDir: string | undefined): Promise<ShardFile[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./search-records-process.ts", import.meta.url), [folder, String(shardSize)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: contentDir ? { ...process.env, CONTENT_DIR: contentDir } : process.env,
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
 * Indexes one shard: its records as pages in a scratch folder, then the Pagefind CLI over them
 * into a scratch bundle, which then replaces the shard's folder in one rename (a page searching
 * meanwhile sees the old shard or the new one, never half of one).
 */
async function writeShard(shard: ShardFile, records: readonly SearchRecord[], bundle: string, scratch: string): Promise<void> {
  const pages = join(scratch, `trang-${shard.id}`);
  mkdirSync(pages, { recursive: true });
  for (const [index, record] of records.entries()) writeFileSync(join(pages, `${index}.html`), indexPage(record));
  const output = join(scratch, `chi-muc-${shard.id}`);
  const errors: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(pagefindBinary(), ["--site", pages, "--output-path", output, "--force-language", "vi", "--silent"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => errors.push(text));
    child.once("error", reject);
    child.once("exit", resolve);
  });
  rmSync(pages, { recursive: true, force: true });
  if (code !== 0) throw new SearchIndexError(`Pagefind không lập được chỉ mục phần ${shard.id} (mã thoát ${code}): ${errors.join("").trim()}`);
  writeFacetTable(shard, records, output);
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
function writeFacetTable(shard: ShardFile, records: readonly SearchRecord[], shardDir: string): void {
  const ids = pageIdsByUrl(shardDir);
  const pages = records.map((record) => {
    const id = ids.get(record.url);
    if (!id) throw new SearchIndexError(`Pagefind không ghi trang ${record.url} vào chỉ mục phần ${shard.id}.`);
    return { id, filters: record.filters, date: record.sort.ngay };
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
}

/**
 * The search index of `CONTENT_DIR`'s content into `<siteDir>/pagefind/`: one
 * Pagefind bundle and facet table per shard, one shard at a time, and the
 * manifest the search page reads. With `reuse`, a shard whose records hash the
 * same as in the index already there is kept as it is (a publish after one
 * change re-indexes only the shard that holds it); without, everything is
 * written anew. Shards no longer planned are removed after the new manifest is
 * in place; the manifest is replaced in one rename.
 */
export async function writeSearchIndex(
  siteDir: string,
  shardSize = DEFAULT_SHARD_SIZE,
  reuse = false,
  /** The content to index; `CONTENT_DIR` (or `content/`) when not given. */
  contentDir?: string,
  /** Called after each shard (written or kept), for a progress bar. */
  onShard?: (done: number, total: number) => void,
): Promise<SearchIndexResult> {
  const bundle = join(siteDir, "pagefind");
  const before = reuse ? previousManifest(bundle) : undefined;
  // A stale bundle from an earlier build must not survive beside the new one.
  if (!before) rmSync(bundle, { recursive: true, force: true });
  mkdirSync(bundle, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), "dan-y-search-"));
  try {
    const shards = await prepareShards(folder, shardSize, contentDir);
    const kept = new Set(
      (before?.shards ?? []).filter((old) => existsSync(join(bundle, old.path, "pagefind.js"))).map((old) => `${old.path}\u0000${old.hash}`),
    );
    const written: string[] = [];
    onShard?.(0, shards.length);
    for (const [index, shard] of shards.entries()) {
      if (!kept.has(`${shard.id}/\u0000${shard.hash}`)) {
        await writeShard(shard, JSON.parse(readFileSync(shard.file, "utf8")) as SearchRecord[], bundle, folder);
        written.push(shard.id);
      }
      onShard?.(index + 1, shards.length);
    }
    const manifest = join(folder, MANIFEST_FILE);
    writeFileSync(manifest, `${JSON.stringify(shardManifest(shards), null, 2)}\n`);
    renameSync(manifest, join(bundle, MANIFEST_FILE));
    const planned = new Set(shards.map((shard) => shard.id));
    for (const entry of readdirSync(bundle, { withFileTypes: true })) {
      if (entry.isDirectory() && !planned.has(entry.name)) rmSync(join(bundle, entry.name), { recursive: true, force: true });
    }
    return { records: shards.reduce((sum, shard) => sum + shard.records, 0), shards: shards.length, bundle, written };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
