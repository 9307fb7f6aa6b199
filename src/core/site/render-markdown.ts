/**
 * Submitted Markdown to safe HTML, as defence in depth behind `check`: raw HTML
 * is not parsed as HTML at all (remark-rehype drops it), and the result goes
 * through rehype-sanitize's GitHub schema, so no script, event handler or
 * `javascript:` link reaches a page. MDX is never used for submitted content.
 * `check` bounds the shapes that would make this slow (rules/markdown-shape.ts);
 * should rendering still fail, the error names the content file, in Vietnamese.
 */

import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { ContentRenderError } from "../errors.ts";

interface HastNode {
  type: string;
  tagName?: string;
  children?: HastNode[];
}

/** Demotes headings so that a submitted report's `#` sits under the page's own headings. */
function shiftHeadings(offset: number) {
  const visit = (node: HastNode) => {
    const level = node.type === "element" && /^h[1-6]$/.test(node.tagName ?? "") ? Number(node.tagName?.slice(1)) : 0;
    if (level) node.tagName = `h${Math.min(6, level + offset)}`;
    for (const child of node.children ?? []) visit(child);
  };
  return () => (tree: HastNode) => visit(tree);
}

/** Top-level blocks per piece: micromark's time grows faster than the number of blocks it holds (measured: 3,000 short paragraphs took 5.5 times as long as 1,000 would three times over). */
const BLOCKS_PER_PIECE = 100;
/** Texts shorter than this are rendered whole. */
const SPLIT_FROM = 8 * 1024;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/**
 * After a blank line, a line at the margin that opens no container (no indentation, `>`, list
 * marker or HTML) ends every block before it.
 */
const FRESH_AFTER_BLANK = /^(?![ \t>]|<|(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$))\S/;
/** Lines at the margin that end whatever came before them, blank line or not: an ATX heading, a fence, a `*` or `_` rule (a `-` rule may be a setext underline). */
const INTERRUPTING = /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;
/** HTML blocks that run across blank lines until their end marker (CommonMark kinds 1–5). */
const HTML_RUNS: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** HTML blocks that run to the next blank line (kinds 6 and 7): a heading or fence inside them is HTML. */
const HTML_TO_BLANK = /^ {0,3}<\/?[A-Za-z]/;
/** Link reference definitions hold for the whole document, so a text with any is rendered whole. */
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/** Where a text may be cut: the lines that start a block independent of everything before it, and the block starts. */
export interface CutPoints {
  /** Line indices (0-based) before which the text may be cut; empty when it must be rendered whole. */
  cuts: number[];
  /** Line indices that start a top-level block (after a blank line, or a cut). */
  blocks: number[];
}

/**
 * The lines before which the Markdown can be cut, between top-level blocks and outside fenced
 * code and HTML blocks, so that the pieces render alike one by one. A line that is not
 * recognised as safe is never a cut point: missing one only costs time. `check` bounds the
 * lines between cut points (rules/markdown-shape.ts), which keeps rendering linear.
 */
export function cutPoints(markdown: string): CutPoints {
  const lines = markdown.split("\n");
  const cuts: number[] = [];
  const blocks: number[] = [];
  if (DEFINITION.test(markdown)) return { cuts, blocks };
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlToBlank = false;
  let afterBlank = true;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (fence) {
      const marker = FENCE.exec(line)?.[1];
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    if (line.trim() === "") {
      afterBlank = true;
      htmlToBlank = false;
      continue;
    }
    const interrupting = !htmlToBlank && INTERRUPTING.test(line);
    if (index > 0 && (afterBlank ? FRESH_AFTER_BLANK.test(line) : interrupting)) cuts.push(index);
    if (afterBlank || interrupting) blocks.push(index);
    fence = FENCE.exec(line)?.[1];
    // A backtick fence's info string holds no backtick: "```a``` b" is inline code.
    if (fence?.startsWith("`") && line.slice(line.indexOf(fence) + fence.length).includes("`")) fence = undefined;
    const run = HTML_RUNS.find(([opens]) => opens.test(line));
    // A run that ends on its own first line (`<!-- a -->`) is closed at once.
    if (run && !run[1].test(line.replace(run[0], ""))) htmlEnd = run[1];
    if (!run && HTML_TO_BLANK.test(line)) htmlToBlank = true;
    afterBlank = false;
  }
  return { cuts, blocks };
}

/**
 * The Markdown cut into pieces of at least BLOCKS_PER_PIECE blocks at the cut points above:
 * rendering pieces keeps the time linear in the text.
 */
export function pieces(markdown: string): string[] {
  if (markdown.length < SPLIT_FROM) return [markdown];
  const { cuts, blocks } = cutPoints(markdown);
  if (cuts.length === 0) return [markdown];
  const lines = markdown.split("\n");
  const result: string[] = [];
  let start = 0;
  let block = 0;
  for (const cut of cuts) {
    while (block < blocks.length && (blocks[block] as number) < cut) block++;
    // `block` blocks start before this cut; those since the last piece decide.
    if (block - countBefore(blocks, start) >= BLOCKS_PER_PIECE) {
      result.push(lines.slice(start, cut).join("\n"));
      start = cut;
    }
  }
  result.push(lines.slice(start).join("\n"));
  return result;
}

/** How many of the sorted `indices` are below `limit`. */
function countBefore(indices: readonly number[], limit: number): number {
  let low = 0;
  let high = indices.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((indices[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

const processors = new Map<number, ReturnType<typeof build>>();

function build(headingOffset: number) {
  return unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(shiftHeadings(headingOffset)).use(rehypeStringify).freeze();
}

/**
 * `headingOffset` lowers every heading by that many levels (a report's `#` becomes `###` with 2).
 * `file` is the display path of the content file the Markdown comes from: a failure is thrown as
 * a `ContentRenderError` naming it.
 */
export function renderMarkdown(markdown: string, headingOffset = 0, file = "(không rõ tệp)"): string {
  let processor = processors.get(headingOffset);
  if (!processor) {
    processor = build(headingOffset);
    processors.set(headingOffset, processor);
  }
  try {
    let html = "";
    for (const piece of pieces(markdown)) html += (html ? "\n" : "") + String(processor.processSync(piece));
    return html;
  } catch (error) {
    const reason = error instanceof RangeError ? "nội dung lồng nhau quá sâu" : "lỗi khi chuyển Markdown thành trang";
    throw new ContentRenderError(file, `${file}: không dựng được nội dung Markdown (${reason}). Hãy chạy "npm run check" để xem dòng cần sửa.`, {
      cause: error,
    });
  }
}
