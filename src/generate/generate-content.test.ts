import { join } from "node:path";
import { expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { checkContent } from "../core/check/check-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { toContentFiles } from "../test-support/content-fixtures.ts";
import { generateContent, generateContentWithTruth } from "./generate-content.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");
const OPTIONS = {
  seed: 7,
  observations: 300,
  from: "2025-01-02",
  to: "2026-11-26",
  residentialUnder: ["xa-thach-ha"],
  reportingUnits: ["xa-thach-ha", "huyen-ky-anh"],
};

function baseTree() {
  const paths = listContentPaths(CONTENT).filter(
    (path) => path in REFERENCE_FILES || (path.startsWith("units/") && !path.includes("-thon-") && !path.includes("-to-dan-pho-")),
  );
  const files = [...readContentFiles(CONTENT, paths)];
  return { files, model: loadContent(files).model };
}

it("is deterministic and its output passes the check", () => {
  const { files, model } = baseTree();
  const first = generateContent(model, OPTIONS);
  expect(generateContent(model, OPTIONS)).toEqual(first);
  expect(first.filter((file) => file.path.startsWith("observations/"))).toHaveLength(300);
  expect(first.some((file) => file.path.startsWith("reports/2025-q1/huyen-ky-anh/"))).toBe(true);

  const tree = Object.fromEntries([
    ...files.map((file) => [file.relative, new TextDecoder().decode(file.bytes)]),
    ...first.map((file) => [file.path, file.text]),
  ]);
  const { issues, model: generated } = checkContent(toContentFiles(tree), { root: "content/", today: "2026-11-27" });
  expect(issues).toEqual([]);
  const statuses = new Set([...generated.observations.values()].map((entry) => entry.status));
  expect(statuses.size).toBe(7);
});

it("plants a surge where asked, records it, and leaves the ordinary observations as they were", () => {
  const { model } = baseTree();
  const plain = generateContentWithTruth(model, OPTIONS);
  const surge = { topic: { kind: "subtopic" as const, id: "quy-hoach" }, month: "2026-05", units: ["xa-thach-ha", "xa-ky-anh"], factor: 3 };
  const { files, planted } = generateContentWithTruth(model, { ...OPTIONS, surges: [surge] });
  expect(plain.planted).toEqual([]);
  expect(planted).toHaveLength(1);
  expect(planted[0]?.units.map((unit) => unit.unit)).toEqual(["xa-thach-ha", "xa-ky-anh"]);
  const added = planted[0]?.units.flatMap((unit) => unit.added) ?? [];
  for (const unit of planted[0]?.units ?? []) expect(unit.added.length).toBe(Math.max(1, Math.round(2 * Math.max(unit.baseline, 1))));
  const observationFiles = (list: typeof files) => list.filter((file) => file.path.startsWith("observations/"));
  expect(observationFiles(files)).toHaveLength(300 + added.length);
  expect(observationFiles(files)).toEqual(expect.arrayContaining(observationFiles(plain.files)));
  for (const id of added) {
    const file = files.find((candidate) => candidate.path.endsWith(`${id.split("/")[1]}.md`) && candidate.path.includes(id.split("/")[0] as string));
    expect(file?.text).toContain("quy-hoach");
    // Inside the monthly window of May 2026 (21 April – 20 May).
    const date = id.split("/")[1]?.slice(0, 10) as string;
    expect(date >= "2026-04-21" && date <= "2026-05-20").toBe(true);
  }
  expect(() => generateContentWithTruth(model, { ...OPTIONS, surges: [{ ...surge, units: ["xa-khong-co"] }] })).toThrow(/xa-khong-co/);
});
