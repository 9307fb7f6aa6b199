/**
 * Where a submission goes and whether it is on time: urgent observations may
 * also be approved one level higher; a report's due date comes from the schedule.
 */
import { dueDate, parsePeriod } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { isUrgent as isUrgentLevel } from "../content/labels.ts";
import { classifyPath } from "../content/paths.ts";
import { mayApprove, type PersonInBody, type ReviewVerdict } from "../units/jurisdiction.ts";

/** Urgent when every submitted file is an observation whose urgency level is urgent in the data (content/urgencies.yaml). */
export function isUrgent(model: ContentModel, paths: readonly string[]): boolean {
  if (paths.length === 0) return false;
  const observations = paths.map((path) => classifyPath(path)).flatMap((where) => (where.kind === "observation" ? [model.observations.get(where.id)] : []));
  return observations.length === paths.length && observations.every((entry) => entry && isUrgentLevel(model, (entry as ObservationEntry).urgency));
}

/** For a submitted report: its due date and whether `submittedOn` (ISO date) came after it. */
export function deadlineOf(model: ContentModel, paths: readonly string[], submittedOn: string): { due: string; late: boolean } | undefined {
  const report = paths.map((path) => classifyPath(path)).find((where) => where.kind === "report");
  if (report?.kind !== "report" || !model.schedule) return undefined;
  const period = parsePeriod(report.period);
  const due = period && dueDate(period, model.schedule);
  return due ? { due, late: submittedOn > due } : undefined;
}

/**
 * Whether a reviewer may approve or return a submission: the one place this
 * module asks jurisdiction, so a change to who reviews whom flows in here.
 */
export function reviewVerdict(model: ContentModel, reviewer: PersonInBody, submitter: PersonInBody | undefined, urgent: boolean): ReviewVerdict {
  if (!submitter) return { ok: false, reason: "không xác định được người nộp" };
  return mayApprove(model, reviewer, submitter, urgent);
}
