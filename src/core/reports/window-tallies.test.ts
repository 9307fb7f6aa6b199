import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { generateContent } from "../../generate/generate-content.ts";
import { EVALUATION_OPTIONS, inBaseTree, modelOf } from "../../generate/surge-evaluation.ts";
import { consolidationPages } from "../../site/views/pages.ts";
import { type Period, parsePeriod, periodEnd, periodPhrase, periodWindow, previousPeriod, type Window } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { loadContent } from "../content/load-content.ts";
import { buildUnitTree, type UnitTree } from "../units/unit-tree.ts";
import { consolidate, countByField, lifetimeIn, observationsByUnit, observationsIn, unitsBelow } from "./aggregate.ts";
import { forwardsItem } from "./follow-up-outcome.ts";
import { byNotability } from "./notability.ts";
import { subtreeTally } from "./window-tallies.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "..", "content");
const TODAY = "2026-11-25";

/** The consolidation as every page computed it before: a scan of the subtree's observations in the window, page by page. */
function perPage(model: ContentModel, tree: UnitTree, unit: string, period: Period) {
  const schedule = model.schedule as NonNullable<ContentModel["schedule"]>;
  const result = consolidate(model, tree, observationsByUnit(model), unit, period, TODAY, periodPhrase);
  const window = periodWindow(period, schedule) as Window;
  const observations = observationsIn(model, tree, unit, window);
  const previous = result?.comparison ? observationsIn(model, tree, unit, result.comparison.window) : [];
  const covered = tree.coverage(unit);
  const statuses = new Map(model.statuses.map((status) => [status.id, status]));
  const waiting = (entry: ObservationEntry) => {
    const status = statuses.get(entry.status);
    return status?.forwards === true && !status.closes && !status.answers;
  };
  return {
    count: observations.length,
    forwarded: observations.filter((entry) => forwardsItem(model, entry.status)).length,
    waiting: observations.filter(waiting).length,
    fields: countByField(model, observations, previous),
    notable: new Map(
      model.fields.map((field) => [
        field.id,
        observations
          .filter((entry) => entry.field === field.id)
          .sort(byNotability(model))
          .slice(0, 5),
      ]),
    ),
    own: [...model.reports.values()].filter((report) => report.unit === unit && report.period === period.id),
    lower: [...model.reports.values()].filter((report) => {
      if (!covered.has(report.unit) || report.unit === unit) return false;
      const reportPeriod = parsePeriod(report.period);
      const end = reportPeriod ? periodEnd(reportPeriod, schedule) : undefined;
      return end !== undefined && end >= window.start && end <= window.end;
    }),
  };
}

/** Every consolidated page's consolidation, its trend's windows and its units below, against a scan per page. */
function expectSameAsPerPage(model: ContentModel) {
  const tree = buildUnitTree(model);
  const schedule = model.schedule as NonNullable<ContentModel["schedule"]>;
  const byUnit = observationsByUnit(model);
  const pages = [...consolidationPages(model, tree)];
  const trendWindows = new Set<string>();
  let differences = 0;
  let compared = 0;
  for (const page of pages) {
    const [unit, periodId] = page.split("/") as [string, string];
    const period = parsePeriod(periodId) as Period;
    const result = consolidate(model, tree, byUnit, unit, period, TODAY, periodPhrase);
    if (!result) throw new Error(`no consolidation for ${page}`);
    const { comparison: _comparison, inProgress: _inProgress, window: _window, ...tallied } = result;
    const expected = perPage(model, tree, unit, period);
    try {
      expect(tallied, page).toEqual(expected);
      for (const below of unitsBelow(model, tree, byUnit, unit, result.window)) {
        const lifetime = lifetimeIn(below.unit, result.window) as Window;
        expect(below.count, `${page} ${below.unit.id}`).toBe(observationsIn(model, tree, below.unit.id, lifetime).length);
      }
    } catch (error) {
      if (++differences <= 3) console.error(error);
    }
    compared++;
    // The trend's earlier periods, each (unit, window) once.
    if (period.kind === "adhoc") continue;
    let earlier = period;
    for (let step = 0; step < 6; step++, earlier = previousPeriod(earlier, schedule)) {
      const window = periodWindow(earlier, schedule) as Window;
      const key = `${unit}|${window.start}|${window.end}`;
      if (trendWindows.has(key)) continue;
      trendWindows.add(key);
      const observations = observationsIn(model, tree, unit, window);
      const tally = subtreeTally(model, tree, byUnit, unit, window);
      const fields = model.fields.map((field) => observations.filter((entry) => entry.field === field.id).length);
      if (tally.total !== observations.length || fields.some((count, index) => count !== tally.fields[index])) {
        if (++differences <= 3) console.error(`trend ${key}: ${tally.total} ≠ ${observations.length}`);
      }
    }
  }
  expect(differences).toBe(0);
  return { compared, trendWindows: trendWindows.size };
}

describe("counts per period once for every page", () => {
  it("equal the per-page scans for every unit and period of the demo content", () => {
    const model = loadContent(readContentFiles(CONTENT, listContentPaths(CONTENT))).model;
    const { compared, trendWindows } = expectSameAsPerPage(model);
    expect(compared).toBeGreaterThan(1000);
    expect(trendWindows).toBeGreaterThan(compared / 2);
  });

  it("equal the per-page scans for every unit and period of 3,000 generated observations", { timeout: 300_000 }, () => {
    const base = [...readContentFiles(CONTENT, listContentPaths(CONTENT).filter(inBaseTree))];
    const model = modelOf(base, generateContent(loadContent(base).model, { ...EVALUATION_OPTIONS, observations: 3000 }));
    expect(model.observations.size).toBe(3000);
    expect(model.reports.size).toBeGreaterThan(100);
    const { compared } = expectSameAsPerPage(model);
    expect(compared).toBeGreaterThan(3000);
  });
});
