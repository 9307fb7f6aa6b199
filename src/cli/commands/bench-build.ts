/**
 * `dan-y bench build`: builds the site from 1k, 10k and 100k generated
 * observations and prints wall time, peak memory and page count (one run each:
 * a 100k build takes minutes). Target: 100k in ≤ 90 s and ≤ 2 GB.
 * `BENCH_SIZES=1000,10000` for fewer sizes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { generateBenchContent, PEAK_PROBE, peakMbOf } from "../lib/bench.ts";
import { ASTRO_BIN, PROJECT_ROOT } from "../lib/entry.ts";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const ROOT = PROJECT_ROOT;

function countPages(folder: string): number {
  return readdirSync(folder, { recursive: true }).filter((path) => String(path).endsWith(".html")).length;
}

async function benchBuild(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-build-"));
  try {
    for (const size of SIZES) {
      const content = join(root, `content-${size}`);
      const out = join(root, `site-${size}`);
      generateBenchContent(content, size);
      const started = performance.now();
      const build = spawnSync(process.execPath, ["--import", PEAK_PROBE, ASTRO_BIN, "build", "--outDir", out], {
        cwd: ROOT,
        env: { ...process.env, CONTENT_DIR: content, DAN_Y_TODAY: "2026-11-27" },
        encoding: "utf8",
        maxBuffer: 1 << 30,
      });
      const seconds = (performance.now() - started) / 1000;
      if (build.status !== 0) {
        console.error(`dựng ${size} thông tin thất bại:\n${build.stderr.slice(-2000)}`);
        continue;
      }
      const peak = peakMbOf(build.stderr);
      console.log(
        `dựng trang ${size.toLocaleString("vi-VN")} thông tin: ${seconds.toFixed(1)} s, RSS đỉnh ${peak.toFixed(0)} MB, ${countPages(out).toLocaleString("vi-VN")} trang`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("build")
    .description(
      "Đo tốc độ dựng trang với 1.000, 10.000 và 100.000 thông tin sinh ra: thời gian, bộ nhớ đỉnh, số trang. Mục tiêu: 100.000 thông tin ≤ 90 s và ≤ 2 GB. Đổi cỡ bằng BENCH_SIZES.",
    );
  command.action(act(benchBuild));
  examples(command, [
    ["npx dan-y bench build", "đo ba cỡ kho (mất vài phút)"],
    ["BENCH_SIZES=1000,10000 npx dan-y bench build", "bỏ cỡ 100.000"],
  ]);
}
