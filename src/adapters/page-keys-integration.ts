/**
 * The Astro integration that, once the pages are written, records the input key of every keyed
 * page, rendered in this build or not, for the next incremental publish (src/site/changed-pages.ts).
 * The site writes nothing else after its pages: table downloads and Word files are made in the
 * browser on click (src/browser/table-download.ts, src/browser/report-docx.ts).
 */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writePageKeys } from "../site/changed-pages.ts";

export function pageKeys(): AstroIntegration {
  return {
    name: "dan-y-page-keys",
    hooks: {
      "astro:build:done": ({ dir }) => {
        writePageKeys(fileURLToPath(dir));
      },
    },
  };
}
