/**
 * `npm run bench:check`: generates 10k and 100k observations (deterministic) and
 * times `check` on each in a fresh process, printing wall time and peak memory.
 * Three runs each; the median is reported. Target: 100k in ≤ 5 s and ≤ 1 GB.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "./lib/run-command.ts";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

await runCommand(async () => {
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-"));
  try {
    for (const size of SIZES) {
      const directory = join(root, String(size));
      if (!existsSync(directory)) {
        const generated = spawnSync(process.execPath, [join(import.meta.dirname, "generate.ts"), "--out", directory, "--observations", String(size)], {
          stdio: "inherit",
        });
        if (generated.status !== 0) throw new Error("generation failed");
      }
      const walls: number[] = [];
      const peaks: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        // /usr/bin/time would need a package; the child reports its own peak RSS instead.
        const result = spawnSync(
          process.execPath,
          [
            "--import",
            "data:text/javascript,process.on('exit',()=>process.stderr.write('PEAK_RSS='+process.resourceUsage().maxRSS+'\\n'))",
            join(import.meta.dirname, "check.ts"),
            "--quiet",
            "--format",
            "json",
          ],
          { env: { ...process.env, CONTENT_DIR: directory }, encoding: "utf8", maxBuffer: 1 << 30 },
        );
        walls.push((performance.now() - started) / 1000);
        peaks.push(Number(/PEAK_RSS=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024);
        if (result.status !== 0) console.error(`check exited ${result.status} on ${size}: ${result.stdout.slice(0, 500)}`);
      }
      console.log(
        `check ${size.toLocaleString("vi-VN")} thông tin: ${median(walls).toFixed(2)} s (trung vị ${RUNS} lần), RSS đỉnh ${median(peaks).toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
