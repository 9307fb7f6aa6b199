/** Which pages the site has, computed once per model (pure: views and their tests use it without the build's IO). */

import { periodIdsOfDay } from "../../core/calendar/periods.ts";
import type { ContentModel } from "../../core/content/content-model.ts";
import type { UnitTree } from "../../core/units/unit-tree.ts";

const pagesByModel = new WeakMap<ContentModel, Set<string>>();

/** Every (unit, period) that has observations in its subtree and window, or a report: the consolidated report pages (computed once per model). */
export function consolidationPages(model: ContentModel, tree: UnitTree): Set<string> {
  const known = pagesByModel.get(model);
  if (known) return known;
  const pages = new Set<string>();
  pagesByModel.set(model, pages);
  const schedule = model.schedule;
  if (!schedule) return pages;
  const periodsOf = periodIdsOfDay(["month", "quarter", "half", "year"], schedule);
  for (const entry of model.observations.values()) {
    const units = tree.covering(entry.unit);
    for (const period of periodsOf(entry.observed_on)) for (const unit of units) pages.add(`${unit}/${period}`);
  }
  for (const report of model.reports.values()) pages.add(`${report.unit}/${report.period}`);
  return pages;
}
