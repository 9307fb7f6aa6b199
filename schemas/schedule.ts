/**
 * Reporting schedule (plan IV.2): `content/schedule.yaml`. For each periodic
 * report kind, the due dates within a year; each reporting window ends on its
 * due date and starts the day after the previous due date of the same kind.
 */
import { z } from "zod";

/** A day of the year. Example: `{ month: 12, day: 15 }`. A day past the month's end means its last day. */
export const dueDateSchema = z.strictObject({
  /** Month, 1–12. Example: `6`. */
  month: z.int().min(1).max(12),
  /** Day, 1–31. Example: `20`. */
  day: z.int().min(1).max(31),
});

/** One periodic kind: its due dates in calendar order, one per period of the year. */
export const periodKindSchema = z.strictObject({
  /** Vietnamese name of the kind. Example: `Quý`. */
  label: z.string().min(1),
  /** Due dates in order; period n of a year is due on the n-th. Example: `[{month: 3, day: 20}, …]`. */
  due: z.array(dueDateSchema).min(1),
});

/** Which bodies must send which periodic reports: those of a level and organisations. */
export const expectedReportsSchema = z.strictObject({
  /** Level id from levels.yaml. Example: `xa`. */
  level: z.string().min(1),
  /** Organisation ids whose body at that level reports. Example: `[mttq]`. */
  organisations: z.array(z.string().min(1)).min(1),
  /** Periodic kinds they send. Example: `[month, quarter, half, year]`. */
  kinds: z.array(z.enum(["month", "quarter", "half", "year"])).min(1),
});

export const scheduleSchema = z.strictObject({
  /** Monthly reports: 12 due dates. Plan default: the 20th of each month. */
  month: periodKindSchema,
  /** Quarterly reports: 4 due dates. Plan default: the 20th of the quarter's last month. */
  quarter: periodKindSchema,
  /** Six-monthly reports: 2 due dates. Defaults: 20 June and 15 December. */
  half: periodKindSchema,
  /** Annual report: 1 due date. Plan default: 15 December. */
  year: periodKindSchema,
  /** Days after forwarding after which an unanswered follow-up counts as overdue. Example: `30`. */
  follow_up_overdue_days: z.int().min(1).default(30),
  /** Who must report what, for the reporting-compliance page (plan IV.2 and V). */
  expected_reports: z.array(expectedReportsSchema).default([]),
});

export type DueDate = z.infer<typeof dueDateSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type PeriodicKind = "month" | "quarter" | "half" | "year";
export type ExpectedReports = z.infer<typeof expectedReportsSchema>;
