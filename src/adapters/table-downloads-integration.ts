/** The Astro integration that writes every page's table downloads once the build is done (see table-downloads.ts). */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writeTableDownloads } from "./table-downloads.ts";

export function tableDownloads(): AstroIntegration {
  return {
    name: "dan-y-table-downloads",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const written = await writeTableDownloads(fileURLToPath(dir));
        logger.info(`Tải Excel/CSV: ${written.tables} bảng trên ${written.pages} trang (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
