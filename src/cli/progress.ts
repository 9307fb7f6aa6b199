/**
 * Progress bars for long work, drawn on stderr only when a person watches:
 * both stdout and stderr are terminals and `CI` is not set. Otherwise every
 * call is a no-op, so logs, pipes and tests stay clean.
 */
import { createRequire } from "node:module";
import type { SingleBar as Bar } from "cli-progress";

export interface Progress {
  /** Adds `done` finished items (default 1). */
  advance(done?: number): void;
  /** Sets the number of finished items. */
  update(done: number): void;
  /** Removes the bar. */
  stop(): void;
}

interface Streams {
  stdout: { isTTY?: boolean };
  stderr: { isTTY?: boolean };
}

/** Whether to draw: on a terminal, outside CI (`CI` unset, empty, "0" or "false"). */
export function showsProgress(streams: Streams = process, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
  return streams.stdout.isTTY === true && streams.stderr.isTTY === true && !inCi;
}

const SILENT: Progress = { advance() {}, update() {}, stop() {} };

/** A bar "label [████░░] 42% 420/1000 unit, còn 3 s", or nothing when no one watches. */
export function progress(label: string, total: number, unit: string, enabled = showsProgress()): Progress {
  if (!enabled || total <= 0) return SILENT;
  // Loaded only when a bar is drawn: every command imports this module.
  const { SingleBar } = createRequire(import.meta.url)("cli-progress") as { SingleBar: typeof Bar };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}, còn {eta} s`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: true,
    stream: process.stderr,
    etaBuffer: 50,
  });
  bar.start(total, 0);
  return {
    advance: (done = 1) => bar.increment(done),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
