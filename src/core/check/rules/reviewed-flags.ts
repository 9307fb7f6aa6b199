/**
 * Marking a reviewed false alarm of the identity rules. A front-matter entry
 * `reviewed_flags: ["<rule>:<mark>"]` silences the hit whose mark it is; the
 * mark is a short hash of the flagged phrase, so that the list itself never
 * repeats a name or an address (restricted bodies may be stored encrypted,
 * front matter keys are not). The message of each hit prints the exact entry.
 */

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell the flags of one file apart, and pure. */
export function flagMark(phrase: string): string {
  let hash = 0x811c9dc5;
  for (const character of phrase.normalize("NFC").toLowerCase()) {
    hash ^= character.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export const flagEntry = (rule: string, phrase: string) => `${rule}:${flagMark(phrase)}`;

/** Whether the entry's `reviewed_flags` marks this phrase, for this rule, as reviewed. */
export function isReviewed(entry: { reviewed_flags?: readonly string[] }, rule: string, phrase: string): boolean {
  return entry.reviewed_flags?.includes(flagEntry(rule, phrase)) ?? false;
}

/** The closing sentence of every identity message: how to mark a false alarm. */
export const reviewHint = (rule: string, phrase: string) =>
  `Nếu đã xem xét và đây không phải danh tính người phản ánh, khiếu nại, tố cáo, thêm vào phần đầu: reviewed_flags: ["${flagEntry(rule, phrase)}"]`;
