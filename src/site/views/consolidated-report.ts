/**
 * The consolidated report page of a unit and period: its bodies' own reports
 * beside what the system consolidates from the unit's subtree in the window,
 * compared like with like, and the units that existed in the period below it.
 */

import { formatDateVi } from "../../core/calendar/dates.ts";
import {
  dueDate,
  isPeriodic,
  type Period,
  type PeriodicPeriod,
  parsePeriod,
  periodLabel,
  periodPhrase,
  periodWindow,
  previousPeriod,
  type Window,
} from "../../core/calendar/periods.ts";
import type { ReportEntry, UnitEntry } from "../../core/content/content-model.ts";
import { type Comparison, type Consolidation, changePhrase, consolidate, observationsByUnit, unitsBelow } from "../../core/reports/aggregate.ts";
import { COMPLIANCE_LABELS, type ComplianceSummary, lowerReportGaps } from "../../core/reports/compliance.ts";
import { romanNumeral } from "../../core/reports/roman-numeral.ts";
import { subtreeTally } from "../../core/reports/window-tallies.ts";
import { reportAnchor } from "../../core/site/links.ts";
import { renderMarkdown } from "../../core/site/render-markdown.ts";
import { collator, formatNumber, type Highlight, highlight, type NumberRow, organisationName, requireSchedule, unitName, type ViewContext } from "./common.ts";
import { byField, type RangeTrend, shortPeriodLabel, type Trend, trendFigure } from "./trends.ts";

/** The headers of "this period / compared with / change" columns: a period in progress says what it compares. */
export function comparisonColumns(comparison: Comparison | undefined): string[] {
  if (!comparison) return ["Kỳ này"];
  if (!comparison.partial) return ["Kỳ này", "Kỳ trước", "Thay đổi"];
  return ["Đến hôm nay", `${comparison.days} ngày đầu kỳ trước`, "Thay đổi"];
}

export interface ReportPageView {
  unit: UnitEntry;
  period: Period;
  title: string;
  heading: string;
  ancestors: { href: string; name: string }[];
  intro: string;
  own: { anchor: string; label: string; heading: string; html: string }[];
  columns: string[];
  caption: string;
  fields: NumberRow[];
  sections: { id: string; heading: string; items: Highlight[] }[];
  proposals: string;
  lower: { href: string; text: string; submitted: string }[];
  gaps: { caption: string; rows: { unit: string; href: string; organisation: string; status: string }[] } | undefined;
  below: { heading: string; rows: { name: string; href: string | undefined; count: string; note: string }[] } | undefined;
  /** The trend by field over this period and the five before it (same kind), for levels whose reports consolidate others. */
  trend: RangeTrend | undefined;
}

/** Levels whose consolidated pages draw a trend (a residential area's page stays a list). */
const TREND_LEVELS = new Set(["tinh", "huyen", "xa"]);
/** How many periods of the same kind a consolidated page's trend covers. */
export const TREND_PERIODS = 6;

function periodTrend(context: ViewContext, unit: UnitEntry, period: Period): RangeTrend | undefined {
  const { model, tree } = context;
  const schedule = requireSchedule(model);
  if (!isPeriodic(period) || !TREND_LEVELS.has(unit.level)) return undefined;
  const periods: PeriodicPeriod[] = [period];
  while (periods.length < TREND_PERIODS) periods.unshift(previousPeriod(periods[0] as PeriodicPeriod, schedule));
  const windows = periods.map((each) => periodWindow(each, schedule));
  if (!windows[0] || !windows[windows.length - 1]) return undefined;
  const byUnit = observationsByUnit(model);
  const counts = windows.map((window) => subtreeTally(model, tree, byUnit, unit.id, window as Window));
  const value: Trend = {
    columns: periods.map(shortPeriodLabel),
    series: byField(model, false).map((group, index) => ({
      id: group.id,
      label: group.label,
      href: group.href,
      counts: counts.map((tally) => tally.fields[index] ?? 0),
    })),
    totals: counts.map((tally) => tally.total),
  };
  const xLabel = { month: "Tháng", quarter: "Quý", half: "6 tháng", year: "Năm" }[period.kind];
  return trendFigure(
    value,
    { id: "ky", label: `${TREND_PERIODS} kỳ đến ${periodPhrase(period)}`, xLabel, periods },
    {
      what: `${unit.name}: số thông tin`,
      total: true,
      maxSeries: 0,
    },
  );
}

/** Every (unit, period) page, as `getStaticPaths` params. */
export function reportPagePaths(pages: ReadonlySet<string>): { unit: string; period: string }[] {
  return [...pages].map((page) => {
    const [unit, period] = page.split("/") as [string, string];
    return { unit, period };
  });
}

export function reportPageView(
  context: ViewContext,
  unitId: string,
  periodId: string,
  pages: ReadonlySet<string>,
  complianceOf: (period: Period) => ComplianceSummary | undefined,
  /** The consolidation when the caller already has it (the page's Word documents are made from the same one). */
  consolidation?: Consolidation,
): ReportPageView {
  const { model, tree, today } = context;
  const schedule = requireSchedule(model);
  const unit = model.units.get(unitId);
  const period = parsePeriod(periodId);
  if (!unit || !period) throw new Error(`unknown unit or period ${unitId} ${periodId}`);
  const byUnit = observationsByUnit(model);
  const result = consolidation ?? consolidate(model, tree, byUnit, unitId, period, today, periodPhrase);
  if (!result) throw new Error(`no window for ${periodId}`);
  const due = isPeriodic(period) ? dueDate(period, schedule) : undefined;
  const { comparison } = result;
  const compared = comparison !== undefined;
  const row = (label: string, count: number, previous: number, sub = false): NumberRow => ({
    label: sub ? `— ${label}` : label,
    sub,
    cells: compared ? [formatNumber(count), formatNumber(previous), changePhrase(count, previous, formatNumber)] : [formatNumber(count)],
  });
  const summary = complianceOf(period);
  const gaps = summary ? lowerReportGaps(summary, tree.coverage(unitId), unitId) : [];
  const proposals = result.forwarded;
  const below = unitsBelow(model, tree, byUnit, unitId, result.window).sort(
    (a, b) => Number(a.relation === "child") - Number(b.relation === "child") || collator.compare(a.unit.name, b.unit.name),
  );
  const ownHeading = (report: ReportEntry) =>
    `${organisationName(model, report.organisation)} — gửi ngày ${formatDateVi(report.submitted_on)}${due ? (report.submitted_on <= due ? " (đúng hạn)" : " (trễ hạn)") : ""}`;
  return {
    trend: periodTrend(context, unit, period),
    unit,
    period,
    title: `${unit.name} — ${periodLabel(period)}`,
    heading: `${unit.name}: báo cáo tổng hợp ${periodPhrase(period)}`,
    ancestors: tree
      .ancestors(unitId)
      .reverse()
      .filter((id) => pages.has(`${id}/${periodId}`))
      .map((id) => ({ href: `/bao-cao/${id}/${periodId}/`, name: unitName(model, id) })),
    intro: `Kỳ từ ${formatDateVi(result.window.start)} đến ${formatDateVi(result.window.end)}${due ? `, hạn báo cáo ${formatDateVi(due)}` : ""}. Tổng hợp ${formatNumber(result.count)} thông tin của địa bàn${result.inProgress ? ` đến hôm nay (${formatDateVi(today)})` : ""}${comparison ? `, ${comparison.phrase}` : ""}.`,
    own: result.own.map((report) => ({
      anchor: reportAnchor(report.organisation),
      label: `Báo cáo của ${organisationName(model, report.organisation)}`,
      heading: ownHeading(report),
      html: renderMarkdown(report.body ?? "", 3, report.source.file),
    })),
    columns: comparisonColumns(comparison),
    caption: comparison?.partial
      ? `Số thông tin theo lĩnh vực và tiểu mục đến hôm nay, so với ${comparison.days} ngày đầu kỳ trước`
      : compared
        ? "Số thông tin theo lĩnh vực và tiểu mục, so với kỳ trước"
        : "Số thông tin theo lĩnh vực và tiểu mục",
    fields: result.fields.flatMap((field) => [
      row(field.label, field.count, field.previous),
      ...field.subtopics
        .filter((subtopic) => subtopic.count + subtopic.previous > 0)
        .map((subtopic) => row(subtopic.label, subtopic.count, subtopic.previous, true)),
    ]),
    sections: model.fields.map((field, index) => ({
      id: `linh-vuc-${field.id}`,
      heading: `${romanNumeral(index + 1)}. ${field.label}`,
      items: (result.notable.get(field.id) ?? []).map((entry) => highlight(model, entry)),
    })),
    proposals:
      proposals > 0
        ? `${formatNumber(proposals)} nội dung đã chuyển cơ quan chức năng, đang chờ trả lời.`
        : "Không có nội dung nào đang chờ cơ quan chức năng trả lời.",
    lower: result.lower.map((report) => ({
      href: `/bao-cao/${report.unit}/${report.period}/`,
      text: `${unitName(model, report.unit)} — ${organisationName(model, report.organisation)}, ${periodPhrase(parsePeriod(report.period) ?? period)}`,
      submitted: formatDateVi(report.submitted_on),
    })),
    gaps: summary && {
      caption: `Hạn báo cáo ${formatDateVi(summary.due)}; danh sách cơ quan phải báo cáo theo lịch trong schedule.yaml`,
      rows: gaps.map((gap) => ({
        unit: unitName(model, gap.unit),
        href: `/don-vi/${gap.unit}/`,
        organisation: organisationName(model, gap.organisation),
        status: `${COMPLIANCE_LABELS[gap.status]}${gap.report ? `, gửi ${formatDateVi(gap.report.submitted_on)}` : ""}`,
      })),
    },
    below:
      below.length === 0
        ? undefined
        : {
            heading: below.some((item) => item.relation === "predecessor") ? "Đơn vị trực thuộc và đơn vị trước sáp nhập" : "Đơn vị trực thuộc",
            rows: below.map(({ unit: item, relation, count }) => ({
              name: item.name,
              href: count > 0 && pages.has(`${item.id}/${periodId}`) ? `/bao-cao/${item.id}/${periodId}/` : undefined,
              count: formatNumber(count),
              note:
                relation === "predecessor"
                  ? lifetimeNote(item, result.window)
                  : item.valid_to && item.valid_to < result.window.end
                    ? `đến ${formatDateVi(item.valid_to)}`
                    : "",
            })),
          },
  };
}

/** How a predecessor reads in the list: `sáp nhập vào … từ 01/07/2025`. */
function lifetimeNote(unit: UnitEntry, window: Window): string {
  return unit.valid_to && unit.valid_to < window.end ? `trước sáp nhập, đến ${formatDateVi(unit.valid_to)}` : "trước sáp nhập";
}
