/**
 * Bounds on the shapes of Markdown that make the renderer (micromark, under
 * remark) slow or blow its stack: deep nesting of block quotes and lists, many
 * nested containers in one file, and long runs of emphasis, bracket, backtick
 * or angle characters in one paragraph (their resolution is quadratic in the
 * run). Measured before these bounds: 5,000 nested `>` overflowed the stack
 * after 53 s, 50,000 `*a` took 39 s, a 700-level list 7 s, 4,000 separate
 * block quotes in 20 kB 4 s. Within them every shape renders in a few ms per
 * kB (render-markdown.test.ts measures it against prose of the same size).
 */
import type { EntryRule } from "./rule.ts";

/** Block quotes and lists inside each other on one line (list indentation counts one level per two columns). */
export const MAX_NESTING = 8;
/** Block quotes opened, plus list items inside another container, in one file. */
export const MAX_NESTED_CONTAINERS = 150;
/** List items in one file: a list is one block, whose time grows faster than its items (rendering cannot cut it). */
export const MAX_LIST_ITEMS = 500;
/** Characters of one kind (emphasis `*_~`, brackets `[]`, backticks, `<`) in one paragraph, list item or heading. */
export const MAX_MARKUP_PER_PARAGRAPH = 100;

const MARKUP_KINDS = [
  { pattern: /[*_~]/g, name: "dấu nhấn mạnh (*, _, ~)" },
  { pattern: /[[\]]/g, name: "dấu ngoặc vuông ([, ])" },
  { pattern: /`/g, name: "dấu `" },
  { pattern: /</g, name: "dấu <" },
] as const;

/** Any of the characters above; a paragraph without them is skipped at once. */
const MARKUP = /[*_~[\]`<]/;

const LIST_START = /[-*+\d]/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/** Containers opened at the start of a line: `>`, or a list marker followed by a space (or the end). */
function lineNesting(line: string): { depth: number; quote: boolean; marker: boolean } {
  let index = 0;
  let markers = 0;
  let columns = 0;
  let quote = false;
  let marker = false;
  while (index < line.length) {
    const character = line[index];
    if (character === " ") {
      columns++;
      index++;
    } else if (character === "\t") {
      columns += 4;
      index++;
    } else if (character === ">") {
      quote = true;
      markers++;
      index++;
    } else {
      if (!LIST_START.test(character as string)) break;
      const list = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(index, index + 11));
      if (!list) break;
      marker = true;
      markers++;
      index += list[0].length;
    }
  }
  // Indentation only nests when a container follows it (otherwise it is a paragraph's continuation or code).
  const depth = markers === 0 ? 0 : markers + (marker ? Math.floor(columns / 2) : 0);
  return { depth, quote, marker };
}

export const markdownShape: EntryRule = {
  id: "markdown-shape",
  description: `Nội dung Markdown không lồng trích dẫn, danh sách quá ${MAX_NESTING} cấp, không quá ${MAX_NESTED_CONTAINERS} khối lồng nhau và ${MAX_LIST_ITEMS} mục danh sách trong một tệp, không quá ${MAX_MARKUP_PER_PARAGRAPH} ký tự đánh dấu cùng loại trong một đoạn (để trang dựng nhanh và an toàn).`,
  check({ entry, text }, { atPosition }) {
    if (!entry || !text) return;
    const { body, bodyLine } = text;
    const file = entry.source.file;
    const lines = body.split("\n");
    let nested = 0;
    let reportedDepth = false;
    let reportedCount = false;
    let items = 0;
    let reportedItems = false;
    let previousQuote = false;
    let paragraphStart = 0;
    const counts = MARKUP_KINDS.map(() => 0);
    const reportedKinds = MARKUP_KINDS.map(() => false);
    const endParagraph = () => counts.fill(0);
    lines.forEach((line, index) => {
      if (line.trim() === "") {
        endParagraph();
        previousQuote = false;
        paragraphStart = index + 1;
        return;
      }
      const { depth, quote, marker } = lineNesting(line);
      // A list item or a heading starts inline text of its own.
      if (marker || HEADING.test(line)) {
        endParagraph();
        paragraphStart = index;
      }
      if (depth > MAX_NESTING && !reportedDepth) {
        reportedDepth = true;
        atPosition(
          file,
          { line: bodyLine + index, column: 1 },
          `Trích dẫn (>) hoặc danh sách lồng nhau ${depth} cấp, tối đa ${MAX_NESTING}: hãy viết phẳng hơn`,
        );
      }
      if ((quote && !previousQuote) || (marker && depth >= 2)) nested++;
      previousQuote = quote;
      if (nested > MAX_NESTED_CONTAINERS && !reportedCount) {
        reportedCount = true;
        atPosition(
          file,
          { line: bodyLine + index, column: 1 },
          `Quá nhiều trích dẫn (>) và mục danh sách lồng nhau trong một tệp (hơn ${MAX_NESTED_CONTAINERS}): hãy viết phần này thành đoạn văn hoặc danh sách một cấp`,
        );
      }
      if (marker && ++items > MAX_LIST_ITEMS && !reportedItems) {
        reportedItems = true;
        atPosition(
          file,
          { line: bodyLine + index, column: 1 },
          `Quá nhiều mục danh sách trong một tệp (hơn ${MAX_LIST_ITEMS}): hãy gộp các mục thành đoạn văn hoặc tách thành nhiều thông tin, báo cáo`,
        );
      }
      if (!MARKUP.test(line)) return;
      MARKUP_KINDS.forEach((kind, position) => {
        counts[position] = (counts[position] as number) + (line.match(kind.pattern)?.length ?? 0);
        if ((counts[position] as number) > MAX_MARKUP_PER_PARAGRAPH && !reportedKinds[position]) {
          reportedKinds[position] = true;
          atPosition(
            file,
            { line: bodyLine + paragraphStart, column: 1 },
            `Đoạn văn có hơn ${MAX_MARKUP_PER_PARAGRAPH} ${kind.name}: hãy tách đoạn hoặc bỏ bớt định dạng`,
          );
        }
      });
    });
  },
};
