import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { hotspotMonthIds, testedMonths } from "../core/reports/hotspots-view.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { generateContentWithTruth } from "../generate/generate-content.ts";
import { toContentFiles } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import type { SiteData } from "./data.ts";
import { HOTSPOT_CACHE_FILE, primeHotspots } from "./hotspot-cache.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");

/** The bundled reference lists and units with 1,500 generated observations and a surge that the detector finds. */
function generatedTree(): Record<string, string> {
  const paths = listContentPaths(CONTENT).filter((path) => path in REFERENCE_FILES || path.startsWith("units/"));
  const files = [...readContentFiles(CONTENT, paths)];
  const { files: generated } = generateContentWithTruth(loadContent(files).model, {
    seed: 11,
    observations: 1500,
    from: "2025-01-02",
    to: "2026-11-26",
    residentialUnder: [],
    reportingUnits: ["xa-thach-ha"],
    surges: [{ topic: { kind: "subtopic", id: "quy-hoach" }, month: "2026-06", units: ["xa-thach-ha", "xa-ky-anh", "xa-huong-son"], factor: 4 }],
  });
  return Object.fromEntries([
    ...files.map((file) => [file.relative, new TextDecoder().decode(file.bytes)]),
    ...generated.map((file) => [file.path, file.text]),
  ]);
}

function site(tree: Record<string, string>): SiteData {
  const { model } = loadContent(toContentFiles(tree), { keepBodies: true });
  return { model, tree: buildUnitTree(model), today: "2026-11-27", provenance: new Map() };
}

it("hands back kept hot-spot results only for months whose inputs are unchanged, equal to detecting them again", () => {
  const cache = testdir();
  const tree = generatedTree();
  const first = site(tree);
  expect(primeHotspots(first, cache, "code-1")).toBe(0);
  const detected = testedMonths(first.model, first.tree);
  expect(detected.some((month) => month.hotspots.length > 0)).toBe(true);
  const months = hotspotMonthIds(first.model, first.tree).length;

  // Same content: every month from the cache, the very results detection gives.
  const again = site(tree);
  expect(primeHotspots(again, cache, "code-1")).toBe(months);
  expect(testedMonths(again.model, again.tree)).toEqual(detected);

  // Other code: nothing reused.
  expect(primeHotspots(site(tree), cache, "code-2")).toBe(0);

  // One observation of June 2026 changed: June and the months whose baseline holds it are detected anew.
  const june = Object.keys(tree).find((path) => path.startsWith("observations/2026/06/")) as string;
  const edited = { ...tree, [june]: (tree[june] as string).replace(/^title: (.*)$/m, "title: $1 (sửa)") };
  const changed = site(edited);
  const reused = primeHotspots(changed, cache, "code-2");
  const monthIds = hotspotMonthIds(changed.model, changed.tree);
  expect(reused).toBe(monthIds.filter((month) => month < "2026-06").length);
  const fresh = site(edited);
  expect(testedMonths(changed.model, changed.tree)).toEqual(testedMonths(fresh.model, fresh.tree));
  expect(JSON.parse(readFileSync(join(cache, HOTSPOT_CACHE_FILE), "utf8")).code).toBe("code-2");
});
