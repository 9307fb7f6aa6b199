/** Shared scanning of the free text of observations and reports (bodies, titles, notes). */
import type { Position } from "../../content/content-issue.ts";
import type { MarkdownBody, ObservationEntry, ReportEntry } from "../../content/content-model.ts";
import type { Reporter } from "./rule.ts";

export interface TextHit {
  /** YAML path of the field, or undefined for the Markdown body. */
  path?: PropertyKey[];
  position?: Position;
  match: string;
  /** The field's text, or the body line, that holds the match. */
  text: string;
  /** Where the match starts in `text`. */
  index: number;
}

/** Every match of the pattern in the entry's free text; body hits get file positions. `screen` must match wherever `pattern` does. */
export function scanFreeText(entry: ObservationEntry | ReportEntry, { body, bodyLine }: MarkdownBody, pattern: RegExp, screen: RegExp): TextHit[] {
  const hits: TextHit[] = [];
  // `screen` is a cheap test that every match passes: most texts never meet the full pattern.
  if (
    screen.test(entry.title) ||
    ("follow_up" in entry && (screen.test(entry.location ?? "") || entry.follow_up.some((step) => screen.test(step.note ?? ""))))
  ) {
    const fields: [PropertyKey[], string | undefined][] = [[["title"], entry.title]];
    if ("follow_up" in entry) {
      fields.push([["location"], entry.location]);
      entry.follow_up.forEach((step, index) => {
        fields.push([["follow_up", index, "note"], step.note]);
      });
    }
    for (const [path, text] of fields) {
      for (const match of text?.matchAll(pattern) ?? []) hits.push({ path, match: match[0], text: text as string, index: match.index ?? 0 });
    }
  }
  if (!screen.test(body)) return hits;
  body.split("\n").forEach((line, index) => {
    for (const match of line.matchAll(pattern)) {
      hits.push({ position: { line: bodyLine + index, column: (match.index ?? 0) + 1 }, match: match[0], text: line, index: match.index ?? 0 });
    }
  });
  return hits;
}

/** Reports a hit where it stands: a body hit at its line and column, a field hit at its YAML path. */
export function reportHit(report: Pick<Reporter, "at" | "atPosition">, entry: ObservationEntry | ReportEntry, hit: TextHit, message: string): void {
  if (hit.position) report.atPosition(entry.source.file, hit.position, message);
  else report.at(entry, hit.path ?? [], message);
}
