/**
 * Peak resident memory of a process and all its descendants, sampled from
 * /proc (Linux): the search index is written by Pagefind's own binary, a child
 * of the Node process, whose memory `resourceUsage()` does not see. With a
 * `role` function, each process is also put in a role by its command line, and
 * every role's own peak and the time it was seen running are kept, so a bench
 * can say which step of a publish took the time and the memory.
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

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** One role's processes over a run: the peak of their memory together, and from when to when they were seen. */
export interface RoleUsage {
  role: string;
  peakMb: number;
  /** Seconds from the start of sampling to the first and last sample that saw the role. */
  firstSeconds: number;
  lastSeconds: number;
  /** Distinct processes seen in the role. */
  processes: number;
}

/**
 * Sums the tree's resident memory every `everyMs`; `stop()` returns the peak in MB. A process that
 * `role` names nothing for (undefined) counts in the total only.
 */
export function sampleTreeMemory(
  pid: number,
  everyMs = 100,
  role?: (commandLine: string[]) => string | undefined,
  /** Memory the tree holds outside its processes (files in a memory-backed folder), in KB, counted in the total as a role of its own. */
  outside?: { role: string; kb: () => number },
): { stop: () => number; roles: () => RoleUsage[] } {
  const started = performance.now();
  let peak = 0;
  const roles = new Map<string, RoleUsage & { pids: Set<number> }>();
  const sample = () => {
    let total = 0;
    const byRole = new Map<string, number>();
    const pending = [pid];
    while (pending.length > 0) {
      const next = pending.pop() as number;
      const kb = residentKb(next);
      total += kb;
      if (role) {
        // Read every time: a child sampled between its fork and its exec still shows its parent's command line.
        const name = role(commandLine(next));
        if (name !== undefined && kb > 0) byRole.set(name, (byRole.get(name) ?? 0) + kb);
        const usage = name === undefined ? undefined : roles.get(name);
        if (name !== undefined && !usage) {
          roles.set(name, { role: name, peakMb: 0, firstSeconds: Number.NaN, lastSeconds: 0, processes: 0, pids: new Set() });
        }
        roles.get(name as string)?.pids.add(next);
      }
      pending.push(...children(next));
    }
    if (outside) {
      const kb = outside.kb();
      total += kb;
      if (kb > 0) {
        byRole.set(outside.role, kb);
        if (!roles.has(outside.role))
          roles.set(outside.role, { role: outside.role, peakMb: 0, firstSeconds: Number.NaN, lastSeconds: 0, processes: 0, pids: new Set() });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    for (const [name, kb] of byRole) {
      const usage = roles.get(name);
      if (!usage) continue;
      usage.peakMb = Math.max(usage.peakMb, kb / 1024);
      if (Number.isNaN(usage.firstSeconds)) usage.firstSeconds = seconds;
      usage.lastSeconds = seconds;
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak / 1024;
    },
    roles() {
      return [...roles.values()]
        .filter((usage) => !Number.isNaN(usage.firstSeconds))
        .map(({ pids, ...usage }) => ({ ...usage, processes: pids.size }))
        .sort((a, b) => a.firstSeconds - b.firstSeconds);
    },
  };
}
