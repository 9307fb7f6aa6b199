/**
 * On time or late, judged by when a report reached the repository (the record:
 * its submission commit, or its approval when it was sent back and corrected;
 * see `ProvenanceRecord.receivedAt`), not by the date typed in the file. The
 * compliance page (over provenance) and `review list` (over a pending
 * submission's commit) both call `reportTiming`, so they agree.
 */
import { daysBetween, formatDateVi, vietnamDay } from "../calendar/dates.ts";

/** Allowed gap between the declared date and the record before a warning, in days. */
export const DECLARED_DATE_TOLERANCE_DAYS = 1;

export interface ReportTiming {
  /** Deadline of the period. */
  due: string;
  /** `submitted_on` as written in the file. */
  declaredOn: string;
  /** Day the report reached the repository (Vietnam time); the declared day when there is no record. */
  receivedOn: string;
  /** Whether `receivedOn` comes from the Git record. */
  fromRecord: boolean;
  late: boolean;
  /** Vietnamese warning when the declared day and the record differ by more than a day. */
  warning: string | undefined;
}

/**
 * `receivedAt`: when the report reached the repository (ISO instant), or
 * undefined when no record exists (content outside Git): then the declared date
 * is all there is, and the result says so (`fromRecord: false`).
 */
export function reportTiming(declaredOn: string, due: string, receivedAt: string | Date | undefined): ReportTiming {
  const receivedOn = receivedAt === undefined ? declaredOn : vietnamDay(receivedAt);
  const gap = Math.abs(daysBetween(declaredOn, receivedOn));
  return {
    due,
    declaredOn,
    receivedOn,
    fromRecord: receivedAt !== undefined,
    late: receivedOn > due,
    warning:
      receivedAt !== undefined && gap > DECLARED_DATE_TOLERANCE_DAYS
        ? `Ngày gửi ghi trong báo cáo (${formatDateVi(declaredOn)}) khác ngày báo cáo đến kho (${formatDateVi(receivedOn)}) ${gap} ngày; tính đúng hạn theo ngày đến kho`
        : undefined,
  };
}
