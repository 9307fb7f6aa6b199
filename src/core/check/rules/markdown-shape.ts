/**
 * Bounds on the shapes of Markdown that make the renderer (micromark, under
 * remark) slow or blow its stack: deep nesting of block quotes and lists, many
 * nested containers in one file, and long runs of emphasis, bracket, backtick
 * or angle characters in one paragraph (their resolution is quadratic in the
 * run). Measured before these bounds: 5,000 nested `>` overflowed the stack
 * after 53 s, 50,000 `*a` took 39 s, a 700-level list 7 s, 4,000 separate
 * block quotes in 20 kB 4 s. The density bounds below came next: each block
 * and each markup character costs the renderer a fixed time, so one-letter
 * paragraphs rendered at 13 ms per kB and 50 emphasis marks per paragraph at
 * 10, against 0.4 for prose; 12,000 setext headings (`a` over `=`) took 41 s,
 * their resolution being quadratic. Within these bounds every shape renders
 * within a few ms per kB (pathological-content.test.ts measures it against
 * prose of the same size).
 */
import { cutPoints } from "../../site/render-markdown.ts";
import type { EntryRule } from "./rule.ts";

/** Block quotes and lists inside each other on one line (list indentation counts one level per two columns). */
export const MAX_NESTING = 8;
/** Block quotes opened, plus list items inside another container, in one file. */
export const MAX_NESTED_CONTAINERS = 150;
/** List items in one file: a list is one block, whose time grows faster than its items (rendering cannot cut it). */
export const MAX_LIST_ITEMS = 500;
/** Characters of one kind (emphasis `*_~`, brackets `[]`, backticks, `<`) in one paragraph, list item or heading. */
export const MAX_MARKUP_PER_PARAGRAPH = 100;

/** Non-blank lines per 1,000 characters (each line is at least one block or line break to render). */
export const MAX_LINES_PER_1000 = 40;
/** Files with no more non-blank lines than this are not held to the density above (they render in milliseconds). */
export const LINES_FLOOR = 200;
/** Markup characters (`*_~[]` backtick `<&\`, a link's `](` counting 2 more) per 1,000 characters. */
export const MAX_MARKS_PER_1000 = 80;
/** Files with no more markup characters than this are not held to the density above. */
export const MARKS_FLOOR = 300;
/** Non-blank lines with no place to cut between them (a blank line then text at the margin, or a heading, fence or rule at the margin): rendering them is not linear. */
export const MAX_LINES_WITHOUT_BREAK = 500;
/** Setext headings (a line over `===` or `---`) in one file: each one is resolved against all the text before it. */
export const MAX_SETEXT_HEADINGS = 30;

const MARKS = /[*_~[\]`<&\\]/g;
/** A link costs about twice its brackets (destination and title are parsed too). */
const LINK = /\]\(/g;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const thousands = (value: number) => value.toLocaleString("vi-VN");

/** The first line (0-based) of the first stretch of about 1,000 characters where `count` exceeds `perThousand`. */
function denseFrom(lines: readonly string[], count: (line: string) => number, perThousand: number): number {
  let start = 0;
  let characters = 0;
  let counted = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    characters += line.length + 1;
    counted += count(line);
    if (characters >= 1000 || index === lines.length - 1) {
      if (counted > (perThousand * characters) / 1000) return start;
      start = index + 1;
      characters = 0;
      counted = 0;
    }
  }
  return 0;
}

/** The density, stretch and setext bounds of a whole body. */
function checkDensity(body: string, lines: readonly string[], at: (index: number, message: string) => void): void {
  const nonBlank = (line: string) => (line.trim() === "" ? 0 : 1);
  const marks = (line: string) => (line.match(MARKS)?.length ?? 0) + 2 * (line.match(LINK)?.length ?? 0);
  const size = body.length;
  const lineCount = lines.reduce((sum, line) => sum + nonBlank(line), 0);
  if (lineCount > Math.max(LINES_FLOOR, (MAX_LINES_PER_1000 * size) / 1000)) {
    at(
      denseFrom(lines, nonBlank, MAX_LINES_PER_1000),
      `Nội dung có quá nhiều dòng ngắn: ${thousands(lineCount)} dòng trong ${thousands(size)} ký tự, tối đa ${MAX_LINES_PER_1000} dòng cho mỗi 1.000 ký tự (từ dòng này): hãy gộp các dòng ngắn thành đoạn văn`,
    );
  }
  const markCount = lines.reduce((sum, line) => sum + marks(line), 0);
  if (markCount > Math.max(MARKS_FLOOR, (MAX_MARKS_PER_1000 * size) / 1000)) {
    at(
      denseFrom(lines, marks, MAX_MARKS_PER_1000),
      `Nội dung có quá nhiều ký tự định dạng (*, _, ~, [, ], \`, <, &, \\; mỗi liên kết tính 4): ${thousands(markCount)} trong ${thousands(size)} ký tự, tối đa ${MAX_MARKS_PER_1000} cho mỗi 1.000 ký tự (từ dòng này): hãy bỏ bớt định dạng`,
    );
  }
  const { cuts } = cutPoints(body);
  let stretchStart = 0;
  let stretchLines = 0;
  let cut = 0;
  for (let index = 0; index < lines.length; index++) {
    if (cuts[cut] === index) {
      cut++;
      stretchStart = index;
      stretchLines = 0;
    }
    stretchLines += nonBlank(lines[index] as string);
    if (stretchLines > MAX_LINES_WITHOUT_BREAK) {
      at(
        stretchStart,
        `Từ dòng này có hơn ${MAX_LINES_WITHOUT_BREAK} dòng liền nhau không có chỗ ngắt (một dòng trống rồi đoạn văn bắt đầu sát lề, hoặc một tiêu đề #), tối đa ${MAX_LINES_WITHOUT_BREAK}: hãy chia thành các đoạn văn cách nhau bằng dòng trống`,
      );
      break;
    }
  }
  let setext = 0;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!SETEXT_UNDERLINE.test(line) || (lines[index - 1] as string).trim() === "" || SETEXT_UNDERLINE.test(lines[index - 1] as string)) continue;
    if (++setext > MAX_SETEXT_HEADINGS) {
      at(
        index - 1,
        `Quá nhiều tiêu đề gạch chân (một dòng chữ trên dòng === hoặc ---) trong một tệp, tối đa ${MAX_SETEXT_HEADINGS}: hãy dùng tiêu đề bắt đầu bằng # hoặc thêm dòng trống trước ---`,
      );
      break;
    }
  }
}

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
  description: `Nội dung Markdown không lồng trích dẫn, danh sách quá ${MAX_NESTING} cấp, không quá ${MAX_NESTED_CONTAINERS} khối lồng nhau và ${MAX_LIST_ITEMS} mục danh sách trong một tệp, không quá ${MAX_MARKUP_PER_PARAGRAPH} ký tự đánh dấu cùng loại trong một đoạn, không quá ${MAX_LINES_PER_1000} dòng và ${MAX_MARKS_PER_1000} ký tự định dạng cho mỗi 1.000 ký tự, không quá ${MAX_LINES_WITHOUT_BREAK} dòng liền không ngắt đoạn, ${MAX_SETEXT_HEADINGS} tiêu đề gạch chân (để trang dựng nhanh và an toàn).`,
  check({ entry, text }, { atPosition }) {
    if (!entry || !text) return;
    const { body, bodyLine } = text;
    const file = entry.source.file;
    const lines = body.split("\n");
    checkDensity(body, lines, (index, message) => {
      // Point at text, not at the blank line before it.
      let line = index;
      while (line < lines.length - 1 && (lines[line] as string).trim() === "") line++;
      atPosition(file, { line: bodyLine + line, column: 1 }, message);
    });
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
      // A list item, a heading or a rule starts inline text of its own.
      if (marker || HEADING.test(line) || THEMATIC_BREAK.test(line)) {
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
