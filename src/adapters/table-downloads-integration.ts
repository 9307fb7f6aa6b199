/**
 * The Astro integration that writes the site's table downloads beside the build: once the pages
 * are written, their Excel and CSV files in two child processes sharing the pages. Each child has
 * its own small heap (in Astro's, the same workbooks took three times as long) and exits when done.
 * Only the pages this build rendered are in its output: an incremental publish links the others'
 * files, their tables' downloads with them, from the published site (publish.ts).
 * Word files are not made at publish: the report pages build them in the browser on click
 * (src/browser/report-docx.ts).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writePageKeys } from "../site/changed-pages.ts";

/** Processes that write table files at once: the machine's two cores. */
const TABLE_PARTS = 2;

interface ChildResult {
  pages?: number;
  tables?: number;
}

/** Runs office-downloads-process.ts with these arguments; resolves with the counts it prints, rejects with its error output. */
function runChild(entry: string, args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // The IPC channel closes when the build's process ends, failed or not: the child then stops too (see its entry).
    const child = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
    let output = "";
    let errors = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      output += text;
    });
    child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      errors = (errors + text).slice(-5000);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(JSON.parse(output.trim().split("\n").pop() ?? "{}") as ChildResult);
      else reject(new Error(`Không ghi được tệp tải về (${args[0]}, mã thoát ${code}):\n${errors}`));
    });
  });
}

export function officeDownloads(): AstroIntegration {
  let entry = "";
  return {
    name: "dan-y-office-downloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        entry = fileURLToPath(new URL("src/adapters/office-downloads-process.ts", config.root));
      },
      "astro:build:done": async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        // The keys of every keyed page, rendered or not, for the next incremental publish (changed-pages.ts).
        writePageKeys(site);
        const started = performance.now();
        const parts = await Promise.all(Array.from({ length: TABLE_PARTS }, (_, part) => runChild(entry, ["tables", site, String(part), String(TABLE_PARTS)])));
        const pages = parts.reduce((sum, result) => sum + (result.pages ?? 0), 0);
        const tables = parts.reduce((sum, result) => sum + (result.tables ?? 0), 0);
        logger.info(`Tải Excel/CSV: ${tables} bảng trên ${pages} trang (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
