/** The reporting-compliance pages: per period, every body expected to report and what it did; the summary of all periods. */
import { formatDateVi } from "../../core/calendar/dates.ts";
import { isPeriodic, type PeriodicPeriod, parsePeriod, periodLabel, periodPhrase } from "../../core/calendar/periods.ts";
import { COMPLIANCE_LABELS, type ComplianceSummary } from "../../core/reports/compliance.ts";
import { collator, formatNumber, formatPercent, organisationName, unitName, type ViewContext } from "./common.ts";

export interface CompliancePeriodView {
  title: string;
  intro: string;
  rows: { unit: string; href: string | undefined; organisation: string; status: string; submitted: string }[];
}

export function compliancePeriodView(
  context: ViewContext,
  periodId: string,
  pages: ReadonlySet<string>,
  complianceOf: (period: PeriodicPeriod) => ComplianceSummary | undefined,
): CompliancePeriodView {
  const { model } = context;
  const period = parsePeriod(periodId);
  const summary = period && isPeriodic(period) ? complianceOf(period) : undefined;
  if (!period || !summary) throw new Error(`no compliance for ${periodId}`);
  return {
    title: `Tình hình báo cáo ${periodPhrase(period)}`,
    intro: `Hạn gửi ${formatDateVi(summary.due)}. Phải gửi ${formatNumber(summary.expected)}, đã gửi ${formatNumber(summary.submitted)} (${formatNumber(summary.onTime)} đúng hạn, ${formatNumber(summary.late)} trễ hạn), chưa gửi ${formatNumber(summary.missing)}.`,
    rows: [...summary.rows]
      .sort((a, b) => collator.compare(unitName(model, a.unit), unitName(model, b.unit)) || a.organisation.localeCompare(b.organisation))
      .map((row) => ({
        unit: unitName(model, row.unit),
        href: pages.has(`${row.unit}/${period.id}`) ? `/bao-cao/${row.unit}/${period.id}/` : undefined,
        organisation: organisationName(model, row.organisation, "short"),
        status: COMPLIANCE_LABELS[row.status],
        submitted: row.report ? formatDateVi(row.report.submitted_on) : "",
      })),
  };
}

export interface ComplianceIndexView {
  tables: { caption: string; rows: { href: string; label: string; cells: string[] }[] }[];
}

const KINDS = [
  { kind: "month", label: "Báo cáo tháng" },
  { kind: "quarter", label: "Báo cáo quý" },
  { kind: "half", label: "Báo cáo 6 tháng" },
  { kind: "year", label: "Báo cáo năm" },
] as const;

/** The periods that have a compliance page: those expecting at least one report. */
export function compliancePeriods(
  periods: readonly PeriodicPeriod[],
  complianceOf: (period: PeriodicPeriod) => ComplianceSummary | undefined,
): ComplianceSummary[] {
  return periods.map(complianceOf).filter((summary): summary is ComplianceSummary => summary !== undefined && summary.expected > 0);
}

export function complianceIndexView(summaries: readonly ComplianceSummary[]): ComplianceIndexView {
  return {
    tables: KINDS.map(({ kind, label }) => ({
      caption: label,
      rows: summaries
        .filter((summary) => summary.period.kind === kind)
        .map((summary) => ({
          href: `/tinh-hinh-bao-cao/${summary.period.id}/`,
          label: periodLabel(summary.period),
          cells: [
            formatDateVi(summary.due),
            formatNumber(summary.expected),
            formatNumber(summary.submitted),
            formatNumber(summary.onTime),
            formatNumber(summary.late),
            formatNumber(summary.missing),
            formatPercent(summary.submittedRate),
            formatPercent(summary.onTimeRate),
          ],
        })),
    })),
  };
}
