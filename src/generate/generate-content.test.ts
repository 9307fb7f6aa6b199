import { join } from "node:path";
import { expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { checkContent } from "../core/check/check-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { toContentFiles } from "../test-support/content-fixtures.ts";
import { generateContent } from "./generate-content.ts";

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
