import type { EntryRule } from "./rule.ts";
import { scanFreeText } from "./text-scan.ts";

/** Elements that run or embed code, inline event handlers, and script URLs. */
const UNSAFE_HTML =
  /<\s*\/?\s*(?:script|iframe|object|embed|style|form|frame|frameset|meta|link|base)\b|\bon[a-z]+\s*=|(?:java|vb)script\s*:|data\s*:\s*text\/html/giu;

/** Every match has a <, an = or a colon. */
const SCREEN = /[<=:]/;

export const unsafeHtml: EntryRule = {
  id: "unsafe-html",
  description: "Nội dung không chứa mã HTML nguy hiểm: <script>, <iframe>, thuộc tính sự kiện (onerror=…), liên kết javascript:.",
  check({ entry, text }, { at, atPosition }) {
    if (!entry || !text) return;
    for (const hit of scanFreeText(entry, text, UNSAFE_HTML, SCREEN)) {
      const message = `Không được dùng mã HTML "${hit.match.trim()}" trong nội dung: chỉ viết văn bản Markdown thông thường`;
      if (hit.position) atPosition(entry.source.file, hit.position, message);
      else at(entry, hit.path ?? [], message);
    }
  },
};
