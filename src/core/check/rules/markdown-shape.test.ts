import { describe, expect, it } from "vitest";
import { checkWith, withBodyLine } from "../../../test-support/check-fixture.ts";
import { MAX_LIST_ITEMS, MAX_MARKUP_PER_PARAGRAPH, MAX_NESTED_CONTAINERS, MAX_NESTING } from "./markdown-shape.ts";

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
    expect(shapeIssues("- a\n".repeat(MAX_LIST_ITEMS + 1))).toEqual([
      `${30 + MAX_LIST_ITEMS}:1 Quá nhiều mục danh sách trong một tệp (hơn ${MAX_LIST_ITEMS}): hãy gộp các mục thành đoạn văn hoặc tách thành nhiều thông tin, báo cáo`,
    ]);
  });

  it("refuses a paragraph with too many markup characters of one kind, at the paragraph's first line", () => {
    expect(shapeIssues(`Đoạn đầu.\n\nDòng một\n${"[a]".repeat(MAX_MARKUP_PER_PARAGRAPH)}`)).toEqual([
      `32:1 Đoạn văn có hơn ${MAX_MARKUP_PER_PARAGRAPH} dấu ngoặc vuông ([, ]): hãy tách đoạn hoặc bỏ bớt định dạng`,
    ]);
    // The count starts again in each paragraph.
    expect(shapeIssues(`${"`a` ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n${"`a` ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}`)).toEqual([]);
  });
});
