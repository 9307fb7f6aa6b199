/**
 * A reason a submission cannot be accepted, as a value: the content path (or
 * branch, or commit) it concerns, the line when known, and a Vietnamese message.
 * The command line formats it; nothing splits strings to find the path again.
 */
export interface Problem {
  /** Content path relative to the content directory, a repository path outside it, or a branch name; empty when it concerns the whole submission. */
  path: string;
  line?: number;
  message: string;
}

export const problem = (path: string, message: string, line?: number): Problem => (line === undefined ? { path, message } : { path, line, message });

/** `path: message` (or just the message), as the command line prints one problem. */
export function formatProblem(value: Problem): string {
  if (!value.path) return value.message;
  return `${value.path}${value.line === undefined ? "" : `:${value.line}`}: ${value.message}`;
}
