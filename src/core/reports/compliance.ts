/**
 * Reporting compliance, as DHIS2's reporting-rate summary: for a periodic
 * period, the bodies expected to report (schedule.yaml `expected_reports`), and
 * for each whether it reported on time, late, not at all, or is not yet due.
 */

import { dueDate, type Period, type PeriodicPeriod, periodWindow } from "../calendar/periods.ts";
import type { ContentModel, ReportEntry } from "../content/content-model.ts";
import { existedOn } from "./aggregate.ts";

export type ComplianceStatus = "dung-han" | "tre-han" | "chua-gui" | "chua-den-han";

export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  "dung-han": "Đúng hạn",
  "tre-han": "Trễ hạn",
  "chua-gui": "Chưa gửi (đã quá hạn)",
  "chua-den-han": "Chưa đến hạn",
};

export interface ComplianceRow {
  unit: string;
  organisation: string;
  status: ComplianceStatus;
  report: ReportEntry | undefined;
}

/** The expected reports and how many of them came on time, late, or not at all after the due date. */
export interface ComplianceCounts {
  rows: ComplianceRow[];
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
}

export interface ComplianceSummary extends ComplianceCounts {
  period: Period;
  due: string;
  /** Submitted and on-time shares of the expected reports that are due (0 when none is due). */
  submittedRate: number;
  onTimeRate: number;
}

/** A report's status against its due date: on time, late, missing once the due date has passed, or not yet due. */
export function reportStatus(report: ReportEntry | undefined, due: string, today: string): ComplianceStatus {
  return report ? (report.submitted_on <= due ? "dung-han" : "tre-han") : due < today ? "chua-gui" : "chua-den-han";
}

export function complianceCounts(rows: ComplianceRow[]): ComplianceCounts {
  const count = (status: ComplianceStatus) => rows.filter((row) => row.status === status).length;
  const onTime = count("dung-han");
  const late = count("tre-han");
  return { rows, expected: rows.length, submitted: onTime + late, onTime, late, missing: count("chua-gui") };
}

export function compliance(model: ContentModel, period: PeriodicPeriod, today: string): ComplianceSummary | undefined {
  const schedule = model.schedule;
  const window = schedule && periodWindow(period, schedule);
  const due = schedule && dueDate(period, schedule);
  if (!schedule || !window || !due) return undefined;
  const rows: ComplianceRow[] = [];
  for (const expectation of schedule.expected_reports.filter((rule) => rule.kinds.includes(period.kind))) {
    // The bodies of units that exist on the due date report (a district dissolved mid-period does not).
    const units = [...model.units.values()].filter((unit) => unit.level === expectation.level && existedOn(unit, window.end));
    for (const unit of units) {
      for (const organisation of expectation.organisations) {
        const report = model.reports.get(`${period.id}/${unit.id}/${organisation}`);
        rows.push({ unit: unit.id, organisation, status: reportStatus(report, due, today), report });
      }
    }
  }
  const counts = complianceCounts(rows);
  const dueRows = counts.submitted + counts.missing;
  return {
    period,
    due,
    ...counts,
    submittedRate: dueRows === 0 ? 0 : counts.submitted / dueRows,
    onTimeRate: dueRows === 0 ? 0 : counts.onTime / dueRows,
  };
}

/** The expected reports of a subtree's lower bodies (not the unit's own) that are late, missing or not yet due. */
export function lowerReportGaps(summary: ComplianceSummary, subtree: ReadonlySet<string>, unit: string): ComplianceRow[] {
  return summary.rows.filter((row) => row.unit !== unit && subtree.has(row.unit) && row.status !== "dung-han");
}
