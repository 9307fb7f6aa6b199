/**
 * One HTML rule for every text of every content file: titles, bodies, notes,
 * authorities, locations, tags, and the data files' names and labels. The text
 * is judged as a browser would read it: entities decoded (`java&#115;cript:`),
 * control, zero-width and bidirectional characters ignored, and for URL schemes
 * every whitespace removed (`java\tscript:` runs). `findUnsafeHtml` is the one
 * decision: the report drafter and anything else that writes content call it
 * too, so that what they write passes `check`.
 */
import type { EntryRule } from "./rule.ts";

/** Characters a browser drops or that hide letters: C0/C1 controls (tab and line feed included), soft hyphen, zero-width and bidi marks, BOM. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what the tricks hide behind.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const WHITESPACE = /\s+/g;

/** Named entities that spell the characters these patterns look for; numeric ones are decoded in full. */
const NAMED: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  colon: ":",
  sol: "/",
  bsol: "\\",
  equals: "=",
  lpar: "(",
  rpar: ")",
  period: ".",
  plus: "+",
  tab: "\t",
  newline: "\n",
  nbsp: " ",
};

const ENTITY = /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z][a-z0-9]{1,31}));?/gi;

/** Decodes character references once, as the HTML parser does (a missing `;` is tolerated, as browsers do). */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    const code = hex ? Number.parseInt(hex, 16) : decimal ? Number(decimal) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    return NAMED[(name as string).toLowerCase()] ?? whole;
  });
}

/** Elements that run or embed code, or restyle the page. */
const UNSAFE_ELEMENT =
  /<\s*\/?\s*(?:script|iframe|object|embed|applet|style|form|frame|frameset|meta|link|base|svg|math|template|noscript|portal)(?![a-z0-9-])/i;
/**
 * An inline event handler: `on…=` inside a tag, after whitespace, a quote or a slash (`<img/onerror=…>`),
 * or at the start of a line, where a tag opened on the line before goes on. Mid-sentence ("online = trực tuyến") is text.
 */
const EVENT_ATTRIBUTE = /<[a-z][^<>]*?[\s"'/](on[a-z]+\s*=)|^\s*(on[a-z]+\s*=)/im;
/** URL schemes that run code, after every whitespace is removed. */
const UNSAFE_SCHEME = /(?:java|vb|live)script:|data:(?:text\/(?:html|javascript|xml)|image\/svg\+xml|application\/(?:xhtml\+xml|xml|javascript))/i;

/** Every dangerous form needs one of these, before or after decoding (a reference begins with &). */
const SCREEN = /[<=:&]/;

/** The first dangerous HTML in `text` (as decoded), or undefined when it is safe to show and to write. */
export function findUnsafeHtml(text: string): string | undefined {
  if (!SCREEN.test(text)) return undefined;
  const decoded = decodeEntities(text);
  const visible = decoded.replace(INVISIBLE, " ");
  const element = UNSAFE_ELEMENT.exec(visible);
  if (element) return element[0].replace(WHITESPACE, "");
  const event = EVENT_ATTRIBUTE.exec(visible);
  if (event) return ((event[1] ?? event[2]) as string).replace(WHITESPACE, "");
  const scheme = UNSAFE_SCHEME.exec(decoded.replace(INVISIBLE, "").replace(WHITESPACE, ""));
  return scheme ? scheme[0] : undefined;
}

/** Every string in a validated value, with its YAML path. */
function* textsOf(value: unknown, path: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (let index = 0; index < value.length; index++) yield* textsOf(value[index], [...path, index]);
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* textsOf(item, [...path, key]);
}

const message = (found: string) =>
  `Không được dùng mã HTML "${found}" trong nội dung (kể cả khi viết dạng mã hóa như &#115; hay chèn dấu cách, tab): chỉ viết văn bản Markdown thông thường`;

export const unsafeHtml: EntryRule = {
  id: "unsafe-html",
  description:
    "Không tệp nào (kể cả tên đơn vị, cơ quan, người, nhãn danh mục) chứa mã HTML nguy hiểm: <script>, <iframe>, <svg>, thuộc tính sự kiện (onerror=…), liên kết javascript: hay data:…, kể cả dạng mã hóa.",
  check({ file, source, data, text }, { atSource, atPosition }) {
    for (const [path, value] of textsOf(data)) {
      const found = findUnsafeHtml(value);
      if (found) atSource(source, path, message(found));
    }
    if (!text || !SCREEN.test(text.body)) return;
    let clean = true;
    text.body.split("\n").forEach((line, index) => {
      const found = findUnsafeHtml(line);
      if (found) atPosition(file, { line: text.bodyLine + index, column: columnOf(line, found) }, message(found));
      clean &&= !found;
    });
    // A scheme broken over lines (`java` / `script:`) shows only in the whole body.
    const across = clean ? findUnsafeHtml(text.body) : undefined;
    if (across) atPosition(file, { line: text.bodyLine, column: 1 }, message(across));
  },
};

/** Where the finding starts in the raw line when it is written plainly; column 1 when it was encoded. */
function columnOf(line: string, found: string): number {
  const at = line.toLowerCase().indexOf(found.toLowerCase());
  return at === -1 ? 1 : at + 1;
}
