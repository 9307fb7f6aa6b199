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

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
