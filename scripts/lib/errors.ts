/** Typed errors of the command line; `runCommand` maps them to exit codes. */

/** A failure the user can act on: a Vietnamese message and an exit code, no stack trace. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "ExitError";
    this.exitCode = exitCode;
  }
}

/** A Git operation that failed; `message` is Vietnamese, `cause` keeps the original. */
export class GitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GitError";
  }
}

/** Writing the search index failed; `message` is Vietnamese. */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/** Exit codes: 0 clean, 1 content problems or refusal, 2 wrong usage, 3 Git failure, 70 internal fault. */
export const EXIT = { ok: 0, problems: 1, usage: 2, git: 3, internal: 70 } as const;
