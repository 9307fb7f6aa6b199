/**
 * Splits a Markdown content file into YAML front matter and body. Only a first
 * line of exactly `---` (or `---yaml`) opens front matter, so `---js` and any
 * other language are refused before anything reads them: nothing here can
 * evaluate code. (Why not gray-matter: see the README, "Stack change".)
 */
import type { Position } from "./content-issue.ts";
import { parseYaml, type YamlProblem } from "./yaml.ts";

export interface MarkdownParts {
  /** The front matter as parsed (a plain mapping). */
  data: Record<string, unknown>;
  /** The YAML text between the delimiters. */
  frontmatter: string;
  /** Markdown after the closing delimiter. */
  body: string;
  /** Line number of the first body line in the file. */
  bodyLine: number;
}

export type MarkdownParse = { ok: true; parts: MarkdownParts } | { ok: false; problems: YamlProblem[] };

/** Lines of the file before the front matter's first line (the opening `---`). */
export const FRONTMATTER_LINE_OFFSET = 1;

function refuse(position: Position, message: string): MarkdownParse {
  return { ok: false, problems: [{ position, message }] };
}

const describeKind = (value: unknown): string =>
  Array.isArray(value) ? "một danh sách" : value === null ? "giá trị rỗng" : `một giá trị đơn (${typeof value})`;

export function parseMarkdown(text: string): MarkdownParse {
  if (text.trim() === "") {
    return refuse({ line: 1, column: 1 }, "Tệp rỗng: cần phần đầu YAML giữa hai dòng --- và nội dung Markdown");
  }
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n"));
  if (!firstLine.startsWith("---")) {
    return refuse({ line: 1, column: 1 }, `Dòng đầu tiên phải là --- (mở phần đầu YAML); nhận được "${firstLine.slice(0, 40)}"`);
  }
  const language = firstLine.slice(3).trim();
  if (language !== "" && language !== "yaml") {
    return refuse({ line: 1, column: 4 }, `Phần đầu chỉ được viết bằng YAML; không chấp nhận "---${language}" (mã trong phần đầu không bao giờ được chạy)`);
  }
  const rest = text.slice(firstLine.length);
  const closing = /\n---[ \t]*(?:\n|$)/.exec(rest);
  if (!closing) {
    return refuse({ line: 1, column: 1 }, "Thiếu dòng --- đóng phần đầu YAML");
  }

  const frontmatter = rest.slice(1, Math.max(1, closing.index));
  const body = rest.slice(closing.index + closing[0].length);
  const parsed = parseYaml(frontmatter, FRONTMATTER_LINE_OFFSET);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  if (data === null || data === undefined) {
    return refuse({ line: 2, column: 1 }, "Phần đầu YAML trống: cần các cặp khóa: giá trị");
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    return refuse({ line: 2, column: 1 }, `Phần đầu phải là các cặp khóa: giá trị; nhận được ${describeKind(data)}`);
  }
  const frontmatterLines = frontmatter === "" ? 0 : frontmatter.split("\n").length;
  const bodyLine = FRONTMATTER_LINE_OFFSET + frontmatterLines + 2;
  return {
    ok: true,
    parts: { data: data as Record<string, unknown>, frontmatter, body, bodyLine },
  };
}
