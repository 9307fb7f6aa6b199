import { expect, it } from "vitest";
import type { ContentIssue } from "../content/content-issue.ts";
import { formatIssues } from "./format-issues.ts";

const error: ContentIssue = { file: "content/a.md", line: 3, column: 5, rule: "schema", message: "Thiếu tiêu đề" };
const warning: ContentIssue = { file: "content/b.md", line: 12, column: 7, rule: "tags", message: 'Từ khóa "giao-thon" chưa có', severity: "warning" };

it("marks warnings apart from errors in the human and GitHub formats", () => {
  expect(formatIssues([error, warning], "human")).toBe(
    'content/a.md:3:5  lỗi  Thiếu tiêu đề  [schema]\ncontent/b.md:12:7  cảnh báo  Từ khóa "giao-thon" chưa có  [tags]',
  );
  expect(formatIssues([warning], "github")).toBe('::warning file=content/b.md,line=12,col=7,title=tags::Từ khóa "giao-thon" chưa có');
  expect(JSON.parse(formatIssues([warning], "json"))[0].severity).toBe("warning");
});
