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
/** A block that cannot continue anything before a blank line: a paragraph or heading starting at the margin. */
const FRESH_BLOCK = /^[\p{L}\p{N}#(]/u;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
/** Link reference definitions hold for the whole document, so a text with any is rendered whole. */
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * The Markdown cut, between top-level blocks and outside fenced code, into pieces
 * that render alike one by one: a blank line followed by a paragraph or heading
 * at the margin ends every container before it. Rendering pieces keeps the
 * time linear in the text.
 */
export function pieces(markdown: string): string[] {
  if (markdown.length < SPLIT_FROM || DEFINITION.test(markdown)) return [markdown];
  const lines = markdown.split("\n");
  const result: string[] = [];
  let start = 0;
  let blocks = 0;
  let fence: string | undefined;
  let afterBlank = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (line.trim() === "") {
      afterBlank = true;
      continue;
    }
    // A heading at the margin ends whatever came before it, blank line or not.
    const heading = ATX_HEADING.test(line);
    if ((afterBlank || heading) && ++blocks >= BLOCKS_PER_PIECE && (heading || FRESH_BLOCK.test(line))) {
      result.push(lines.slice(start, index).join("\n"));
      start = index;
      blocks = 0;
    }
    if (marker) fence = marker;
    afterBlank = false;
  }
  result.push(lines.slice(start).join("\n"));
  return result;
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
