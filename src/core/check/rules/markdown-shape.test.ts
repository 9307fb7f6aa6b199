import { describe, expect, it } from "vitest";
import { checkWith, withBodyLine } from "../../../test-support/check-fixture.ts";
import {
  LINES_FLOOR,
  MARKS_FLOOR,
  MAX_LINES_PER_1000,
  MAX_LINES_WITHOUT_BREAK,
  MAX_LIST_ITEMS,
  MAX_MARKS_PER_1000,
  MAX_MARKUP_PER_PARAGRAPH,
  MAX_NESTED_CONTAINERS,
  MAX_NESTING,
  MAX_SETEXT_HEADINGS,
} from "./markdown-shape.ts";

const shapeIssues = (text: string) =>
  checkWith(withBodyLine(text))
    .filter((issue) => issue.rule === "markdown-shape")
    .map((issue) => `${issue.line}:${issue.column} ${issue.message}`);

describe("markdown-shape", () => {
  it("accepts quotes and lists at the bound, and ordinary formatting", () => {
    expect(shapeIssues(`${">".repeat(MAX_NESTING)} trích dẫn`)).toEqual([]);
    expect(shapeIssues("- một\n  - hai\n    - ba\n\n1. **đậm** và _nghiêng_, [liên kết](https://example.vn)")).toEqual([]);
    expect(shapeIssues("*a".repeat(MAX_MARKUP_PER_PARAGRAPH / 2))).toEqual([]);
  });

  it("refuses nesting beyond the bound at its line, counting list indentation", () => {
    expect(shapeIssues(`${"> ".repeat(MAX_NESTING + 1)}sâu`)).toEqual([
      `30:1 Trích dẫn (>) hoặc danh sách lồng nhau ${MAX_NESTING + 1} cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
    ]);
    expect(shapeIssues(`Mở đầu\n${" ".repeat(2 * MAX_NESTING)}- sâu`)).toEqual([
      `31:1 Trích dẫn (>) hoặc danh sách lồng nhau ${MAX_NESTING + 1} cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
    ]);
    // Indented text that opens no container is not nesting.
    expect(shapeIssues(`Mở đầu\n${" ".repeat(40)}tiếp`)).toEqual([]);
  });

  it("refuses too many nested containers and list items in one file", () => {
    expect(shapeIssues("> a\n\n".repeat(MAX_NESTED_CONTAINERS + 1))).toEqual([
      `${30 + 2 * MAX_NESTED_CONTAINERS}:1 Quá nhiều trích dẫn (>) và mục danh sách lồng nhau trong một tệp (hơn ${MAX_NESTED_CONTAINERS}): hãy viết phần này thành đoạn văn hoặc danh sách một cấp`,
    ]);
    expect(shapeIssues("- a\n".repeat(MAX_LIST_ITEMS + 1))).toContain(
      `${30 + MAX_LIST_ITEMS}:1 Quá nhiều mục danh sách trong một tệp (hơn ${MAX_LIST_ITEMS}): hãy gộp các mục thành đoạn văn hoặc tách thành nhiều thông tin, báo cáo`,
    );
  });

  it("refuses a paragraph with too many markup characters of one kind, at the paragraph's first line", () => {
    expect(shapeIssues(`Đoạn đầu.\n\nDòng một\n${"[a]".repeat(MAX_MARKUP_PER_PARAGRAPH)}`)).toEqual([
      `32:1 Đoạn văn có hơn ${MAX_MARKUP_PER_PARAGRAPH} dấu ngoặc vuông ([, ]): hãy tách đoạn hoặc bỏ bớt định dạng`,
    ]);
    // The count starts again in each paragraph.
    expect(shapeIssues(`${"`a` ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n${"`a` ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}`)).toEqual([]);
  });
});

describe("markdown-shape densities", () => {
  const line = (length: number) => `${"x".repeat(length - 1)}\n`;

  it("accepts short files however dense, and long ones at the bounds", () => {
    expect(shapeIssues("a\n\n".repeat(LINES_FLOOR / 2 - 5))).toEqual([]);
    expect(shapeIssues("**a**\n\n".repeat(MARKS_FLOOR / 4 - 10))).toEqual([]);
    // Paragraphs a little longer than 1,000 / MAX_LINES_PER_1000 characters, over 20,000 characters.
    expect(shapeIssues(`${"x".repeat(1000 / MAX_LINES_PER_1000 - 1)}\n\n`.repeat(20 * MAX_LINES_PER_1000))).toEqual([]);
    // Bold words a little sparser than MAX_MARKS_PER_1000, in paragraphs of 400 characters.
    const unit = `**đậm** ${"x".repeat(4000 / MAX_MARKS_PER_1000 - 9)} `;
    expect(shapeIssues(`${unit.repeat(Math.floor(400 / unit.length))}\n\n`.repeat(50))).toEqual([]);
    expect(shapeIssues("Tiêu đề\n---\n\n".repeat(MAX_SETEXT_HEADINGS))).toEqual([]);
  });

  it("refuses too many lines or markup characters for the length, from the dense stretch", () => {
    const prose = `${"Bà con phản ánh đường liên thôn xuống cấp. ".repeat(20)}\n\n`.repeat(10);
    const dense = shapeIssues(`${prose}${"# a\n".repeat(3 * LINES_FLOOR)}`);
    expect(dense).toHaveLength(1);
    expect(dense[0]).toMatch(
      new RegExp(`^(4[6-9]|50):1 Nội dung có quá nhiều dòng ngắn: 6\\d\\d dòng trong [\\d.]+ ký tự, tối đa ${MAX_LINES_PER_1000} dòng cho mỗi 1.000 ký tự`),
    );
    const marks = shapeIssues(`${"[a](b) ".repeat(20)}\n\n`.repeat(10));
    expect(marks).toEqual([
      `28:1 Nội dung có quá nhiều ký tự định dạng (*, _, ~, [, ], \`, <, &, \\; mỗi liên kết tính 4): 800 trong 1.528 ký tự, tối đa ${MAX_MARKS_PER_1000} cho mỗi 1.000 ký tự (từ dòng này): hãy bỏ bớt định dạng`,
    ]);
  });

  it("refuses a stretch of lines with no place to cut, and too many setext headings", () => {
    expect(shapeIssues(line(60).repeat(MAX_LINES_WITHOUT_BREAK + 1))).toEqual([
      `30:1 Từ dòng này có hơn ${MAX_LINES_WITHOUT_BREAK} dòng liền nhau không có chỗ ngắt (một dòng trống rồi đoạn văn bắt đầu sát lề, hoặc một tiêu đề #), tối đa ${MAX_LINES_WITHOUT_BREAK}: hãy chia thành các đoạn văn cách nhau bằng dòng trống`,
    ]);
    // A heading at the margin is a place to cut.
    expect(shapeIssues(`${line(60).repeat(MAX_LINES_WITHOUT_BREAK - 1)}# Mục\n${line(60).repeat(MAX_LINES_WITHOUT_BREAK - 1)}`)).toEqual([]);
    expect(shapeIssues(`Tiêu đề\n===\n\n`.repeat(MAX_SETEXT_HEADINGS + 1))).toEqual([
      `${30 + 3 * MAX_SETEXT_HEADINGS}:1 Quá nhiều tiêu đề gạch chân (một dòng chữ trên dòng === hoặc ---) trong một tệp, tối đa ${MAX_SETEXT_HEADINGS}: hãy dùng tiêu đề bắt đầu bằng # hoặc thêm dòng trống trước ---`,
    ]);
  });
});
