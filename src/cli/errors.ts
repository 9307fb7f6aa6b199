/** The command line's own error: a Vietnamese message and an exit code, no stack trace. */

/** A failure the user can act on: a Vietnamese message and an exit code, no stack trace. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "ExitError";
    this.exitCode = exitCode;
  }
}

/** Exit codes: 0 clean, 1 content problems or refusal, 2 wrong usage, 3 Git failure, 70 internal fault. */
export const EXIT = { ok: 0, problems: 1, usage: 2, git: 3, internal: 70 } as const;
