/**
 * The Astro integration that writes the site's office downloads (office-downloads.ts) beside the
 * build: the Word files in a child process started with the build, so they are made on the second
 * core while Astro renders pages on the first; once the pages are written, their Excel and CSV
 * files in two child processes sharing the pages, then a second Word process beside the first for
 * what is left (started only then, so that two copies of the record are not in memory meanwhile). Each child has its own small heap (in
 * Astro's, the same workbooks took three times as long) and exits when done.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/** Processes that write table files at once: the machine's two cores. */
const TABLE_PARTS = 2;

interface ChildResult {
  written?: number;
  reused?: number;
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
  let outDir = "";
  let word: { folder: string; claims: string; first: Promise<ChildResult>; started: number; finished: boolean } | undefined;
  return {
    name: "dan-y-office-downloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        entry = fileURLToPath(new URL("src/adapters/office-downloads-process.ts", config.root));
        outDir = fileURLToPath(config.outDir);
      },
      "astro:build:start": () => {
        // Beside the output (same file system, so the files move in by rename), outside it (Astro empties it).
        const folder = mkdtempSync(join(dirname(outDir), ".dan-y-word-"));
        const claims = mkdtempSync(join(dirname(outDir), ".dan-y-word-claims-"));
        const first = runChild(entry, ["word", folder, claims]);
        const state = { folder, claims, first, started: performance.now(), finished: false };
        // Awaited when the build is done; a failure meanwhile must not count as unhandled.
        first.then(
          () => {
            state.finished = true;
          },
          () => {},
        );
        word = state;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        try {
          const started = performance.now();
          const parts = await Promise.all(
            Array.from({ length: TABLE_PARTS }, (_, part) => runChild(entry, ["tables", site, String(part), String(TABLE_PARTS)])),
          );
          const pages = parts.reduce((sum, result) => sum + (result.pages ?? 0), 0);
          const tables = parts.reduce((sum, result) => sum + (result.tables ?? 0), 0);
          logger.info(`Tải Excel/CSV: ${tables} bảng trên ${pages} trang (${Math.round(performance.now() - started)} ms)`);
          if (word) {
            // The pages and their tables are done: a second Word process takes what the first has not claimed yet.
            const second: ChildResult = word.finished ? {} : await runChild(entry, ["word", word.folder, word.claims]);
            const first = await word.first;
            const counts = { written: (first.written ?? 0) + (second.written ?? 0), reused: (first.reused ?? 0) + (second.reused ?? 0) };
            // Moved in by rename where the site has no such folder yet (`tai-ve/` is theirs alone), else copied.
            for (const name of readdirSync(word.folder)) {
              if (existsSync(join(site, name))) cpSync(join(word.folder, name), join(site, name), { recursive: true });
              else renameSync(join(word.folder, name), join(site, name));
            }
            logger.info(
              `Tải Word: ${counts.written ?? 0} tệp mới, ${counts.reused ?? 0} tệp không đổi lấy lại (${Math.round(performance.now() - word.started)} ms từ lúc bắt đầu dựng)`,
            );
          }
        } finally {
          if (word) for (const folder of [word.folder, word.claims]) rmSync(folder, { recursive: true, force: true });
          word = undefined;
        }
      },
    },
  };
}
