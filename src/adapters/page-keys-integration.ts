/**
 * The Astro integration that, once the pages are written, records the input key of every keyed
 * page, rendered in this build or not, for the next incremental publish (src/site/changed-pages.ts).
 * The site writes nothing else after its pages: table downloads and Word files are made in the
 * browser on click (src/browser/table-download.ts, src/browser/report-docx.ts).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writePageKeys } from "../site/changed-pages.ts";

/** Where earlier versions kept the table workbooks they wrote at publish, in the site's cache: nothing reads it now. */
const OLD_TABLES_CACHE = "dan-y-office";

export function pageKeys(): AstroIntegration {
  return {
    name: "dan-y-page-keys",
    hooks: {
      "astro:config:done": ({ config }) => {
        // A site published only incrementally since would keep those files for ever (a full publish empties the cache).
        rmSync(join(fileURLToPath(config.cacheDir), OLD_TABLES_CACHE), { recursive: true, force: true });
      },
      "astro:build:done": ({ dir }) => {
        writePageKeys(fileURLToPath(dir));
      },
    },
  };
}
