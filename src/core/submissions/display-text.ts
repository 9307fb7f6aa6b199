/**
 * Text from a submission (branch names, file names, commit authors) shown to a
 * reviewer: control and bidirectional-formatting characters are written as
 * `\u{…}` escapes, so a name cannot hide or reorder what the reviewer reads.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Bidirectional marks, embeddings, overrides and isolates (Trojan Source). */
export const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE = new RegExp(`${CONTROL.source}|${BIDI.source}`, "gu");

export function escapeForDisplay(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u{${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}}`);
}
