/**
 * Submitted Markdown to safe HTML, as defence in depth behind `check`: raw HTML
 * is not parsed as HTML at all (remark-rehype drops it), and the result goes
 * through rehype-sanitize's GitHub schema, so no script, event handler or
 * `javascript:` link reaches a page. MDX is never used for submitted content.
 */
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

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

const processors = new Map<number, ReturnType<typeof build>>();

function build(headingOffset: number) {
  return unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(shiftHeadings(headingOffset)).use(rehypeStringify).freeze();
}

/** `headingOffset` lowers every heading by that many levels (a report's `#` becomes `###` with 2). */
export function renderMarkdown(markdown: string, headingOffset = 0): string {
  let processor = processors.get(headingOffset);
  if (!processor) {
    processor = build(headingOffset);
    processors.set(headingOffset, processor);
  }
  return String(processor.processSync(markdown));
}
