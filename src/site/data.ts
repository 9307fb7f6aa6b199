/**
 * Everything the pages render, loaded once per build through the same loader
 * and schemas as `npm run check`. Pages only format what the core computes.
 */

import { relative, resolve, sep } from "node:path";
import { contentDir } from "../adapters/content-files.ts";
import { findRepositoryRoot } from "../adapters/git.ts";
import { type Provenance, readProvenance } from "../adapters/provenance.ts";
import { isPeriodic, type Period, type PeriodicPeriod, periodContaining, previousPeriod } from "../core/calendar/periods.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { type ComplianceSummary, compliance } from "../core/reports/compliance.ts";
import { buildUnitTree, type UnitTree } from "../core/units/unit-tree.ts";
import { primeHotspots } from "./hotspot-cache.ts";
import { loadSiteModel } from "./load-model.ts";
import { buildToday } from "./today.ts";

export interface SiteData {
  model: ContentModel;
  tree: UnitTree;
  /** The build's date in Vietnam: the "current" period is the one containing it. */
  today: string;
  /** Content-relative path → approval record, when the content is in a Git repository. */
  provenance: Map<string, Provenance>;
}

let loading: Promise<SiteData> | undefined;

/** With `DAN_Y_PUBLISH_KEY_FILE` (the publishing age identity), focal points' sealed contacts are opened for the pages. */
async function openSealedContacts(model: ContentModel, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.DAN_Y_PUBLISH_KEY_FILE?.trim();
  if (!file) return;
  const { openModelContacts, readIdentityFile } = await import("../adapters/sealed-contacts.ts");
  await openModelContacts(model, readIdentityFile(file));
}

async function provenanceOf(directory: string): Promise<Map<string, Provenance>> {
  try {
    const root = await findRepositoryRoot(resolve(directory));
    const inside = relative(root, resolve(directory)).split(sep).join("/");
    return await readProvenance(root, inside ? `${inside}/` : "");
  } catch {
    return new Map();
  }
}

export function siteData(): Promise<SiteData> {
  loading ??= (async () => {
    const directory = contentDir();
    const model = loadSiteModel();
    await openSealedContacts(model);
    const today = buildToday();
    const data: SiteData = { model, tree: buildUnitTree(model), today, provenance: await provenanceOf(directory) };
    // In a publish, the hot spots of months whose inputs did not change come from the last one's.
    const cache = process.env.DAN_Y_SITE_CACHE;
    if (cache) primeHotspots(data, cache, process.env.DAN_Y_CODE_VERSION ?? "");
    // DAN_Y_PUBLISH_TIMINGS=1 (the publish benchmark): when the pages' data was ready, in this process's seconds.
    if (process.env.DAN_Y_PUBLISH_TIMINGS === "1") console.error(`[dữ liệu trang] sẵn sàng sau ${(performance.now() / 1000).toFixed(2)} s`);
    return data;
  })();
  return loading;
}

export { collator, formatNumber, formatPercent } from "./views/common.ts";

export { consolidationPages } from "./views/pages.ts";

/** Periodic periods from the first observation or report to the one containing today, newest first, per kind. */
export function periodsSoFar(model: ContentModel, today: string): PeriodicPeriod[] {
  const schedule = model.schedule;
  if (!schedule) return [];
  const dates = [...model.observations.values()].map((entry) => entry.observed_on).concat([...model.reports.values()].map((report) => report.submitted_on));
  const first = dates.sort()[0] ?? today;
  const periods: PeriodicPeriod[] = [];
  for (const kind of ["month", "quarter", "half", "year"] as const) {
    let period = periodContaining(kind, today, schedule);
    const start = periodContaining(kind, first, schedule).id;
    for (;;) {
      periods.push(period);
      if (period.id === start) break;
      period = previousPeriod(period, schedule);
    }
  }
  return periods;
}

/** The last `count` monthly periods up to the one containing today, oldest first. */
export function recentMonths(model: ContentModel, today: string, count = 12): PeriodicPeriod[] {
  const schedule = model.schedule;
  if (!schedule) return [];
  const months: PeriodicPeriod[] = [periodContaining("month", today, schedule)];
  while (months.length < count) months.unshift(previousPeriod(months[0] as PeriodicPeriod, schedule));
  return months;
}

const complianceByModel = new WeakMap<ContentModel, Map<string, ComplianceSummary | undefined>>();

/** Reporting compliance of a periodic period, computed once per model and period (every report page of the period shares it). */
export function complianceOf(model: ContentModel, period: Period, today: string): ComplianceSummary | undefined {
  if (!isPeriodic(period)) return undefined;
  let known = complianceByModel.get(model);
  if (!known) {
    known = new Map();
    complianceByModel.set(model, known);
  }
  if (!known.has(period.id)) known.set(period.id, compliance(model, period, today));
  return known.get(period.id);
}

/** The site's base path without a trailing slash (empty at the root), for internal links. */
export const basePath: string = import.meta.env.BASE_URL.replace(/\/$/, "");
