/**
 * The site's office downloads, written beside the Astro build rather than by
 * it (see table-downloads-integration.ts): a Word file for every report and
 * consolidated report page, and the Excel and CSV files of every page with
 * tables (table-downloads.ts). Each kind is written in one pass by child
 * processes with small heaps, from the model loaded once (Word) or the built
 * pages (tables), so that the Word files are made on the second core while
 * Astro renders pages on the first. Every file is also kept in the site's cache
 * under the hash of what it holds: a publish after a change copies the files
 * whose document or tables are unchanged instead of making them again.
 */
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ContentModel } from "../core/content/content-model.ts";
import { consolidationDocxHref, reportDocxHref } from "../core/documents/downloads.ts";
import { documentFor } from "../core/documents/report-sources.ts";
import type { UnitTree } from "../core/units/unit-tree.ts";
import { stableJson } from "../site/cache-key.ts";
import { consolidationPages } from "../site/views/pages.ts";
import { reportDocxBytes } from "./docx-report.ts";

/** A Word download: where the site serves it and the document id `documentFor` takes. */
export interface WordDownload {
  /** Site path without the leading slash: `tai-ve/tong-hop/xa-ky-hoa/2026-11.docx`. */
  path: string;
  id: string;
}

/** Every Word file the site links to: each report's, then each consolidated report page's. */
export function wordDownloads(model: ContentModel, tree: UnitTree): WordDownload[] {
  const reports = [...model.reports.values()].map((report) => ({
    path: reportDocxHref(report).slice(1),
    id: `${report.period}/${report.unit}/${report.organisation}`,
  }));
  const pages = [...consolidationPages(model, tree)].map((page) => {
    const [unit, period] = page.split("/") as [string, string];
    return { path: consolidationDocxHref(unit, period).slice(1), id: `${period}/${unit}` };
  });
  return [...reports, ...pages];
}

/**
 * What a cached file's key is made of besides its inputs: the code that writes it. A change
 * to the writer's source or to the library's version makes every cached file stale.
 */
function writerVersion(...modules: string[]): string {
  const hash = createHash("sha256");
  for (const module of modules) hash.update(readFileSync(new URL(module, import.meta.url)));
  return hash.digest("hex");
}

/**
 * A content-addressed store of office files in the site's cache folder (none without one):
 * `get` copies a cached file to its place and says whether it did, `put` keeps a new one.
 */
export class OfficeCache {
  readonly #folder: string | undefined;

  constructor(cacheDir: string | undefined, kind: string) {
    this.#folder = cacheDir ? join(cacheDir, "dan-y-office", kind) : undefined;
    if (this.#folder) mkdirSync(this.#folder, { recursive: true });
  }

  #file(key: string): string | undefined {
    return this.#folder && join(this.#folder, key);
  }

  get(key: string, target: string): boolean {
    const file = this.#file(key);
    if (!file || !existsSync(file)) return false;
    linkOrCopy(file, target);
    return true;
  }

  /** Keeps the file just written at `written` under `key` (a second name for it, not a second copy). */
  put(key: string, written: string): void {
    const file = this.#file(key);
    if (!file || existsSync(file)) return;
    // Linked under a temporary name and renamed: a crash never leaves half a file under a key.
    const partial = `${file}.${process.pid}.partial`;
    linkOrCopy(written, partial);
    renameSync(partial, file);
  }
}

/**
 * A hard link where the file system allows it (the cache sits beside the site, and neither is
 * changed in place: a publish writes new files and swaps folders), else a copy. Writing each file
 * twice took a tenth of the table processes' time.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

export const keyOf = (version: string, value: unknown): string => createHash("sha256").update(version).update(stableJson(value)).digest("hex");

export interface WordDownloadsResult {
  written: number;
  /** Copied from the cache: their documents are unchanged since a publish that made them. */
  reused: number;
}

/** Writes every Word download under `outDir` (site paths), reusing cached files whose document is unchanged. */
export async function writeWordDownloads(options: {
  model: ContentModel;
  tree: UnitTree;
  today: string;
  outDir: string;
  cacheDir?: string | undefined;
  /** Whether this process takes the download at this index, when several share them (see `claimsIn`); all by default. */
  claim?: (index: number) => boolean;
}): Promise<WordDownloadsResult> {
  const { model, tree, today, outDir } = options;
  const claim = options.claim ?? (() => true);
  const cache = new OfficeCache(options.cacheDir, "word");
  const version = writerVersion("./docx-report.ts", "../../node_modules/docx/package.json");
  const made = new Set<string>();
  let written = 0;
  let reused = 0;
  for (const [index, download] of wordDownloads(model, tree).entries()) {
    if (!claim(index)) continue;
    const result = documentFor(model, tree, download.id, today);
    if (!result.ok) throw new Error(`${download.path}: ${result.message}`);
    const target = join(outDir, download.path);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const key = keyOf(version, result.document);
    if (cache.get(key, target)) {
      reused++;
      continue;
    }
    writeFileSync(target, await reportDocxBytes(result.document));
    cache.put(key, target);
    written++;
  }
  return { written, reused };
}

/**
 * Claims in a folder shared by processes writing the same downloads: the first to create an
 * index's file takes it (an exclusive create is atomic), so a process started later, once cores
 * are free, takes over part of what is left without a plan made in advance.
 */
export function claimsIn(folder: string): (index: number) => boolean {
  mkdirSync(folder, { recursive: true });
  return (index) => {
    try {
      closeSync(openSync(join(folder, String(index)), "wx"));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    }
  };
}

/** The version of the table files' writer, for their cache keys. */
export const tablesWriterVersion = (): string =>
  writerVersion(
    "./table-downloads.ts",
    "./xlsx-tables.ts",
    "../core/documents/data-tables.ts",
    "../core/documents/displayed-tables.ts",
    "../../node_modules/exceljs/package.json",
  );
