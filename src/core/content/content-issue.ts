/** A problem found in the content, always tied to a file position and worded for users (Vietnamese). */
export interface ContentIssue {
  /** Path relative to the repository root, with `/`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Id of the rule or stage that found it, e.g. `schema`, `references`. */
  rule: string;
  /** What was expected and what was found, in Vietnamese. */
  message: string;
  /** Present only for warnings, which do not fail `check`; an issue without it is an error. */
  severity?: Severity;
}

export type Severity = "error" | "warning";

/** Whether the issue fails `check` (every issue but a warning). */
export const isError = (issue: ContentIssue): boolean => issue.severity !== "warning";

export interface Position {
  line: number;
  column: number;
}

export const START: Position = { line: 1, column: 1 };

export function issueAt(file: string, position: Position, rule: string, message: string): ContentIssue {
  return { file, line: position.line, column: position.column, rule, message };
}

export function compareIssues(a: ContentIssue, b: ContentIssue): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
