/**
 * A draft consolidated report for a body and period (plan IV.2): the
 * observations of the unit's subtree in the window, the reports of lower levels
 * and member organisations that fall in it, and a body in the plan's outline.
 */
import type { ReportData } from "../../../schemas/report.ts";
import { parsePeriod, periodEnd, periodPhrase, periodWindow } from "../calendar/periods.ts";
import type { ContentModel } from "../content/content-model.ts";
import { newReport } from "../content/new-entry.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { observationsByUnit, unitsBelow } from "./aggregate.ts";
import { hotspotsMarkdown } from "./hotspots-view.ts";
import { byUrgency } from "./notability.ts";
import { reportOutline } from "./report-outline.ts";

export interface DraftRequest {
  unit: string;
  organisation: string;
  period: string;
  author: string;
  submittedOn: string;
  /** Add the section on emerging hot spots (default); the generator leaves it out to stay fast at 100k. */
  withHotspots?: boolean;
}

export type Draft = { ok: true; path: string; text: string; data: ReportData; observations: number; reports: number } | { ok: false; message: string };

/** How many consolidated observations a draft names: the most urgent first (a report names notable items, not thousands). */
export const NOTABLE_LIMIT = 100;

export function draftReport(model: ContentModel, tree: UnitTree, request: DraftRequest): Draft {
  const unit = model.units.get(request.unit);
  if (!unit) return { ok: false, message: `Không có đơn vị "${request.unit}"` };
  if (!model.organisations.some((organisation) => organisation.id === request.organisation))
    return { ok: false, message: `Không có tổ chức "${request.organisation}"` };
  const period = parsePeriod(request.period);
  const window = period && model.schedule ? periodWindow(period, model.schedule) : undefined;
  if (!period || !window || !model.schedule)
    return { ok: false, message: `Kỳ "${request.period}" không hợp lệ: dùng dạng 2026-11, 2026-q4, 2026-h2, 2026 hoặc 2026-11-15-ten-vu-viec` };
  const schedule = model.schedule;
  const covered = tree.coverage(request.unit);
  const self = `${period.id}/${request.unit}/${request.organisation}`;
  const inWindow = (date: string | undefined) => date !== undefined && date >= window.start && date <= window.end;
  const lower = [...model.reports.values()].filter((report) => {
    if (report.id === self || !covered.has(report.unit)) return false;
    const lowerPeriod = parsePeriod(report.period);
    const end = lowerPeriod ? periodEnd(lowerPeriod, schedule) : undefined;
    // A same-kind report of a lower level or member organisation, or a shorter one inside the window.
    return inWindow(end) && (report.unit !== request.unit || report.organisation !== request.organisation);
  });
  const reportedUnits = new Set(lower.map((report) => report.unit).filter((id) => id !== request.unit));
  const observations = [...model.observations.values()]
    .filter((entry) => covered.has(entry.unit) && inWindow(entry.observed_on))
    .sort((a, b) => a.observed_on.localeCompare(b.observed_on) || a.id.localeCompare(b.id));
  const own = observations.filter(
    (entry) => !reportedUnits.has(entry.unit) && !tree.ancestors(entry.unit).some((ancestor) => ancestor !== request.unit && reportedUnits.has(ancestor)),
  );
  const notable = [...own].sort(byUrgency(model)).slice(0, NOTABLE_LIMIT);
  const heading = `Báo cáo tình hình Nhân dân ${periodPhrase(period)} — ${unit.name}`;
  const lowerIds = lower.map((report) => report.id).sort();
  const hotspots = request.withHotspots === false ? "" : hotspotsMarkdown(model, tree, request.unit, period.id);
  const {
    path,
    text: outlined,
    data,
  } = newReport({
    unit: request.unit,
    organisation: request.organisation,
    period: period.id,
    title: heading,
    author: request.author,
    submitted_on: request.submittedOn,
    observations: notable.map((entry) => entry.id),
    reports: lowerIds,
    body: reportOutline({
      model,
      heading,
      observations,
      lowerReports: lowerIds,
      unitsBelow: unitsBelow(model, tree, observationsByUnit(model), request.unit, window).sort((a, b) => a.unit.name.localeCompare(b.unit.name, "vi")),
    }),
  });
  const text = hotspots ? `${outlined.trimEnd()}\n\n${hotspots}` : outlined;
  return { ok: true, path, text, data, observations: notable.length, reports: lowerIds.length };
}
