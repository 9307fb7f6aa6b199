/** A submitted file against its approved version: fields added, changed or removed, and a line diff of the text. Pure. */
import { parseMarkdown } from "../core/content/markdown-file.ts";

export interface FieldChange {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

export interface LineChange {
  kind: "same" | "added" | "removed";
  text: string;
}

const show = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value));

function split(text: string | undefined): { data: Record<string, unknown>; body: string } {
  if (text === undefined) return { data: {}, body: "" };
  const parsed = parseMarkdown(text);
  return parsed.ok ? { data: parsed.parts.data as Record<string, unknown>, body: parsed.parts.body } : { data: {}, body: text };
}

/** Longest-common-subsequence diff of lines (texts here are short: one observation or report). */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (table[i] as number[])[j] =
        a[i] === b[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, (table[i] as number[])[j + 1] as number);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] as string });
      i++;
      j++;
    } else if (((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number)) out.push({ kind: "removed", text: a[i++] as string });
    else out.push({ kind: "added", text: b[j++] as string });
  }
  while (i < a.length) out.push({ kind: "removed", text: a[i++] as string });
  while (j < b.length) out.push({ kind: "added", text: b[j++] as string });
  return out;
}

export function changeSummary(approved: string | undefined, submitted: string): { isNew: boolean; fields: FieldChange[]; lines: LineChange[] } {
  const before = split(approved);
  const after = split(submitted);
  const keys = [...new Set([...Object.keys(before.data), ...Object.keys(after.data)])];
  const fields = keys.map((key) => ({ key, before: show(before.data[key]), after: show(after.data[key]) })).filter((change) => change.before !== change.after);
  return { isNew: approved === undefined, fields, lines: diffLines(before.body.trim(), after.body.trim()) };
}
