import type { ContentIssue } from "../content-issue.ts";
import { reporter, type Rule } from "./rule.ts";
import { scanFreeText } from "./text-scan.ts";

/** Elements that run or embed code, inline event handlers, and script URLs. */
const UNSAFE_HTML =
  /<\s*\/?\s*(?:script|iframe|object|embed|style|form|frame|frameset|meta|link|base)\b|\bon[a-z]+\s*=|(?:java|vb)script\s*:|data\s*:\s*text\/html/giu;

export const unsafeHtml: Rule = {
  id: "unsafe-html",
  description: "Nội dung không chứa mã HTML nguy hiểm: <script>, <iframe>, thuộc tính sự kiện (onerror=…), liên kết javascript:.",
  check({ model }) {
    const { at, atPosition } = reporter(this.id);
    const issues: ContentIssue[] = [];
    for (const entry of [...model.observations.values(), ...model.reports.values()]) {
      for (const hit of scanFreeText(entry, UNSAFE_HTML)) {
        const message = `Không được dùng mã HTML "${hit.match.trim()}" trong nội dung: chỉ viết văn bản Markdown thông thường`;
        issues.push(hit.position ? atPosition(entry.source.file, hit.position, message) : at(entry, hit.path ?? [], message));
      }
    }
    return issues;
  },
};
