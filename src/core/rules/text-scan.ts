/** Shared scanning of the free text of observations and reports (bodies, titles, notes). */
import type { Position } from "../content-issue.ts";
import type { ObservationEntry, ReportEntry } from "../content-model.ts";

export interface TextHit {
  /** YAML path of the field, or undefined for the Markdown body. */
  path?: PropertyKey[];
  position?: Position;
  match: string;
}

/** Every match of the pattern in the entry's free text; body hits get file positions. */
export function scanFreeText(entry: ObservationEntry | ReportEntry, pattern: RegExp): TextHit[] {
  const hits: TextHit[] = [];
  const fields: [PropertyKey[], string | undefined][] = [[["title"], entry.title]];
  if ("follow_up" in entry) {
    fields.push([["location"], entry.location]);
    entry.follow_up.forEach((step, index) => fields.push([["follow_up", index, "note"], step.note]));
  }
  for (const [path, text] of fields) {
    if (!text) continue;
    for (const match of text.matchAll(pattern)) hits.push({ path, match: match[0] });
  }
  // A cheap test first: most bodies are clean. `lastIndex` is shared state of a /g pattern.
  pattern.lastIndex = 0;
  const found = pattern.test(entry.body);
  pattern.lastIndex = 0;
  if (!found) return hits;
  const lines = entry.body.split("\n");
  lines.forEach((line, index) => {
    for (const match of line.matchAll(pattern)) {
      hits.push({ position: { line: entry.bodyLine + index, column: (match.index ?? 0) + 1 }, match: match[0] });
    }
  });
  return hits;
}
