/**
 * What `check` accepts, the build renders fast: each generated shape is either
 * refused by `check` at its file and line, or renders within a bound relative
 * to prose of the same size (a ratio, not fixed milliseconds, so that a busy
 * machine slows both sides alike).
 */
import { describe, expect, it } from "vitest";
import { checkWith } from "../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import {
  MAX_LINES_PER_1000,
  MAX_LINES_WITHOUT_BREAK,
  MAX_MARKS_PER_1000,
  MAX_MARKUP_PER_PARAGRAPH,
  MAX_NESTING,
  MAX_SETEXT_HEADINGS,
} from "../check/rules/markdown-shape.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { MARKDOWN_SHAPES, medianMs, prose } from "./render-markdown-shapes.ts";

/**
 * A shape may take this many times as long as prose of its size. Prose renders at 0.2–0.7 ms per kB
 * here; the densest accepted shapes (a heading or hard break every 25 characters, links or emphasis
 * at 80 markup characters per 1,000) measured 3–10 times that on a loaded 2-core machine, so about
 * 3 ms per kB on a quiet one. Before the density bounds, one-letter paragraphs took 30–60 times prose.
 */
const MAX_RATIO = 15;
/** Below this, timer resolution and garbage collection dominate: shorter renders always pass. */
const FLOOR_MS = 15;

const BODY_LINE = 28;
const bodyOf = (body: string) => VALID_OBSERVATION.replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}`);
const list = (levels: number) => `${Array.from({ length: levels }, (_, level) => `${"  ".repeat(level)}- mục ${level}`).join("\n")}\n\n`;
const SHAPES = MARKDOWN_SHAPES.map(([name, body]) => [name, body] as [string, string]);

describe("pathological Markdown bodies", () => {
  it.each(SHAPES)("%s: refused by check at file and line, or rendered within the bound", (_, body) => {
    const issues = checkWith({ [VALID_OBSERVATION_PATH]: bodyOf(body) }).filter((issue) => issue.rule !== "unsafe-html" && issue.rule !== "personal-data");
    if (issues.length > 0) {
      for (const issue of issues) {
        expect(issue.file).toBe(`content/${VALID_OBSERVATION_PATH}`);
        expect(["markdown-shape", "control-characters"]).toContain(issue.rule);
        expect(issue.line).toBeGreaterThanOrEqual(BODY_LINE);
        expect(issue.message).toMatch(/tối đa|Quá nhiều|hơn|ký tự/);
        expect(issue.severity ?? "error").toBe("error");
      }
      return;
    }
    const plain = prose(body.length);
    renderMarkdown(plain);
    renderMarkdown(body);
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
    expect(refused(list(700))).toContain(
      `${file}:${BODY_LINE + 2 + MAX_NESTING}:1 Trích dẫn (>) hoặc danh sách lồng nhau ${MAX_NESTING + 1} cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
    );
    expect(refused("*a".repeat(50_000))).toEqual([
      `${file}:${BODY_LINE}:1 Nội dung có quá nhiều ký tự định dạng (*, _, ~, [, ], \`, <, &, \\; mỗi liên kết tính 4): 50.000 trong 100.010 ký tự, tối đa ${MAX_MARKS_PER_1000} cho mỗi 1.000 ký tự (từ dòng này): hãy bỏ bớt định dạng`,
      `${file}:${BODY_LINE + 2}:1 Đoạn văn có hơn ${MAX_MARKUP_PER_PARAGRAPH} dấu nhấn mạnh (*, _, ~): hãy tách đoạn hoặc bỏ bớt định dạng`,
    ]);
    // One-letter paragraphs after six paragraphs of prose: pointed at the stretch of about 1,000 characters where they start.
    expect(refused(`${prose(2000)}${"a\n\n".repeat(1000)}`)).toEqual([
      `${file}:${BODY_LINE + 2 + 2 * 4}:1 Nội dung có quá nhiều dòng ngắn: 1.008 dòng trong 4.956 ký tự, tối đa ${MAX_LINES_PER_1000} dòng cho mỗi 1.000 ký tự (từ dòng này): hãy gộp các dòng ngắn thành đoạn văn`,
    ]);
    expect(refused("Tiêu đề\n===\n\n".repeat(MAX_SETEXT_HEADINGS + 1))).toEqual([
      `${file}:${BODY_LINE + 2 + 3 * MAX_SETEXT_HEADINGS}:1 Quá nhiều tiêu đề gạch chân (một dòng chữ trên dòng === hoặc ---) trong một tệp, tối đa ${MAX_SETEXT_HEADINGS}: hãy dùng tiêu đề bắt đầu bằng # hoặc thêm dòng trống trước ---`,
    ]);
    // The quote continues the opening paragraph's stretch: no blank line then text at the margin between them.
    expect(refused(`${"> Bà con thôn Trung Hòa phản ánh đường xấu\n".repeat(MAX_LINES_WITHOUT_BREAK + 1)}`)).toEqual([
      `${file}:${BODY_LINE}:1 Từ dòng này có hơn ${MAX_LINES_WITHOUT_BREAK} dòng liền nhau không có chỗ ngắt (một dòng trống rồi đoạn văn bắt đầu sát lề, hoặc một tiêu đề #), tối đa ${MAX_LINES_WITHOUT_BREAK}: hãy chia thành các đoạn văn cách nhau bằng dòng trống`,
    ]);
    expect(refused("Nội dung\u0000ẩn")).toEqual([
      `${file}:${BODY_LINE + 2}:9 Tệp chứa ký tự điều khiển U+0000 (NUL): hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)`,
    ]);
  });
});
