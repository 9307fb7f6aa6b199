import { describe, expect, it } from "vitest";
import { add, BASELINE, province, steady } from "../../test-support/hotspots-fixture.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { hotspotDetector } from "./hotspots.ts";

describe("hot spots", () => {
  it("finds a topic rising in three communes, with counts against the baseline and the observations behind it", () => {
    const model = province();
    steady(model, [...BASELINE, "2026-11"]);
    const planted: string[] = [];
    for (const unit of ["xa-2", "xa-5", "xa-8"]) for (let day = 1; day <= 6; day++) planted.push(add(model, unit, `2026-11-0${day}`, "quy-hoach"));
    const month = hotspotDetector(model, buildUnitTree(model)).detect("2026-11");
    expect(month?.baselineMonths).toBe(12);
    expect(month?.units).toBe(8);
    expect(month?.hotspots).toHaveLength(1);
    const [hotspot] = month?.hotspots ?? [];
    expect(hotspot?.topic).toEqual({ kind: "subtopic", id: "quy-hoach" });
    expect(hotspot?.reason).toBe("nhieu-don-vi");
    expect(hotspot?.units.map((unit) => [unit.unit, unit.count])).toEqual([
      ["xa-2", 7],
      ["xa-5", 7],
      ["xa-8", 7],
    ]);
    // xa-8 inherits xa-cu's history: one a month, like the others.
    for (const unit of hotspot?.units ?? []) {
      expect(unit.baselineMean).toBeCloseTo(1, 10);
      // 16 observations this month at a share of about one in ten.
      expect(unit.expected).toBeGreaterThan(1.4);
      expect(unit.expected).toBeLessThan(1.8);
      expect(unit.pValue).toBeLessThan(0.01);
    }
    expect(hotspot?.units.flatMap((unit) => unit.observations)).toEqual(expect.arrayContaining(planted));
    expect(hotspot?.qValue).toBeLessThan(0.05);
  });

  it("stays quiet on steady months and on single observations", () => {
    const model = province();
    steady(model, [...BASELINE, "2026-11"]);
    // One observation of a topic never seen before, in each of four communes.
    for (const unit of ["xa-1", "xa-2", "xa-3", "xa-4"]) add(model, unit, "2026-11-05", "moi-la");
    const month = hotspotDetector(model, buildUnitTree(model)).detect("2026-11");
    expect(month?.hotspots).toEqual([]);
    expect(month?.tests).toBe(8 * 5);
  });

  it("names one commune far beyond its baseline, counting its residential areas in it", () => {
    const model = province();
    steady(model, [...BASELINE, "2026-11"]);
    for (let day = 1; day <= 9; day++) add(model, day % 2 ? "xa-1-thon-a" : "xa-1", `2026-11-0${day}`, "quy-hoach");
    const [hotspot] = hotspotDetector(model, buildUnitTree(model)).detect("2026-11")?.hotspots ?? [];
    expect(hotspot?.reason).toBe("mot-don-vi");
    expect(hotspot?.units.map((unit) => [unit.unit, unit.count])).toEqual([["xa-1", 10]]);
  });

  it("lists urgent items on the topic in neighbouring communes, and folds tags raised by the same observations", () => {
    const model = province();
    steady(model, [...BASELINE, "2026-11"]);
    for (const unit of ["xa-2", "xa-5", "xa-8"]) for (let day = 1; day <= 6; day++) add(model, unit, `2026-11-0${day}`, "quy-hoach", { tags: ["dat-dai"] });
    const urgent = add(model, "xa-3", "2026-11-07", "quy-hoach", { urgency: "khan" });
    add(model, "xa-4", "2026-11-07", "quy-hoach");
    const [hotspot, ...others] = hotspotDetector(model, buildUnitTree(model)).detect("2026-11")?.hotspots ?? [];
    expect(others).toEqual([]);
    expect(hotspot?.relatedTopics).toEqual([{ kind: "tag", id: "dat-dai" }]);
    expect(hotspot?.neighbours).toEqual([{ unit: "xa-3", observation: urgent }]);
  });

  it("does not test a month with under six months of history", () => {
    const model = province();
    steady(model, BASELINE.slice(-5));
    steady(model, ["2026-11"]);
    const detector = hotspotDetector(model, buildUnitTree(model));
    expect(detector.detect("2026-11")).toBeUndefined();
    expect(detector.detect("2026-q4")).toBeUndefined();
    expect(detector.months).toEqual([...BASELINE.slice(-5), "2026-11"]);
  });
});
