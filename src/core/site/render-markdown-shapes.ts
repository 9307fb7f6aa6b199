/**
 * Generated Markdown shapes, pathological and dense, for the test that what
 * `check` accepts renders fast (pathological-content.test.ts) and for the
 * per-shape figures `bench git` prints. Sizes sit at or just past the bounds of
 * rules/markdown-shape.ts, so that a loosened bound shows at once.
 */
import {
  MAX_LINES_PER_1000,
  MAX_LINES_WITHOUT_BREAK,
  MAX_LIST_ITEMS,
  MAX_MARKS_PER_1000,
  MAX_MARKUP_PER_PARAGRAPH,
  MAX_NESTED_CONTAINERS,
  MAX_NESTING,
  MAX_SETEXT_HEADINGS,
} from "../check/rules/markdown-shape.ts";

/** Accepted shapes are measured in bodies of about this many characters, padded with prose where a bound is per file. */
export const SHAPE_SIZE = 50_000;

export const repeatTo = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
const list = (levels: number) => `${Array.from({ length: levels }, (_, level) => `${"  ".repeat(level)}- mục ${level}`).join("\n")}\n\n`;
const quotes = (levels: number) => `${">".repeat(levels)} trích dẫn\n\n`;
const SENTENCE = "Bà con thôn Trung Hòa phản ánh đường liên thôn xuống cấp sau mùa mưa, đề nghị sửa chữa sớm. ";

/** Prose with paragraphs, as observations are written. */
export const prose = (size: number) => repeatTo(`${SENTENCE.repeat(3)}\n\n`, size);
/** The shape, then prose up to SHAPE_SIZE. */
const padded = (shape: string) => `${shape}\n\n${prose(SHAPE_SIZE - shape.length)}`;
/** A line of `length` characters (with the newline) of letters. */
const lineOf = (length: number, end = "\n") => `${"x".repeat(Math.max(1, length - end.length))}${end}`;
/** Characters per line at the densest accepted rate of lines. */
const DENSE_LINE = Math.ceil(1000 / MAX_LINES_PER_1000);
/** A paragraph of about 400 characters holding the densest accepted share of markup (within the per-paragraph bound). */
const denseMarks = (unit: string) => {
  const marks = (unit.match(/[*_~[\]`<&\\]/g)?.length ?? 1) + 2 * (unit.match(/\]\(/g)?.length ?? 0);
  const units = Math.floor((MAX_MARKS_PER_1000 * 0.95 * 0.4) / marks);
  const filler = Math.max(1, Math.ceil((400 - units * unit.length) / units));
  return `${`${unit}${"x".repeat(filler - 1)} `.repeat(units)}\n\n`;
};

/** [name, body]: refused by `check`, or rendered within the bound. */
export const MARKDOWN_SHAPES: readonly (readonly [string, string])[] = [
  ["prose", prose(SHAPE_SIZE)],
  ["5,000 nested >", `${">".repeat(5000)} a\n`],
  ["a 700-level list", list(700)],
  ["50,000 *a", "*a".repeat(50_000)],
  ["50,000 _a", "_a".repeat(50_000)],
  ["5,000 [ and ]", `${"[".repeat(5000)}a${"]".repeat(5000)}`],
  ["5,000 backticks", "`a".repeat(5000)],
  ["4,000 separate block quotes", repeatTo("> a\n\n", 20_000)],
  ["2,000 nested list items", repeatTo("- - a\n\n", 14_000)],
  ["NUL bytes", "Nội dung\u0000ẩn"],
  ["an escape sequence", "Chữ \u001b[31mđỏ"],
  ["a right-to-left override", "Tệp \u202Egpj.exe"],
  ["a 200,000-letter word", "a".repeat(200_000)],
  ["a 50,000-letter link text", `[${"b".repeat(50_000)}](https://example.vn)`],
  [`quotes ${MAX_NESTING} deep, ${MAX_NESTED_CONTAINERS} times`, padded(quotes(MAX_NESTING).repeat(MAX_NESTED_CONTAINERS))],
  [`a list ${MAX_NESTING} deep, ${MAX_NESTED_CONTAINERS / 10} times`, padded(list(MAX_NESTING).repeat(MAX_NESTED_CONTAINERS / 10))],
  [`a flat list of ${MAX_LIST_ITEMS} items`, padded("- mục\n".repeat(MAX_LIST_ITEMS))],
  [`${MAX_LIST_ITEMS + 1} list items`, "- mục\n".repeat(MAX_LIST_ITEMS + 1)],
  [`${MAX_MARKUP_PER_PARAGRAPH / 2} *a per paragraph`, repeatTo(`${"*a".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SHAPE_SIZE)],
  [`${MAX_MARKUP_PER_PARAGRAPH} of each markup per paragraph`, repeatTo(`${"*_`[<a".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SHAPE_SIZE)],
  ["links at the bound per paragraph", repeatTo(`${"[a](b ".repeat(MAX_MARKUP_PER_PARAGRAPH / 2)}\n\n`, SHAPE_SIZE)],
  ["12,000 headings", repeatTo("# a\n", 48_000)],
  ["entities", repeatTo("&amp;&#115;&#x41;&lt; ", SHAPE_SIZE)],
  ["one-letter paragraphs", repeatTo("a\n\n", 30_000)],
  ["12,000 setext headings", repeatTo("a\n=\n", 48_000)],
  ["rules", repeatTo("***\n", SHAPE_SIZE)],
  ["hard line breaks", repeatTo("a  \n", SHAPE_SIZE)],
  ["code spans", repeatTo("`a` ", SHAPE_SIZE)],
  ["fenced blocks", repeatTo("```\na\n```\n", SHAPE_SIZE)],
  [`paragraphs in one quote`, repeatTo(`> ${SENTENCE}\n>\n`, SHAPE_SIZE)],
  [`paragraphs in one list item`, `- a\n\n${repeatTo(`  ${SENTENCE}\n\n`, SHAPE_SIZE)}`],
  [`${MAX_LINES_WITHOUT_BREAK * 20} lines of one paragraph`, lineOf(40).repeat(MAX_LINES_WITHOUT_BREAK * 20)],
  // The densest shapes check accepts.
  [`headings every ${DENSE_LINE} characters`, repeatTo(`# ${lineOf(DENSE_LINE - 2)}`, SHAPE_SIZE)],
  [`paragraphs every ${DENSE_LINE} characters`, repeatTo(`${lineOf(DENSE_LINE - 1)}\n`, SHAPE_SIZE)],
  [`rules every ${3 * DENSE_LINE} characters`, repeatTo(`${lineOf(3 * DENSE_LINE - 4)}***\n`, SHAPE_SIZE)],
  [`hard breaks every ${DENSE_LINE} characters`, repeatTo(`${lineOf(DENSE_LINE, "  \n").repeat(100)}\nĐoạn ${"x".repeat(DENSE_LINE)}.\n\n`, SHAPE_SIZE)],
  [`list items every ${DENSE_LINE} characters`, padded(`- ${lineOf(DENSE_LINE - 2)}`.repeat(MAX_LIST_ITEMS))],
  [`${MAX_SETEXT_HEADINGS} setext headings`, padded(`${lineOf(DENSE_LINE)}===\n`.repeat(MAX_SETEXT_HEADINGS))],
  [
    `${MAX_LINES_WITHOUT_BREAK}-line stretches of one quote`,
    repeatTo(`${`> ${lineOf(DENSE_LINE)}`.repeat(MAX_LINES_WITHOUT_BREAK - 1)}\nĐoạn ${"x".repeat(DENSE_LINE)}.\n\n`, SHAPE_SIZE),
  ],
  [`emphasis at ${MAX_MARKS_PER_1000} per 1,000`, repeatTo(denseMarks("*a*"), SHAPE_SIZE)],
  [`code spans at ${MAX_MARKS_PER_1000} per 1,000`, repeatTo(denseMarks("`a`"), SHAPE_SIZE)],
  [`links at ${MAX_MARKS_PER_1000} per 1,000`, repeatTo(denseMarks("[a](b)"), SHAPE_SIZE)],
  [`entities at ${MAX_MARKS_PER_1000} per 1,000`, repeatTo(denseMarks("&amp;"), SHAPE_SIZE)],
  ["short lines and markup at both bounds", repeatTo(`${`*a* ${"x".repeat(DENSE_LINE - 5)}\n`.repeat(4)}\n`, SHAPE_SIZE)],
];

/** The median of five timings of `run`, in milliseconds. */
export function medianMs(run: () => void, now: () => number = () => performance.now()): number {
  const times: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = now();
    run();
    times.push(now() - start);
  }
  return times.sort((a, b) => a - b)[2] as number;
}
