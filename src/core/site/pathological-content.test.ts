/**
 * What `check` accepts, the build renders fast: each generated shape is either
 * refused by `check` at its file and line, or renders within a bound relative
 * to prose of the same size (a ratio, not fixed milliseconds, so that a busy
 * machine slows both sides alike).
 */
import { describe, expect, it } from "vitest";
import { checkWith } from "../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import { MAX_LIST_ITEMS, MAX_MARKUP_PER_PARAGRAPH, MAX_NESTED_CONTAINERS, MAX_NESTING } from "../check/rules/markdown-shape.ts";
import { renderMarkdown } from "./render-markdown.ts";

/**
 * A shape may take this many times as long as prose of its size. Measured on a loaded 2-core machine: prose
 * 0.3–1 ms per kB; the densest accepted shapes (a one-letter paragraph or a heading every 3–4 bytes, 50
 * emphasis marks per paragraph) 20–55 times that, linear in the size since long texts render piece by piece;
 * the shapes that grew faster than their size (nesting, nested containers, long lists, markup runs) are refused.
 */
const MAX_RATIO = 60;
/** Below this, timer resolution and garbage collection dominate: shorter renders always pass. */
const FLOOR_MS = 15;

const BODY_LINE = 28;
/** Accepted shapes are measured in bodies of about this size, padded with prose where a bound is per file. */
const SIZE = 50_000;
const bodyOf = (body: string) => VALID_OBSERVATION.replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}`);
const repeat = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
const list = (levels: number) => `${Array.from({ length: levels }, (_, level) => `${"  ".repeat(level)}- mục ${level}`).join("\n")}\n\n`;
const quotes = (levels: number) => `${">".repeat(levels)} trích dẫn\n\n`;

/** Prose with paragraphs, as observations are written. */
const prose = (size: number) => repeat(`${"Bà con thôn Trung Hòa phản ánh đường liên thôn xuống cấp sau mùa mưa, đề nghị sửa chữa sớm. ".repeat(3)}\n\n`, size);

function medianMs(render: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    render();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

/** The shape, then prose up to SIZE. */
const padded = (shape: string) => `${shape}\n\n${prose(SIZE - shape.length)}`;

const SHAPES: [string, string][] = [
  ["5,000 nested >", `${">".repeat(5000)} a\n`],
  ["a 700-level list", list(700)],
  ["50,000 *a", "*a".repeat(50_000)],
  ["50,000 _a", "_a".repeat(50_000)],
  ["5,000 [ and ]", `${"[".repeat(5000)}a${"]".repeat(5000)}`],
  ["5,000 backticks", "`a".repeat(5000)],
  ["4,000 separate block quotes", repeat("> a\n\n", 20_000)],
  ["2,000 nested list items", repeat("- - a\n\n", 14_000)],
  ["NUL bytes", "Nội dung\u0000ẩn"],
  ["an escape sequence", "Chữ \u001b[31mđỏ"],
  ["a right-to-left override", "Tệp \u202Egpj.exe"],
  ["a 200,000-letter word", "a".repeat(200_000)],
  ["a 50,000-letter link text", `[${"b".repeat(50_000)}](https://example.vn)`],
  [`quotes ${MAX_NESTING} deep, ${MAX_NESTED_CONTAINERS} times`, padded(quotes(MAX_NESTING).repeat(MAX_NESTED_CONTAINERS))],
  [`a list ${MAX_NESTING} deep, ${MAX_NESTED_CONTAINERS / 10} times`, padded(list(MAX_NESTING).repeat(MAX_NESTED_CONTAINERS / 10))],
  [`a flat list of ${MAX_LIST_ITEMS} items`, padded("- mục\n".repeat(MAX_LIST_ITEMS))],
  [`${MAX_LIST_ITEMS + 1} list items`, "- mục\n".repeat(MAX_LIST_ITEMS + 1)],
  [`${MAX_MARKUP_PER_PARAGRAPH / 2} *a per paragraph`, repeat(`${"*a".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SIZE)],
  [`${MAX_MARKUP_PER_PARAGRAPH} of each markup per paragraph`, repeat(`${"*_`[<a".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SIZE)],
  ["links at the bound per paragraph", repeat(`${"[a](b ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SIZE)],
  ["12,000 headings", repeat("# a\n", 48_000)],
  ["entities", repeat("&amp;&#115;&#x41;&lt; ", SIZE)],
  ["many short paragraphs", repeat("a\n\n", 30_000)],
];

describe("pathological Markdown bodies", () => {
  it.each(SHAPES)("%s: refused by check at file and line, or rendered within the bound", (_, body) => {
    const issues = checkWith({ [VALID_OBSERVATION_PATH]: bodyOf(body) }).filter((issue) => issue.rule !== "unsafe-html" && issue.rule !== "personal-data");
    if (issues.length > 0) {
      for (const issue of issues) {
        expect(issue.file).toBe(`content/${VALID_OBSERVATION_PATH}`);
        expect(["markdown-shape", "control-characters"]).toContain(issue.rule);
        expect(issue.line).toBeGreaterThanOrEqual(BODY_LINE);
        expect(issue.message).toMatch(/tối đa|Quá nhiều|hơn|ký tự/);
      }
      return;
    }
    const plain = prose(body.length);
    renderMarkdown(plain);
    const baseline = medianMs(() => renderMarkdown(plain));
    const shape = medianMs(() => renderMarkdown(body));
    expect(shape, `${shape.toFixed(1)} ms against ${baseline.toFixed(1)} ms for prose of ${body.length} characters`).toBeLessThanOrEqual(
      Math.max(FLOOR_MS, baseline * MAX_RATIO),
    );
  });

  it("refuses the shapes the build choked on, each at its line", () => {
    const refused = (body: string) =>
      checkWith({ [VALID_OBSERVATION_PATH]: bodyOf(`Mở đầu.\n\n${body}`) })
        .filter((issue) => issue.rule === "markdown-shape" || issue.rule === "control-characters")
        .map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.message}`);
    const file = `content/${VALID_OBSERVATION_PATH}`;
    expect(refused(`${">".repeat(5000)} a`)).toEqual([
      `${file}:${BODY_LINE + 2}:1 Trích dẫn (>) hoặc danh sách lồng nhau 5000 cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
    ]);
    expect(refused(list(700))[0]).toBe(
      `${file}:${BODY_LINE + 2 + MAX_NESTING}:1 Trích dẫn (>) hoặc danh sách lồng nhau ${MAX_NESTING + 1} cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
    );
    expect(refused("*a".repeat(50_000))).toEqual([
      `${file}:${BODY_LINE + 2}:1 Đoạn văn có hơn ${MAX_MARKUP_PER_PARAGRAPH} dấu nhấn mạnh (*, _, ~): hãy tách đoạn hoặc bỏ bớt định dạng`,
    ]);
    expect(refused("Nội dung\u0000ẩn")).toEqual([
      `${file}:${BODY_LINE + 2}:9 Tệp chứa ký tự điều khiển U+0000 (NUL): hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)`,
    ]);
  });
});
