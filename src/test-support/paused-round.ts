/**
 * An approval round run by `approval-round-driver.ts` in a child process that
 * stops itself (SIGSTOP) at a crash step, so a test can move main meanwhile
 * and then let the round go on, counting how often it stopped again.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROUND_DRIVER = join(import.meta.dirname, "approval-round-driver.ts");

export interface PausedRound {
  /** Resolves once the round has stopped at its step; throws if it ended first. */
  readonly paused: () => Promise<void>;
  /** Continues the round (again each time it stops) until it exits. */
  readonly continueToEnd: () => Promise<{ code: number | null; stdout: string; stderr: string; pauses: number }>;
}

/** The state letter of a process (`T` when stopped), or undefined once it is gone. */
export function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 25));

/** Starts a round approving `branches` as `reviewerId` in the working copy `dir`, stopping at `pauseAt`. */
export function startPausedRound(
  dir: string,
  branches: readonly string[],
  reviewerId: string,
  pauseAt = "approve:after-objects",
  timeoutMs = 60_000,
): PausedRound {
  const child = spawn(process.execPath, [ROUND_DRIVER, dir, ...branches.flatMap((branch) => [branch, reviewerId])], {
    env: { ...process.env, DAN_Y_PAUSE_AT: pauseAt },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  let done = false;
  // "close", not "exit": the child's output may still be unread when it exits.
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve)).finally(() => {
    done = true;
  });
  const pid = child.pid as number;
  return {
    paused: async () => {
      const until = Date.now() + timeoutMs;
      while (processState(pid) !== "T") {
        if (done) throw new Error(`the round ended before pausing: ${stderr}`);
        if (Date.now() > until) throw new Error(`timed out waiting for the round to pause at ${pauseAt}`);
        await tick();
      }
    },
    continueToEnd: async () => {
      let pauses = 1;
      process.kill(pid, "SIGCONT");
      while (!done) {
        if (processState(pid) === "T") {
          pauses++;
          process.kill(pid, "SIGCONT");
        }
        await tick();
      }
      return { code: await exited, stdout, stderr, pauses };
    },
  };
}
