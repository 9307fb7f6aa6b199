/**
 * The JSDoc of a schema file, read from its source: for each field, the comment
 * above it and the example it gives (`Example: \`...\``). The form shows them as
 * hints, so documenting a field in `schemas/` documents it in the workspace too.
 */
export interface FieldDoc {
  text: string;
  example: string | undefined;
}

export function fieldDocs(source: string): Map<string, FieldDoc> {
  const docs = new Map<string, FieldDoc>();
  const pattern = /\/\*\*((?:(?!\/\*\*|\*\/)[\s\S])*)\*\/\s*\n\s*([a-z_]+):/g;
  for (const match of source.matchAll(pattern)) {
    const raw = (match[1] ?? "")
      .split("\n")
      .map((line) => line.replace(/^\s*\*\s?/, "").trim())
      .join(" ")
      .trim();
    const example = /Example:\s*`([^`]*)`/.exec(raw)?.[1];
    const text = raw.replace(/\s*Example:\s*`[^`]*`\.?/, "").trim();
    docs.set(match[2] as string, { text, example });
  }
  return docs;
}
