/**
 * `npm run bench:search`: generates 10k and 100k observations, builds the site,
 * then times writing the search index (wall time, peak memory of the indexer and
 * Pagefind's binary together) and measures in Chromium, on a warm search page,
 * the time to first results and the bytes fetched for five fixed queries (median
 * of three fresh pages). Target: 100k indexed in ≤ 45 s and ≤ 2 GB; first results
 * ≤ 300 ms and ≤ 1 MB per query. `BENCH_SIZES=1000` for other sizes.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../src/test-support/browser.ts";
import { serveFolder } from "../src/test-support/static-server.ts";
import { sampleTreeMemory } from "./lib/process-tree-memory.ts";
import { runCommand } from "./lib/run-command.ts";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const ROOT = join(import.meta.dirname, "..");
const QUERIES = ["đất đai", "dat dai", "giải phóng mặt bằng", "tham nhung", "ô nhiễm môi trường"];
const ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

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
  const child = spawn(process.execPath, [join(ROOT, "scripts", "index-search.ts"), "--site", site], {
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

/** Time to first results and bytes fetched per query, on a search page that has loaded its index. */
async function measureQueries(site: string): Promise<{ query: string; sort: string; ms: number; complete: number; bytes: number; results: string }[]> {
  const server = await serveFolder(site);
  const browser = await launchChromium();
  try {
    const rows: { query: string; sort: string; ms: number[]; complete: number[]; bytes: number[]; results: string }[] = [];
    for (const sort of ["ngay", "lien-quan"]) {
      // Each round a fresh page (empty cache) that has loaded its index: every query is new to it.
      for (let round = 0; round < ROUNDS; round++) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/tim-kiem/?sap-xep=${sort}`);
        await page.locator('#ket-qua[aria-busy="false"]').waitFor({ state: "attached", timeout: 120_000 });
        await page.waitForLoadState("networkidle");
        for (const query of QUERIES) {
          const servedBefore = server.bytesServed();
          const [ms, complete] = await page.evaluate(async (term) => {
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
            return [first, performance.now() - started];
          }, query);
          await page.waitForLoadState("networkidle");
          const bytes = server.bytesServed() - servedBefore;
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
    return rows.map((row) => ({
      query: row.query,
      sort: row.sort,
      ms: median(row.ms),
      complete: median(row.complete),
      bytes: median(row.bytes),
      results: row.results,
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}

await runCommand(async () => {
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-search-"));
  try {
    for (const size of SIZES) {
      const content = join(root, `content-${size}`);
      const site = join(root, `site-${size}`);
      run([join(ROOT, "scripts", "generate.ts"), "--out", content, "--observations", String(size)], {}, "Sinh nội dung đo");
      run(
        [join(ROOT, "node_modules", "astro", "bin", "astro.mjs"), "build", "--outDir", site],
        { CONTENT_DIR: content, DAN_Y_TODAY: "2026-11-27" },
        "Dựng trang",
      );
      const indexing = await timeIndexing(content, site);
      const indexMb = folderBytes(join(site, "pagefind")) / 1024 / 1024;
      console.log(
        `chỉ mục ${size.toLocaleString("vi-VN")} thông tin: ${indexing.seconds.toFixed(1)} s, RSS đỉnh (Node + Pagefind) ${indexing.peakMb.toFixed(0)} MB, ${indexMb.toFixed(0)} MB tệp chỉ mục`,
      );
      for (const row of await measureQueries(site)) {
        console.log(
          `  "${row.query}" (${row.sort === "ngay" ? "mới nhất" : "liên quan"}): kết quả đầu sau ${row.ms.toFixed(0)} ms, đủ số đếm sau ${row.complete.toFixed(0)} ms, tải ${(row.bytes / 1024).toFixed(0)} KB — ${row.results}`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
