/**
 * Splits a Markdown content file into YAML front matter and body. gray-matter
 * does the splitting with its JavaScript engines replaced by throwing functions
 * (it would otherwise `eval` `---js` front matter) and its cache off; YAML goes
 * through our own parser.
 */
import matter from "gray-matter";
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

// gray-matter looks every input up in `matter.cache` even when options turn
// caching off; as a plain object that lookup interns the whole text (measured:
// 60% of its time). An empty Map answers the same lookup with `undefined` at once.
(matter as unknown as { cache: unknown }).cache = new Map();

function refuseEngine(): never {
  throw new Error("JavaScript front matter is never evaluated");
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
  const closing = /\n---[ \t]*(?:\n|$)/.exec(text.slice(firstLine.length));
  if (!closing) {
    return refuse({ line: 1, column: 1 }, "Thiếu dòng --- đóng phần đầu YAML");
  }

  let parsed: ReturnType<typeof parseYaml> | undefined;
  const result = matter(text, {
    language: "yaml",
    engines: {
      yaml: (source: string) => {
        // gray-matter hands us the text after the opening line, starting with its newline.
        parsed = parseYaml(source.replace(/^\n/, ""), FRONTMATTER_LINE_OFFSET);
        return {};
      },
      js: refuseEngine,
      javascript: refuseEngine,
    },
  });
  if (!parsed) return refuse({ line: 1, column: 1 }, "Không đọc được phần đầu YAML");
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  if (data === null || data === undefined) {
    return refuse({ line: 2, column: 1 }, "Phần đầu YAML trống: cần các cặp khóa: giá trị");
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    return refuse({ line: 2, column: 1 }, `Phần đầu phải là các cặp khóa: giá trị; nhận được ${describeKind(data)}`);
  }
  const frontmatter = result.matter.replace(/^\n/, "");
  const bodyLine = FRONTMATTER_LINE_OFFSET + frontmatter.split("\n").length + 2;
  return {
    ok: true,
    parts: { data: data as Record<string, unknown>, frontmatter, body: result.content, bodyLine },
  };
}
