/**
 * Whether the record of an approval can be verified, from the merge commit,
 * the submission's commits and the data as it stood on `main` before the
 * merge. Pure: the provenance adapter gathers the evidence.
 *
 * Verified ("đã xác minh"): a merge with two parents whose second parent is the
 * submission; every submission commit is authored by the one focal point the
 * commits name (`Focal-point:`); the merge names a reviewer (`Reviewer:`, or for
 * a forge merge the merger found by e-mail or account) who authored it, is not
 * the submitter, and was entitled by the jurisdiction function. Anything else
 * is unverified ("chưa xác minh"), with the reason, and is never an approval.
 */
import { vietnamDay } from "../calendar/dates.ts";
import type { ContentModel } from "../content/content-model.ts";
import { trailer } from "../submissions/commit-trailers.ts";
import {
  commitEmail,
  findByAccount,
  findFocalPoint,
  isAdministrativePath,
  mayApprove,
  mayApproveAdministrative,
  type PersonInBody,
} from "../units/jurisdiction.ts";

export interface CommitEvidence {
  oid: string;
  message: string;
  parents: string[];
  author: { name: string; email: string; timestamp: number };
  committer: { name: string; email: string; timestamp: number };
}

export interface ApprovalEvidence {
  merge: CommitEvidence;
  /** The submission's own commits (not on main), newest first. */
  submission: CommitEvidence[];
  /** Content-relative paths the merge brought into main. */
  paths: string[];
  /** Every file is an observation of urgency other than routine. */
  urgent: boolean;
  /** The submission was sent back at least once (a `reviews/` record exists). */
  sentBack: boolean;
}

export interface ProvenanceRecord {
  /** Display names: as the trailers or the commits say (a forge merge: the commits). */
  submittedBy: string;
  reviewedBy: string;
  /** Focal point ids, when known. */
  submitterId: string | undefined;
  reviewerId: string | undefined;
  /** ISO date and time of the approval merge. */
  approvedAt: string;
  /**
   * When the approved version reached the repository (ISO): its newest
   * submission commit; for a submission sent back and corrected, the approval.
   * Lateness is judged by this, not by the date typed in the file.
   */
  receivedAt: string;
  /** The approval merge. */
  commit: string;
  /** How it was merged: by this tool (trailers), by a forge's button, or by plain Git. */
  via: "dan-y" | "forge" | "git";
  /** The pull (merge) request number, for a forge merge. */
  pullRequest: number | undefined;
  /** True only when every condition of the module comment holds. */
  verified: boolean;
  /** Why it cannot be verified (Vietnamese), when `verified` is false. */
  unverifiedReason: string | undefined;
}

const nameOf = (value: string | undefined) => value?.replace(/\s*<[^>]*>\s*$/, "") ?? "";
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The pull request of a forge's merge message: GitHub, Gitea/Forgejo, GitLab. */
export function forgeMerge(message: string): { pullRequest: number } | undefined {
  const github = /^Merge pull request #(\d+) from \S+/.exec(message);
  if (github) return { pullRequest: Number(github[1]) };
  const gitea = /^Merge pull request '.*' \(#(\d+)\) from \S+/.exec(message);
  if (gitea) return { pullRequest: Number(gitea[1]) };
  const gitlab = /^See merge request \S+!(\d+)\s*$/m.exec(message);
  if (gitlab && /^Merge branch /.test(message)) return { pullRequest: Number(gitlab[1]) };
  return undefined;
}

/** A forge's own signature (the committer of a web merge), not a person's. */
const FORGE_BOT = /noreply@github\.com|^gitea@|^forgejo@|noreply@gitlab|@users\.noreply\./i;

function personByEmail(model: ContentModel, email: string): PersonInBody | undefined {
  for (const body of model.bodies.values()) {
    const person = body.focal_points.find((candidate) => candidate.email !== undefined && candidate.email.toLowerCase() === email.toLowerCase());
    if (person) return { person, body };
  }
  return undefined;
}

export function judgeApprovalRecord(model: ContentModel, evidence: ApprovalEvidence): ProvenanceRecord {
  const { merge, submission } = evidence;
  const forge = forgeMerge(merge.message);
  const via: ProvenanceRecord["via"] = trailer(merge.message, "Reviewer") ? "dan-y" : forge ? "forge" : "git";
  const newest = submission[0];
  const oldest = submission.at(-1);
  const problems: string[] = [];

  // Who submitted: the trailer the commits carry, else the authors.
  const claimed = new Set(submission.map((commit) => trailer(commit.message, "Focal-point") ?? ""));
  const [submitterId] = [...claimed];
  let submitter = submitterId ? findFocalPoint(model, submitterId) : undefined;
  if (!submitter && oldest) submitter = personByEmail(model, oldest.author.email);
  if (submission.length === 0) problems.push("không tìm thấy commit nộp (nhánh cha thứ hai của commit duyệt)");
  else if (claimed.size !== 1 || !submitterId) problems.push("các commit nộp không ghi cùng một đầu mối (Focal-point)");
  if (submitter) {
    const forged = submission.find((commit) => commit.author.email !== commitEmail(submitter.person) || commit.author.name !== submitter.person.name);
    if (forged) problems.push(`commit nộp ${forged.oid.slice(0, 7)} do "${forged.author.name}" viết, không phải ${submitter.person.name}`);
  } else if (submission.length > 0) problems.push("người nộp không có trong bodies/");

  // Who approved: the trailer, or for a forge merge the merging person.
  let reviewer: PersonInBody | undefined;
  const reviewerId = trailer(merge.message, "Reviewer");
  if (via === "dan-y") reviewer = reviewerId ? findFocalPoint(model, reviewerId) : undefined;
  else {
    const merger = FORGE_BOT.test(merge.committer.email) ? merge.author : merge.committer;
    reviewer = personByEmail(model, merger.email) ?? findByAccount(model, merger.name);
  }
  if (!reviewer)
    problems.push(
      via === "dan-y"
        ? `người duyệt "${reviewerId}" không có trong bodies/`
        : "không xác định được người duyệt trong bodies/ (thư điện tử hoặc tài khoản của người bấm hợp nhất)",
    );
  else if (via === "dan-y" && (merge.author.email !== commitEmail(reviewer.person) || merge.author.name !== reviewer.person.name)) {
    problems.push(`commit duyệt do "${merge.author.name}" viết, không phải người duyệt ${reviewer.person.name} mà commit ghi tên`);
  }
  if (reviewer && submitter) {
    const administrative = evidence.paths.filter(isAdministrativePath);
    const verdicts = [
      ...(administrative.length > 0 ? [mayApproveAdministrative(model, reviewer, submitter.person.id)] : []),
      ...(administrative.length < evidence.paths.length ? [mayApprove(model, reviewer, submitter, evidence.urgent)] : []),
    ];
    for (const verdict of verdicts) if (!verdict.ok) problems.push(verdict.reason);
  }

  const approvedAt = iso(merge.author.timestamp);
  return {
    submittedBy: submitter?.person.name ?? nameOf(trailer(merge.message, "Submitted-by")) ?? oldest?.author.name ?? "",
    reviewedBy: reviewer?.person.name ?? (via === "dan-y" ? nameOf(trailer(merge.message, "Reviewed-by")) : merge.author.name),
    submitterId: submitter?.person.id ?? submitterId,
    reviewerId: reviewer?.person.id ?? reviewerId,
    approvedAt,
    receivedAt: evidence.sentBack || !newest ? approvedAt : iso(newest.committer.timestamp),
    commit: merge.oid,
    via,
    pullRequest: forge?.pullRequest,
    verified: problems.length === 0,
    unverifiedReason: problems.length === 0 ? undefined : problems.join("; "),
  };
}

/**
 * The line a page shows: a verified approval with its names and date, or an
 * unverifiable record said to be one (never shown as an approval).
 */
export function describeProvenance(record: ProvenanceRecord | undefined, formatDate: (iso: string) => string): string {
  if (!record) return "Chưa có bản ghi duyệt trong lịch sử Git";
  const request = record.pullRequest !== undefined ? ` (yêu cầu hợp nhất #${record.pullRequest})` : "";
  if (record.verified) {
    return `${record.submittedBy} nộp ngày ${formatDate(vietnamDay(record.receivedAt))}; ${record.reviewedBy} duyệt ngày ${formatDate(vietnamDay(record.approvedAt))}${request} — đã xác minh`;
  }
  return `Chưa xác minh: bản ghi hợp nhất ngày ${formatDate(vietnamDay(record.approvedAt))}${request} không chứng minh được việc duyệt (${record.unverifiedReason})`;
}
