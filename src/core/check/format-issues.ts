/** The three output formats of `check`: human, JSON, GitHub Actions annotations. */
import type { ContentIssue } from "../content/content-issue.ts";

export type IssueFormat = "human" | "json" | "github";

export const FORMATS: readonly IssueFormat[] = ["human", "json", "github"];

function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatIssues(issues: readonly ContentIssue[], format: IssueFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(issues, null, 2);
    case "github":
      return issues
        .map(
          (issue) =>
            `::${issue.severity === "warning" ? "warning" : "error"} file=${escapeGithubProperty(issue.file)},line=${issue.line},col=${issue.column},title=${escapeGithubProperty(issue.rule)}::${escapeGithubData(issue.message)}`,
        )
        .join("\n");
    case "human":
      return issues
        .map((issue) => `${issue.file}:${issue.line}:${issue.column}  ${issue.severity === "warning" ? "cảnh báo" : "lỗi"}  ${issue.message}  [${issue.rule}]`)
        .join("\n");
  }
}
