/**
 * A report's Markdown body as the blocks of a printed document: headings,
 * paragraphs, bulleted and numbered lists, tables, bold and italic runs.
 * Observation ids in code spans (` — \`xa-ky-hoa/2026-03-02-…\``) are links for
 * the site and are left out of print; other code is plain text; raw HTML and
 * images are dropped (a printed report has neither).
 */
import type { List, PhrasingContent, Root, RootContent, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Cell = string | number;

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; runs: Run[] }
  | { kind: "list"; ordered: boolean; items: Run[][] }
  | { kind: "table"; header: string[]; rows: Cell[][]; caption?: string };

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

const OBSERVATION_ID = /^[a-z0-9-]+\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;

function runsOf(nodes: readonly PhrasingContent[], style: { bold?: boolean; italic?: boolean } = {}): Run[] {
  const runs: Run[] = [];
  const push = (text: string) => {
    if (text) runs.push({ text, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
  };
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        push(node.value.replace(/\s*\n\s*/g, " "));
        break;
      case "strong":
        runs.push(...runsOf(node.children, { ...style, bold: true }));
        break;
      case "emphasis":
        runs.push(...runsOf(node.children, { ...style, italic: true }));
        break;
      case "delete":
      case "link":
        runs.push(...runsOf(node.children, style));
        break;
      case "inlineCode":
        if (OBSERVATION_ID.test(node.value)) {
          // Drop the reference and the dash that introduced it.
          const last = runs[runs.length - 1];
          if (last) last.text = last.text.replace(/\s*[—–-]\s*$/u, "");
        } else push(node.value);
        break;
      case "break":
        push(" ");
        break;
      default:
        break;
    }
  }
  return runs.filter((run) => run.text !== "");
}

const plain = (runs: readonly Run[]): string => runs.map((run) => run.text).join("");

function listItems(list: List): Run[][] {
  return list.children.map((item) =>
    item.children.flatMap((child, index) => {
      if (child.type !== "paragraph") return [];
      const runs = runsOf(child.children);
      return index > 0 ? [{ text: " " }, ...runs] : runs;
    }),
  );
}

function tableBlock(table: Table): Block {
  const [head, ...body] = table.children.map((row) => row.children.map((cell) => plain(runsOf(cell.children)).trim()));
  const rows = body.map((row) =>
    row.map((cell): Cell => (/^-?\d+$/.test(cell.replace(/[.\s]/g, "")) && cell !== "" ? Number(cell.replace(/[.\s]/g, "")) : cell)),
  );
  return { kind: "table", header: head ?? [], rows };
}

function blocksOf(nodes: readonly RootContent[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        blocks.push({ kind: "heading", level: node.depth, text: plain(runsOf(node.children)).trim() });
        break;
      case "paragraph": {
        const runs = runsOf(node.children);
        if (runs.length > 0) blocks.push({ kind: "paragraph", runs });
        break;
      }
      case "list":
        blocks.push({ kind: "list", ordered: node.ordered === true, items: listItems(node) });
        // Nested lists follow their parent as lists of their own.
        for (const item of node.children) blocks.push(...blocksOf(item.children.filter((child) => child.type === "list")));
        break;
      case "table":
        blocks.push(tableBlock(node));
        break;
      case "blockquote":
        blocks.push(...blocksOf(node.children));
        break;
      case "code":
        blocks.push({ kind: "paragraph", runs: [{ text: node.value }] });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** The Markdown as document blocks; `dropTitle` removes a first-level heading equal to the title (the document prints its own). */
export function markdownBlocks(markdown: string, dropTitle?: string): Block[] {
  const tree = parser.parse(markdown) as Root;
  const blocks = blocksOf(tree.children);
  const first = blocks[0];
  if (dropTitle !== undefined && first?.kind === "heading" && first.level === 1 && first.text === dropTitle.trim()) blocks.shift();
  return blocks;
}
