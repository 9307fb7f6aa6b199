import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { listContentPaths } from "../../adapters/content-files.ts";
import { parseMarkdown } from "./markdown-file.ts";
import { parseYamlSubset } from "./yaml-subset.ts";

const DEMO = join(import.meta.dirname, "../../../content");

/** js-yaml's reading, or `undefined` when it refuses the text. */
function jsYamlReading(text: string): unknown {
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}

function demoFrontmatters(): string[] {
  return listContentPaths(DEMO)
    .filter((path) => path.endsWith(".md"))
    .map((path) => {
      const parsed = parseMarkdown(readFileSync(join(DEMO, path), "utf8"));
      if (!parsed.ok) throw new Error(`demo file ${path} does not parse`);
      return parsed.parts.frontmatter;
    });
}

/** A small deterministic generator (mulberry32), so the mutations are the same on every run. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the front matter subset reader", () => {
  const frontmatters = demoFrontmatters();

  it("reads almost every plain demo front matter, exactly as js-yaml does", () => {
    // Sealed restricted items carry their ciphertext as a block scalar, which the subset passes on to js-yaml by design.
    const plain = frontmatters.filter((text) => !/^sealed:/m.test(text));
    expect(frontmatters.length - plain.length).toBeGreaterThan(0);
    const answered = frontmatters.filter((text) => parseYamlSubset(text) !== undefined);
    expect(plain.length).toBeGreaterThan(600);
    expect(plain.filter((text) => parseYamlSubset(text) !== undefined).length / plain.length).toBeGreaterThan(0.98);
    for (const text of answered) expect(parseYamlSubset(text)).toStrictEqual(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
  });

  it("never disagrees with js-yaml on mutated front matter: it answers the same or passes", () => {
    const random = randomFrom(2026);
    const inserts = [
      " ",
      "  ",
      "\n",
      "\n  ",
      ": ",
      " #",
      "-",
      "- ",
      "'",
      '"',
      "[",
      "{",
      "&a ",
      "*a",
      "!",
      "|",
      ">",
      "\t",
      "\r",
      "~",
      "0",
      "1e3",
      ".5",
      "null",
      "true",
      "__proto__: x\n",
      "Đ",
      ":",
      ",",
    ];
    let answered = 0;
    for (let round = 0; round < 3000; round++) {
      const text = frontmatters[Math.floor(random() * frontmatters.length)] as string;
      const at = Math.floor(random() * (text.length + 1));
      const removed = Math.floor(random() * 3);
      const mutated = text.slice(0, at) + (inserts[Math.floor(random() * inserts.length)] as string) + text.slice(at + removed);
      const subset = parseYamlSubset(mutated);
      if (subset === undefined) continue;
      answered++;
      expect({ mutated, value: subset }).toStrictEqual({ mutated, value: jsYamlReading(mutated) });
    }
    // Most single edits keep the shape; the comparison above must actually run.
    expect(answered).toBeGreaterThan(1000);
  });

  it.each([
    ["title: Đường làng xuống cấp\npeople_count: 21\nobserved_on: 2026-03-25", { title: "Đường làng xuống cấp", people_count: 21, observed_on: "2026-03-25" }],
    ["period: 2025-h1\nref: 2026-07/xa-ky-anh/mttq\nyear: 2025", { period: "2025-h1", ref: "2026-07/xa-ky-anh/mttq", year: 2025 }],
    ["tags:\n- a\n- b\nrelated: []", { tags: ["a", "b"], related: [] }],
    [
      "follow_up:\n  - date: 2026-04-12\n    status: da-chuyen\n  - date: 2026-05-01\n    note: Đã trả lời\nx: y",
      {
        follow_up: [
          { date: "2026-04-12", status: "da-chuyen" },
          { date: "2026-05-01", note: "Đã trả lời" },
        ],
        x: "y",
      },
    ],
    ["consolidates:\n  observations:\n    - a/b\n  reports: []", { consolidates: { observations: ["a/b"], reports: [] } }],
    ["note: Giá phân bón tăng 10% & khó mua, nông dân lo [vụ mới]", { note: "Giá phân bón tăng 10% & khó mua, nông dân lo [vụ mới]" }],
  ])("reads %j", (text, expected) => {
    expect(parseYamlSubset(text)).toStrictEqual(expected);
    expect(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA })).toStrictEqual(expected);
  });

  it.each([
    ["a keyword", "done: true"],
    ["null", "location: null"],
    ["a number js-yaml reads otherwise", "count: 1_000"],
    ["hexadecimal", "count: 0x1F"],
    ["a leading zero", "phone_hint: 0912"],
    ["a float", "ratio: 1e3"],
    ["a quoted value", 'title: "Giá: cao"'],
    ["a value holding ': '", "title: Giá: cao"],
    ["a comment", "title: Đường # ghi chú"],
    ["a blank line", "a: b\n\nc: d"],
    ["a flow sequence", "tags: [a, b]"],
    ["a block scalar", "note: |\n  dòng"],
    ["a duplicated key", "a: b\na: c"],
    ["an anchor", "a: &x b"],
    ["an alias", "a: *x"],
    ["a tag", "a: !!str b"],
    ["a tab", "a:\tb"],
    ["a carriage return", "a: b\r\nc: d"],
    ["a prototype key", "__proto__: x"],
    ["a key without a value", "a:\nb: c"],
    ["a bad indent", "a:\n  - x\n - y"],
    ["a list at the top", "- a\n- b"],
    ["a scalar at the top", "chỉ một dòng"],
    ["an empty text", ""],
    ["a trailing blank", "a: b "],
  ])("passes on %s", (_, text) => {
    expect(parseYamlSubset(text)).toBeUndefined();
  });
});
