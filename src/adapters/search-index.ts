/**
 * Writes the Pagefind index of the site from custom records (no HTML crawl):
 * the only module that talks to Pagefind's indexing service.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import type { SearchRecord } from "../core/search-records.ts";

export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/** Records go to the service in batches: one message each, awaited together. */
const BATCH = 2_000;

export async function writeSearchIndex(records: readonly SearchRecord[], siteDir: string): Promise<{ records: number; bundle: string }> {
  const bundle = join(siteDir, "pagefind");
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new SearchIndexError(`Không khởi tạo được chỉ mục tìm kiếm: ${errors.join("; ")}`);
  try {
    for (let start = 0; start < records.length; start += BATCH) {
      const results = await Promise.all(records.slice(start, start + BATCH).map((record) => index.addCustomRecord({ ...record, sort: { ...record.sort } })));
      const failed = results.flatMap((result, offset) => result.errors.map((error) => `${records[start + offset]?.url}: ${error}`));
      if (failed.length > 0) throw new SearchIndexError(`Pagefind từ chối bản ghi:\n${failed.slice(0, 10).join("\n")}`);
    }
    // A stale bundle from an earlier build must not survive beside the new one.
    rmSync(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new SearchIndexError(`Không ghi được chỉ mục tìm kiếm: ${written.errors.join("; ")}`);
    return { records: records.length, bundle };
  } finally {
    await pagefind.close();
  }
}
