/**
 * Writes the plain front matter of a new entry exactly as the `yaml` package's
 * `stringify(data, { lineWidth: 0 })` does, without its document model: an
 * import of 10k rows spent 1.6 s and 600 MB of short-lived objects in it.
 *
 * It is a fast path, not a second YAML writer: it answers only for a mapping
 * of lower-case keys whose values are plain text that `yaml` leaves unquoted
 * (starting with a letter, from a narrow alphabet, or an ISO date), small
 * non-negative integers, and lists of such text; for anything else it returns
 * `undefined` and the caller asks `yaml`. `front-matter-writer.test.ts` checks
 * it against `yaml` on random documents drawn from that alphabet and on edge cases.
 */

const KEY = /^[a-z][a-z_]*$/;
/**
 * Text `yaml` writes plain: a letter first (so no number, indicator or quote
 * can start it), then letters, marks, digits, spaces and a few punctuation
 * marks, no `: ` or ` #`, not ending in a space or colon.
 */
const PLAIN_TEXT = /^\p{L}[\p{L}\p{M}\p{N} ,.;()/%…–-]*$/u;
const OPENS_SOMETHING_ELSE = /: | #|[: ]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Words the core schema reads as booleans or null rather than text. */
const KEYWORDS = new Set(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"]);

const plainText = (value: string): boolean => ISO_DATE.test(value) || (PLAIN_TEXT.test(value) && !OPENS_SOMETHING_ELSE.test(value) && !KEYWORDS.has(value));

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return plainText(value) ? value : undefined;
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  return undefined;
}

/** The YAML of `data` as `yaml` writes it, or undefined when a key or value is outside the plain shape. */
export function plainFrontMatter(data: Readonly<Record<string, unknown>>): string | undefined {
  let text = "";
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!KEY.test(key)) return undefined;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        text += `${key}: []\n`;
        continue;
      }
      text += `${key}:\n`;
      for (const item of value) {
        const written = typeof item === "string" ? scalar(item) : undefined;
        if (written === undefined) return undefined;
        text += `  - ${written}\n`;
      }
      continue;
    }
    const written = scalar(value);
    if (written === undefined) return undefined;
    text += `${key}: ${written}\n`;
  }
  return text === "" ? undefined : text;
}
