/**
 * Peak resident memory of a process and all its descendants, sampled from
 * /proc (Linux): the search index is written by Pagefind's own binary, a child
 * of the Node process, whose memory `resourceUsage()` does not see.
 */
import { readdirSync, readFileSync } from "node:fs";

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function residentKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Sums the tree's resident memory every `everyMs`; `stop()` returns the peak in MB. */
export function sampleTreeMemory(pid: number, everyMs = 100): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    let total = 0;
    const pending = [pid];
    while (pending.length > 0) {
      const next = pending.pop() as number;
      total += residentKb(next);
      pending.push(...children(next));
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}
