/** The neighbours beside a hot spot are the items of the levels marked urgent in urgencies.yaml, not of ids written in code. */
import { describe, expect, it } from "vitest";
import { add, BASELINE, province, steady } from "../../test-support/hotspots-fixture.ts";
import type { ContentModel } from "../content/content-model.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { hotspotDetector } from "./hotspots.ts";

function neighbours(changeList: (model: ContentModel) => ContentModel["urgencies"]) {
  const model = province();
  steady(model, [...BASELINE, "2026-11"]);
  for (const unit of ["xa-2", "xa-5", "xa-8"]) for (let day = 1; day <= 6; day++) add(model, unit, `2026-11-0${day}`, "quy-hoach");
  const urgent = add(model, "xa-3", "2026-11-07", "quy-hoach", { urgency: "khan" });
  const routine = add(model, "xa-4", "2026-11-07", "quy-hoach");
  model.urgencies = changeList(model);
  const [hotspot] = hotspotDetector(model, buildUnitTree(model)).detect("2026-11")?.hotspots ?? [];
  return { found: hotspot?.neighbours.map((item) => item.observation), urgent, routine };
}

describe("hot-spot neighbours and the urgency list", () => {
  it("follow the levels marked urgent: routine made urgent is listed, khẩn made routine is not", () => {
    const demo = neighbours((model) => model.urgencies);
    expect(demo.found).toEqual([demo.urgent]);
    const changed = neighbours((model) => model.urgencies.map((level) => ({ ...level, urgent: level.id === "thuong-xuyen" })));
    // Every routine item on the topic in the neighbours is listed now (the steady months' ones too), the khẩn one no more.
    expect(changed.found).toContain(changed.routine);
    expect(changed.found).not.toContain(changed.urgent);
  });
});
