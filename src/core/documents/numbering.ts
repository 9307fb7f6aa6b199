/** The number and symbol of a report (số, ký hiệu: "Số: 12/BC-MTTQ"), and the next free number of a body's register. */
import type { ReportData } from "../../../schemas/report.ts";
import type { ContentModel } from "../content/content-model.ts";
import type { OrganisationWording } from "./names.ts";

/** The symbol: the report's own, else "BC-" and the organisation's abbreviation. */
export const symbolOf = (report: Pick<ReportData, "symbol">, wording: OrganisationWording): string => report.symbol ?? `BC-${wording.symbol}`;

/**
 * "Số: 12/BC-MTTQ", or with room for the clerk to write the number when the
 * report has none yet ("Số:      /BC-MTTQ"): numbers are given on signing.
 */
export function numberLine(report: Pick<ReportData, "number" | "symbol">, wording: OrganisationWording): string {
  const number = report.number === undefined ? "\u00a0".repeat(6) : String(report.number);
  return `Số: ${number}/${symbolOf(report, wording)}`;
}

/** The next number of a body's register in a year: one more than the highest number it gave that year. */
export function nextReportNumber(model: ContentModel, unit: string, organisation: string, year: number): number {
  let highest = 0;
  for (const report of model.reports.values()) {
    if (report.unit === unit && report.organisation === organisation && report.number !== undefined && report.submitted_on.startsWith(`${year}-`))
      highest = Math.max(highest, report.number);
  }
  return highest + 1;
}
