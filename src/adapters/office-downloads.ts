/**
 * The cache of the site's office downloads written at publish: the Excel and
 * CSV files of every page with tables (table-downloads.ts), written beside the
 * Astro build by child processes (table-downloads-integration.ts). Every
 * workbook is kept in the site's cache under the hash of what it holds: a
 * publish after a change copies the files whose tables are unchanged instead
 * of making them again. Word files are not made at publish at all: a report
 * page carries its document and the browser builds the .docx on click
 * (src/browser/report-docx.ts).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { stableJson } from "../site/cache-key.ts";

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

/** The version of the table files' writer, for their cache keys. */
export const tablesWriterVersion = (): string =>
  writerVersion(
    "./table-downloads.ts",
    "./xlsx-tables.ts",
    "../core/documents/data-tables.ts",
    "../core/documents/displayed-tables.ts",
    "../../node_modules/exceljs/package.json",
  );
