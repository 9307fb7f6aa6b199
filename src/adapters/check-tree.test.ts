/** The parallel check must say exactly what the single-threaded one says. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { generateContent } from "../generate/generate-content.ts";
import { testdir } from "../test-support/testdir.ts";
import { checkTree, sliceOf } from "./check-tree.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");
let directory: string;
let broken: string[];

beforeAll(() => {
  directory = testdir({}, "dan-y-parallel-");
  const base = listContentPaths(CONTENT).filter(
    (path) => path in REFERENCE_FILES || (path.startsWith("units/") && !path.includes("-thon-") && !path.includes("-to-dan-pho-")),
  );
  const { model } = loadContent(readContentFiles(CONTENT, base));
  const files = [
    ...base.map((path) => ({ path, text: readFileSync(join(CONTENT, path), "utf8") })),
    ...generateContent(model, {
      seed: 3,
      observations: 9000,
      from: "2025-01-02",
      to: "2026-11-26",
      residentialUnder: ["xa-thach-ha"],
      reportingUnits: ["xa-thach-ha"],
    }),
  ];
  for (const file of files) {
    mkdirSync(dirname(join(directory, file.path)), { recursive: true });
    writeFileSync(join(directory, file.path), file.text);
  }
  // One broken observation early, one late, one broken report: each slice has something to say.
  const observations = files
    .filter((file) => file.path.startsWith("observations/"))
    .map((file) => file.path)
    .sort();
  broken = [observations[10] as string, observations[observations.length - 10] as string];
  for (const path of broken) writeFileSync(join(directory, path), readFileSync(join(directory, path), "utf8").replace(/^channel: .*$/m, "channel: hom-thu"));
  const report = files.find((file) => file.path.startsWith("reports/"))?.path as string;
  writeFileSync(join(directory, report), readFileSync(join(directory, report), "utf8").replace(/^author: .*$/m, "author: khong-ai"));
  broken.push(report);
}, 120_000);

it("reports the same issues and summary on two threads as on one", async () => {
  const options = { root: "content/", today: "2026-11-27" };
  const single = await checkTree(directory, options, 1);
  const parallel = await checkTree(directory, options, 2);
  expect(single.issues.map((issue) => issue.file)).toEqual([...broken].sort().map((path) => `content/${path}`));
  expect(parallel.issues).toEqual(single.issues);
  expect(parallel.summary).toEqual(single.summary);
  expect(single.summary.observations).toBe(9000);
}, 120_000);

it("stops its idle workers cleanly on a small tree, every time", async () => {
  const small = join(import.meta.dirname, "..", "..", "content");
  for (let run = 0; run < 10; run++) {
    const result = await checkTree(small, { root: "content/", today: "2026-11-27" }, 2);
    expect(result.issues).toEqual([]);
  }
}, 120_000);

it("cuts the entries into contiguous slices that cover each once, this thread's (the last) slightly larger", () => {
  const entries = Array.from({ length: 1001 }, (_, index) => `observations/${String(index).padStart(4, "0")}.md`);
  for (const parts of [1, 2, 3]) {
    const slices = Array.from({ length: parts }, (_, part) => sliceOf(entries, part, parts));
    expect(slices.flat()).toEqual(entries);
    if (parts > 1) expect((slices.at(-1) as string[]).length).toBeGreaterThan((slices[0] as string[]).length);
  }
  expect(sliceOf(["a"], 0, 2).length + sliceOf(["a"], 1, 2).length).toBe(1);
});
