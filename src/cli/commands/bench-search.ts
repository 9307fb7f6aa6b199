/**
 * `dan-y bench search`: generates 10k and 100k observations, builds the site,
 * then times writing the search index (wall time, peak memory of the indexer's
 * processes and Pagefind's binary together) and measures in Chromium, on a warm
 * search page, the time to first results and the bytes fetched for five fixed
 * queries (median of three fresh pages; the site served by another process, as
 * a real web server is). Target: 100k indexed in ≤ 45 s and ≤ 2 GB; first
 * results ≤ 300 ms and ≤ 1 MB per query. `BENCH_SIZES=1000` for other sizes.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import type { Page } from "playwright-core";
import { act, examples } from "../command-kit.ts";
import { generateBenchContent, median } from "../lib/bench.ts";
import { ASTRO_BIN, DAN_Y_BIN, PROJECT_ROOT } from "../lib/entry.ts";
import { sampleTreeMemory } from "../lib/process-tree-memory.ts";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const ROOT = PROJECT_ROOT;
const QUERIES = ["đất đai", "dat dai", "giải phóng mặt bằng", "tham nhung", "ô nhiễm môi trường"];
const ROUNDS = 3;
/** The query that warms each fresh page before the measured ones (not one of them). */
const WARM_UP = "cán bộ";

function folderBytes(folder: string): number {
  return readdirSync(folder, { recursive: true }).reduce((sum, path) => {
    const stats = statSync(join(folder, String(path)));
    return stats.isFile() ? sum + stats.size : sum;
  }, 0);
}

function run(args: string[], env: NodeJS.ProcessEnv, what: string): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${what} thất bại:\n${(result.stdout + result.stderr).slice(-2000)}`);
}

/** Runs the indexer, sampling the memory of it and its Pagefind child. */
async function timeIndexing(content: string, site: string): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [DAN_Y_BIN, "index-search", "--site", site], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: content },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const memory = sampleTreeMemory(child.pid as number);
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const peakMb = memory.stop();
  if (code !== 0) throw new Error(`Lập chỉ mục thất bại:\n${errors.slice(-2000)}`);
  return { seconds: (performance.now() - started) / 1000, peakMb };
}

/** A query typed into the search page: milliseconds to the first result shown and to the counts complete. */
async function timeQuery(page: Page, term: string): Promise<[number, number]> {
  return page.evaluate(async (term) => {
    const input = document.getElementById("q") as HTMLInputElement;
    const list = document.getElementById("ket-qua") as HTMLElement;
    list.replaceChildren();
    const started = performance.now();
    let first = 0;
    input.value = term;
    (document.getElementById("tim-kiem") as HTMLFormElement).requestSubmit();
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!first && list.children.length > 0) first = performance.now() - started;
        if (first && list.getAttribute("aria-busy") === "false") {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(list, { attributes: true, attributeFilter: ["aria-busy"], childList: true });
    });
    return [first, performance.now() - started] as [number, number];
  }, term);
}

interface QueryRow {
  query: string;
  sort: string;
  ms: number;
  complete: number;
  bytes: number;
  results: string;
}

/**
 * Time to first results and bytes fetched per query, on a warm page: a fresh
 * page (empty cache) that has loaded its index and answered one other query
 * (`WARM_UP`, timed and reported as the cold first query). Every measured
 * query is new to the page: none of its index chunks are loaded yet.
 */
async function measureQueries(site: string): Promise<{ rows: QueryRow[]; cold: { sort: string; ms: number }[] }> {
  // Loaded here, not at the top: every dan-y command imports this file to describe itself.
  const { launchChromium } = await import("../../test-support/browser.ts");
  const { serveFolderInChild } = await import("../../test-support/static-server.ts");
  const server = await serveFolderInChild(site);
  const browser = await launchChromium();
  try {
    const rows: (Omit<QueryRow, "ms" | "complete" | "bytes"> & { ms: number[]; complete: number[]; bytes: number[] })[] = [];
    const cold: { sort: string; ms: number[] }[] = [];
    for (const sort of ["ngay", "lien-quan"]) {
      const coldRow = { sort, ms: [] as number[] };
      cold.push(coldRow);
      for (let round = 0; round < ROUNDS; round++) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/tim-kiem/?sap-xep=${sort}`);
        await page.locator('#ket-qua[aria-busy="false"]').waitFor({ state: "attached", timeout: 120_000 });
        await page.waitForLoadState("networkidle");
        coldRow.ms.push((await timeQuery(page, WARM_UP))[0]);
        await page.waitForLoadState("networkidle");
        for (const query of QUERIES) {
          const servedBefore = await server.bytesServed();
          const [ms, complete] = await timeQuery(page, query);
          await page.waitForLoadState("networkidle");
          const bytes = (await server.bytesServed()) - servedBefore;
          const results = (await page.locator("#tinh-trang-tim").textContent()) ?? "";
          const row = rows.find((item) => item.query === query && item.sort === sort);
          if (row) {
            row.ms.push(ms);
            row.complete.push(complete);
            row.bytes.push(bytes);
          } else rows.push({ query, sort, ms: [ms], complete: [complete], bytes: [bytes], results });
        }
        await page.close();
      }
    }
    return {
      rows: rows.map((row) => ({ ...row, ms: median(row.ms), complete: median(row.complete), bytes: median(row.bytes) })),
      cold: cold.map((row) => ({ sort: row.sort, ms: median(row.ms) })),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function benchSearch(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-search-"));
  try {
    for (const size of SIZES) {
      const content = join(root, `content-${size}`);
      const site = join(root, `site-${size}`);
      generateBenchContent(content, size);
      run([ASTRO_BIN, "build", "--outDir", site], { CONTENT_DIR: content, DAN_Y_TODAY: "2026-11-27" }, "Dựng trang");
      const indexing = await timeIndexing(content, site);
      const indexMb = folderBytes(join(site, "pagefind")) / 1024 / 1024;
      console.log(
        `chỉ mục ${size.toLocaleString("vi-VN")} thông tin: ${indexing.seconds.toFixed(1)} s, RSS đỉnh (Node + Pagefind) ${indexing.peakMb.toFixed(0)} MB, ${indexMb.toFixed(0)} MB tệp chỉ mục`,
      );
      const { rows, cold } = await measureQueries(site);
      for (const row of cold)
        console.log(`  câu đầu tiên trên trang mới ("${WARM_UP}", ${row.sort === "ngay" ? "mới nhất" : "liên quan"}): kết quả đầu sau ${row.ms.toFixed(0)} ms`);
      for (const row of rows) {
        console.log(
          `  "${row.query}" (${row.sort === "ngay" ? "mới nhất" : "liên quan"}): kết quả đầu sau ${row.ms.toFixed(0)} ms, đủ số đếm sau ${row.complete.toFixed(0)} ms, tải ${(row.bytes / 1024).toFixed(0)} KB — ${row.results}`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("search")
    .description(
      "Đo tìm kiếm: dựng trang từ 10.000 và 100.000 thông tin, đo thời gian và bộ nhớ lập chỉ mục, rồi trong Chromium đo thời gian đến kết quả đầu tiên và dung lượng tải cho năm câu tìm. Mục tiêu: 100.000 thông tin lập chỉ mục ≤ 45 s và ≤ 2 GB; kết quả đầu ≤ 300 ms và ≤ 1 MB mỗi câu. Đổi cỡ bằng BENCH_SIZES.",
    );
  command.action(act(benchSearch));
  examples(command, [
    ["npx dan-y bench search", "đo với 10.000 và 100.000 thông tin"],
    ["BENCH_SIZES=1000 npx dan-y bench search", "đo nhanh với 1.000 thông tin"],
  ]);
}
