/** The text of the commits the record writes (submission, approval, rejection) and how a rejection is read back. */
import { trailer } from "./commit-trailers.ts";

export interface Signed {
  id: string;
  name: string;
  email: string;
  body: string;
}

export function submissionMessage(summary: string, submitter: Signed): string {
  return `${summary}\n\nFocal-point: ${submitter.id}\nSubmitted-by: ${submitter.name} <${submitter.email}>`;
}

export function approvalMessage(branch: string, fileCount: number, submitter: Signed, reviewer: Signed): string {
  return [
    `Duyệt ${branch}`,
    "",
    `${submitter.body} nộp ${fileCount} tệp; ${reviewer.body} duyệt.`,
    "",
    `Submitted-by: ${submitter.name} <${submitter.email}>`,
    `Reviewed-by: ${reviewer.name} <${reviewer.email}>`,
    `Focal-point: ${submitter.id}`,
    `Reviewer: ${reviewer.id}`,
  ].join("\n");
}

/** The rejection record: a commit on `reviews/<branch>` whose first parent is the rejected tip. */
export function rejectionMessage(branch: string, reason: string, reviewer: Signed, rejectedCommit: string): string {
  return `Trả lại ${branch}\n\n${reason.trim()}\n\nReviewed-by: ${reviewer.name} <${reviewer.email}>\nReviewer: ${reviewer.id}\nRejected-commit: ${rejectedCommit}`;
}

export function readRejection(message: string, authorName: string): { reason: string; reviewer: string } {
  const reason = /\n\n([\s\S]*?)\n\nReviewed-by:/.exec(message)?.[1]?.trim() ?? message;
  return { reason, reviewer: trailer(message, "Reviewed-by") ?? authorName };
}
