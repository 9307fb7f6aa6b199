import type { TextRule } from "./rule.ts";

/**
 * C0 controls but tab and line feed (carriage returns are gone after decoding), DEL, C1 controls,
 * and the bidirectional overrides and isolates that make text read otherwise than it is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's purpose.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_ALL = new RegExp(CONTROL.source, "gu");

/** At most this many lines are named per file: one is enough to act, a binary file would flood the output. */
const MAX_REPORTED = 10;

const NAMES: Record<number, string> = { 0: "NUL", 27: "ESC", 127: "DEL", 11: "VT", 12: "FF", 8: "BS" };

function describe(character: string): string {
  const code = character.codePointAt(0) as number;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code >= 0x202a) return `ký tự đổi chiều văn bản ${hex}`;
  return `ký tự điều khiển ${hex}${NAMES[code] ? ` (${NAMES[code]})` : ""}`;
}

export const controlCharacters: TextRule = {
  id: "control-characters",
  description: "Tệp nội dung không chứa ký tự điều khiển (NUL, ESC…) hay ký tự đổi chiều văn bản; chỉ chấp nhận dấu tab và xuống dòng.",
  check({ file, text }, { atPosition }) {
    // One test over the whole text: almost every file is clean and costs nothing more.
    if (!CONTROL.test(text)) return;
    let reported = 0;
    const lines = text.split("\n");
    for (let index = 0; index < lines.length && reported < MAX_REPORTED; index++) {
      const line = lines[index] as string;
      const found = CONTROL_ALL.exec(line);
      CONTROL_ALL.lastIndex = 0;
      if (!found) continue;
      reported++;
      atPosition(
        file,
        { line: index + 1, column: found.index + 1 },
        `Tệp chứa ${describe(found[0])}: hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)`,
      );
    }
  },
};
