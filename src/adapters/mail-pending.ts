/**
 * The urgent submissions waiting for review, as the reminders need them: the
 * one place that calls the submissions adapter for reminders, so that a change
 * of its signature is one edit here.
 */
import { vietnamDay } from "../core/calendar/dates.ts";
import type { PendingUrgent } from "../core/reports/reminders.ts";
import { openWorkspace, pendingSubmissions } from "./submissions.ts";

export async function pendingUrgent(contentDirectory: string, today: string): Promise<PendingUrgent[]> {
  const space = await openWorkspace(contentDirectory, today);
  const submissions = await pendingSubmissions(space);
  return submissions
    .filter((submission) => submission.urgent && !submission.refused && !submission.rejection && submission.submitter)
    .map((submission) => ({
      branch: submission.branch,
      tip: submission.tip,
      body: submission.submitter?.body.id ?? "",
      submitter: submission.submitter?.person.name ?? "",
      titles: submission.paths.flatMap((path) => {
        const entry = [...submission.model.observations.values()].find((candidate) => candidate.source.file.endsWith(path));
        return entry ? [entry.title] : [];
      }),
      submittedOn: vietnamDay(submission.submittedAt),
    }));
}
