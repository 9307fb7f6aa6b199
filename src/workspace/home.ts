/** "What needs me now": the data of the home page for one signed-in focal point. Pure but for the record it is given. */
import type { PeriodicKind } from "../../schemas/schedule.ts";
import { daysBetween, vietnamDay } from "../core/calendar/dates.ts";
import { dueDate, type Period, periodContaining, periodLabel } from "../core/calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { referenceLabels, urgencyOrder } from "../core/content/labels.ts";
import { compliance } from "../core/reports/compliance.ts";
import type { PersonInBody } from "../core/units/jurisdiction.ts";
import { mayReview } from "./access.ts";
import type { Submission } from "./record.ts";

/** A submission waiting longer than this many days is marked late in the review queue. */
export const REVIEW_LATE_DAYS = 3;

export interface QueueItem {
  submission: Submission;
  title: string;
  ageDays: number;
  late: boolean;
}

/** The label of the most urgent level among a submission's observations ("Khẩn" in the demo), for its red badge. */
export function urgencyBadge(submission: Submission): string {
  const { urgencies } = referenceLabels(submission.model);
  const levels = [...submission.model.observations.values()].map((entry) => entry.urgency);
  const top = levels.sort((a, b) => urgencyOrder(submission.model, b) - urgencyOrder(submission.model, a))[0];
  return (top && urgencies.get(top)?.label) ?? top ?? "";
}

export function titleOf(submission: Submission): string {
  const path = submission.paths[0] ?? "";
  for (const entry of submission.model.observations.values()) if (path.endsWith(`${entry.id.split("/")[1]}.md`)) return entry.title;
  for (const entry of submission.model.reports.values()) return entry.title;
  return path;
}

export function queueItem(submission: Submission, today: string): QueueItem {
  const ageDays = daysBetween(vietnamDay(submission.submittedAt), today);
  return { submission, title: titleOf(submission), ageDays, late: submission.deadline?.late === true || ageDays > REVIEW_LATE_DAYS };
}

/** The submissions `me` may decide, urgent first, then oldest first; those sent back wait for the submitter instead. */
export function reviewQueue(pending: readonly Submission[], me: PersonInBody, today: string): QueueItem[] {
  return pending
    .filter((submission) => !submission.rejection && mayReview(submission, me))
    .map((submission) => queueItem(submission, today))
    .sort((a, b) => Number(b.submission.urgent) - Number(a.submission.urgent) || b.ageDays - a.ageDays);
}

export interface OwedReport {
  period: Period;
  label: string;
  due: string;
  daysLeft: number;
}

const KINDS: PeriodicKind[] = ["month", "quarter", "half", "year"];

/** Reports my body is expected to send (schedule `expected_reports`) for the current periods, not yet on main. */
export function owedReports(model: ContentModel, me: PersonInBody, today: string): OwedReport[] {
  const schedule = model.schedule;
  if (!schedule) return [];
  const owed: OwedReport[] = [];
  for (const kind of KINDS) {
    const period = periodContaining(kind, today, schedule) as Period & { kind: PeriodicKind };
    const summary = compliance(model, period, today);
    const row = summary?.rows.find((candidate) => candidate.unit === me.body.unit && candidate.organisation === me.body.organisation);
    const due = dueDate(period, schedule);
    if (row && !row.report && due) owed.push({ period, label: periodLabel(period), due, daysLeft: daysBetween(today, due) });
  }
  return owed;
}

/**
 * Observations of my body waiting longer than the schedule's `follow_up_overdue_days`:
 * still in the initial status, or forwarded (a status that `forwards`) and not answered yet.
 * `mine`: the body's observations when the caller has them indexed (else all are scanned).
 */
export function overdueFollowUps(
  model: ContentModel,
  me: PersonInBody,
  today: string,
  mine: Iterable<ObservationEntry> = model.observations.values(),
): ObservationEntry[] {
  const limit = (model.schedule as { follow_up_overdue_days?: number } | undefined)?.follow_up_overdue_days ?? 30;
  const { statuses, initialStatus } = referenceLabels(model);
  const waiting = (status: string) => status === initialStatus || statuses.get(status)?.forwards === true;
  return [...mine]
    .filter((entry) => entry.unit === me.body.unit && entry.organisation === me.body.organisation)
    .filter((entry) => waiting(entry.status))
    .filter((entry) => daysBetween(entry.follow_up.at(-1)?.date ?? entry.recorded_on, today) > limit)
    .sort((a, b) => a.recorded_on.localeCompare(b.recorded_on));
}

export function mySubmissions(pending: readonly Submission[], me: PersonInBody): Submission[] {
  return pending.filter((submission) => submission.submitter?.person.id === me.person.id);
}
