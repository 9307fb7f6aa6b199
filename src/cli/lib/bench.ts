/** What the benchmarks share: generated content, medians, and a child's peak memory. */
import { execFileSync, spawnSync } from "node:child_process";
import { DAN_Y_BIN } from "./entry.ts";

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Preloaded into a child with `--import`, prints its peak RSS (KB) as `PEAK_RSS=…` on exit: /usr/bin/time is not on every machine. */
export const PEAK_PROBE = "data:text/javascript,process.on('exit',()=>process.stderr.write('PEAK_RSS='+process.resourceUsage().maxRSS+'\\n'))";

/** The peak RSS in MB a child printed through PEAK_PROBE, or 0. */
export const peakMbOf = (stderr: string): number => Number(/PEAK_RSS=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;

/**
 * Writes `observations` generated observations (plus units and reports) into
 * `out` with `dan-y generate`, then flushes them to disk: otherwise what is
 * timed next competes with the write-back of hundreds of MB just written.
 */
export function generateBenchContent(out: string, observations: number): void {
  const generated = spawnSync(process.execPath, [DAN_Y_BIN, "generate", "--out", out, "--observations", String(observations)], {
    stdio: "inherit",
  });
  if (generated.status !== 0) throw new Error("Sinh nội dung đo thất bại (xem thông báo ở trên)");
  execFileSync("sync");
}
