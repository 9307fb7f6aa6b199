/**
 * YAML for content files. Three readers with one contract, tried in turn:
 * - `parseYamlSubset` (yaml-subset.ts) reads only the plain shape our tools write,
 *   about 2.7× faster than js-yaml, and passes on anything else;
 * - `parseYamlFast` (js-yaml 4, about 12× faster than `yaml`) only screens text
 *   that cannot hold anchors, aliases or tags, and passes on what it refuses;
 * - `parseYamlStrict` (the `yaml` package) is the authority: unique keys, YAML 1.2
 *   core schema (dates stay strings), no anchors or aliases, exact positions.
 * All three give the same verdict, while 100k files stay within seconds.
 */
import jsYaml from "js-yaml";
import { isMap, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import type { Position } from "./content-issue.ts";
import { parseYamlSubset } from "./yaml-subset.ts";

export interface YamlProblem {
  position: Position;
  message: string;
}

export type YamlParse = { ok: true; value: unknown } | { ok: false; problems: YamlProblem[] };

const ERROR_WORDING: Record<string, string> = {
  DUPLICATE_KEY: "Khóa bị lặp lại: mỗi khóa chỉ được khai báo một lần",
  BAD_INDENT: "Thụt lề không đúng",
  TAB_AS_INDENT: "Không dùng phím Tab để thụt lề; hãy dùng dấu cách",
  MISSING_CHAR: "Thiếu ký tự đóng (dấu ngoặc hoặc dấu nháy)",
  MULTILINE_IMPLICIT_KEY: "Khóa không được kéo dài nhiều dòng; có thể thiếu dấu hai chấm hoặc dấu nháy",
  BLOCK_AS_IMPLICIT_KEY: "Cấu trúc khóa không hợp lệ; có thể thiếu dấu hai chấm",
  UNEXPECTED_TOKEN: "Ký tự không mong đợi",
  BAD_DQ_ESCAPE: "Ký tự thoát trong chuỗi nháy kép không hợp lệ",
  ALIAS_PROPS: "Bí danh YAML không hợp lệ",
  BAD_ALIAS: "Bí danh YAML không hợp lệ",
  BAD_SCALAR_START: "Giá trị không được bắt đầu bằng ký tự này; hãy đặt trong dấu nháy",
  TAG_RESOLVE_FAILED: "Không dùng thẻ kiểu YAML (!…)",
};

const NO_ALIASES = "Không dùng neo và bí danh YAML (&…, *…) trong nội dung: hãy viết giá trị đầy đủ";
const NO_TAGS = "Không dùng thẻ kiểu YAML (!…) trong nội dung";

/** Screens with js-yaml; `undefined` means "ask the strict parser". */
export function parseYamlFast(text: string): unknown {
  if (/[&*!]/.test(text)) return undefined;
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
}

function positionOf(lineCounter: LineCounter, offset: number, lineOffset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line + lineOffset, column: col };
}

/** Parses with the `yaml` package; `lineOffset` is added to every reported line. */
export function parseYamlStrict(text: string, lineOffset = 0): YamlParse {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    schema: "core",
    merge: false,
    prettyErrors: false,
    strict: true,
  });
  const problems: YamlProblem[] = document.errors.map((error) => ({
    position: positionOf(lineCounter, error.pos[0], lineOffset),
    message: ERROR_WORDING[error.code] ?? `Cú pháp YAML không hợp lệ (mã lỗi ${error.code})`,
  }));
  visit(document, {
    Alias(_, node) {
      problems.push({ position: positionOf(lineCounter, node.range?.[0] ?? 0, lineOffset), message: NO_ALIASES });
      return visit.BREAK;
    },
    Node(_, node) {
      if (node.anchor) {
        problems.push({ position: positionOf(lineCounter, node.range?.[0] ?? 0, lineOffset), message: NO_ALIASES });
        return visit.BREAK;
      }
      if (node.tag && !node.tag.startsWith("tag:yaml.org,2002:")) {
        problems.push({ position: positionOf(lineCounter, node.range?.[0] ?? 0, lineOffset), message: NO_TAGS });
      }
      return undefined;
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 0 }) };
  } catch (error) {
    return { ok: false, problems: [{ position: { line: 1 + lineOffset, column: 1 }, message: `Không đọc được YAML: ${String(error)}` }] };
  }
}

/** Fast when it can be, strict when it must. */
export function parseYaml(text: string, lineOffset = 0): YamlParse {
  const fast = parseYamlSubset(text) ?? parseYamlFast(text);
  if (fast !== undefined) return { ok: true, value: fast };
  return parseYamlStrict(text, lineOffset);
}

/**
 * Where a value (or, with `key`, its key) sits in the YAML text. Falls back to the
 * nearest existing ancestor, so a missing field points at its parent mapping.
 */
export function locateYamlPath(text: string, path: readonly PropertyKey[], lineOffset = 0, key = false): Position {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, schema: "core", uniqueKeys: false });
  let node: YamlNode | null | undefined = document.contents as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const k = item.key as { value?: unknown } | null;
        return k !== null && String(k?.value ?? k) === String(step);
      });
      if (!pair) break;
      const pairKey = pair.key as YamlNode | null;
      if (isLast && key) {
        offset = pairKey?.range?.[0] ?? offset;
        break;
      }
      node = pair.value as YamlNode | null;
      offset = node?.range?.[0] ?? pairKey?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step] as YamlNode | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return positionOf(lineCounter, offset, lineOffset);
}
