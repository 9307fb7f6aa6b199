/** Checks the minimal valid tree with some files changed: what every rule test starts from. */
import { checkContent } from "../core/check/check-content.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "./content-fixtures.ts";

export const TODAY = "2026-11-27";

/** The issues of the minimal tree with `changes` applied (`null` deletes a file). */
export function checkWith(changes: Record<string, string | Uint8Array | null>): ContentIssue[] {
  const tree: Record<string, string | Uint8Array> = minimalContent();
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) delete tree[path];
    else tree[path] = text;
  }
  return checkContent(toContentFiles(tree), { root: "content/", today: TODAY }).issues;
}

/** `file:line:column` of an issue. */
export const where = (issue: { file: string; line: number; column: number }) => `${issue.file}:${issue.line}:${issue.column}`;

/** The valid observation with one replacement. */
export const observation = (from: string, to: string) => ({ [VALID_OBSERVATION_PATH]: VALID_OBSERVATION.replace(from, to) });

/** The valid observation with `text` inserted before its last paragraph (line 30 of the file). */
export const withBodyLine = (text: string) => observation("Bà con đề nghị", `${text}\n\nBà con đề nghị`);
