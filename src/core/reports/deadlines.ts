/**
 * The reporting deadlines a body faces: for each periodic report the schedule
 * expects of it (schedule.yaml `expected_reports`), the current period's due
 * date, and the previous period's when that report is still missing. Ad-hoc
 * requests join this list as data (see `deadlinesFor`'s note).
 */
import type { PeriodicKind } from "../../../schemas/schedule.ts";
import { daysBetween } from "../calendar/dates.ts";
import { dueDate, type Period, type PeriodicPeriod, periodContaining, previousPeriod } from "../calendar/periods.ts";
import type { ContentModel, ReportEntry } from "../content/content-model.ts";
import { existedOn } from "./aggregate.ts";

export interface Deadline {
  /** `month`, `quarter`, `half`, `year` (ad-hoc requests will add their own kind). */
  kind: PeriodicKind | "adhoc";
  period: Period;
  unit: string;
  organisation: string;
  due: string;
  /** Days from today to the due date; negative once it has passed. */
  daysLeft: number;
  /** The report, when it has been sent. */
  report: ReportEntry | undefined;
  /** Due date passed and nothing sent. */
  overdue: boolean;
}

const KINDS: readonly PeriodicKind[] = ["month", "quarter", "half", "year"];

/** Whether the schedule expects this body to send this kind of report. */
export function expectedOf(model: ContentModel, unitId: string, organisation: string, kind: PeriodicKind): boolean {
  const unit = model.units.get(unitId);
  return (model.schedule?.expected_reports ?? []).some(
    (rule) => unit !== undefined && rule.level === unit.level && rule.organisations.includes(organisation) && rule.kinds.includes(kind),
  );
}

/**
 * The coming deadlines of one body on `today`, soonest first: each expected
 * kind's current period (sent or not), and the previous period's when it is
 * overdue. A unit that no longer exists on `today` has none.
 * Ad-hoc requests ("báo cáo đột xuất khi có yêu cầu") extend this list: add their
 * deadlines here, from the request data, in the same `Deadline` shape.
 */
export function deadlinesFor(model: ContentModel, unitId: string, organisation: string, today: string): Deadline[] {
  const schedule = model.schedule;
  const unit = model.units.get(unitId);
  if (!schedule || !unit || !existedOn(unit, today)) return [];
  const deadlines: Deadline[] = [];
  const add = (period: PeriodicPeriod) => {
    const due = dueDate(period, schedule);
    if (!due) return;
    const report = model.reports.get(`${period.id}/${unitId}/${organisation}`);
    const daysLeft = daysBetween(today, due);
    deadlines.push({ kind: period.kind, period, unit: unitId, organisation, due, daysLeft, report, overdue: !report && daysLeft < 0 });
  };
  for (const kind of KINDS) {
    if (!expectedOf(model, unitId, organisation, kind)) continue;
    const current = periodContaining(kind, today, schedule);
    const previous = previousPeriod(current, schedule);
    const previousDue = dueDate(previous, schedule);
    if (previousDue && !model.reports.has(`${previous.id}/${unitId}/${organisation}`) && existedOn(unit, previousDue)) add(previous);
    add(current);
  }
  return deadlines.sort((a, b) => a.due.localeCompare(b.due) || KINDS.indexOf(a.kind as PeriodicKind) - KINDS.indexOf(b.kind as PeriodicKind));
}
