/**
 * A program run to its end, killed or not: its exit status (null when a signal
 * ended it), the signal, and what it printed. For the crash tests, which kill
 * the real program at named steps and then look at what it left.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface RunOutcome {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export async function runToEnd(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<RunOutcome> {
  try {
    const { stdout, stderr } = await run(file, args, { encoding: "utf8", timeout: 60_000, ...options });
    return { status: 0, signal: null, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; signal?: string; stdout?: string; stderr?: string };
    return {
      status: typeof failure.code === "number" ? failure.code : null,
      signal: failure.signal ?? null,
      stdout: failure.stdout ?? "",
      stderr: failure.stderr ?? "",
    };
  }
}
