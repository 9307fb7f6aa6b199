/**
 * Submission and review over Git (plan IV.2): a submission is a branch
 * `submissions/<unit>/<date>-<slug>` with commits by one focal point touching
 * only that body's paths; approval is a merge into `main` by a reviewing body;
 * a rejection is a commit on `reviews/<branch>` carrying the reason.
 */
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { RefusalError } from "../core/errors.ts";
import { trailer } from "../core/submissions/commit-trailers.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { daysBetween, formatDateVi } from "../core/calendar/dates.ts";
import { formatIssues } from "../core/check/format-issues.ts";
import { commitEmail, findFocalPoint, mayApprove, mayWrite, type PersonInBody } from "../core/units/jurisdiction.ts";
import type { ContentFile } from "../core/content/load-content.ts";
import { classifyPath } from "../core/content/paths.ts";
import { dueDate, parsePeriod } from "../core/calendar/periods.ts";
import { slugify } from "../core/content/slugify.ts";
import { checkSubmitted, prepareSubmittedChecks } from "./check-tree.ts";
import { displayRoot } from "./content-files.ts";
import * as repo from "./git.ts";

export const MAIN = "main";
export const SUBMISSIONS = "submissions/";
export const REVIEWS = "reviews/";

export interface Workspace {
  /** Repository root. */
  dir: string;
  /** Content directory on disk. */
  contentDirectory: string;
  /** Content directory relative to the repository root, ending in `/` (or empty). */
  prefix: string;
  /** Display root of content paths. */
  root: string;
  today: string;
  /** Remote to push to and fetch from, when one is configured. */
  remote: string | undefined;
}

export async function openWorkspace(contentDirectory: string, today: string): Promise<Workspace> {
  const absolute = realpathSync(resolve(contentDirectory));
  const dir = await repo.findRepositoryRoot(absolute);
  const inside = relative(dir, absolute).split(sep).join("/");
  return {
    dir,
    contentDirectory,
    prefix: inside === "" ? "" : `${inside}/`,
    root: displayRoot(contentDirectory),
    today,
    remote: (await repo.remoteUrl(dir)) ? "origin" : undefined,
  };
}

// ---------------------------------------------------------------- submit

export interface SubmitResult {
  branch: string;
  commit: string;
  pushed: boolean;
  pullRequestUrl: string | undefined;
}

/** Where a forge opens a pull request for a branch, or undefined for a plain Git server. */
export function pullRequestUrl(remote: string, branch: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?|git@)([^/:]+)[/:](.+?)(?:\.git)?\/?$/.exec(remote);
  if (!match) return undefined;
  const [, host, path] = match as unknown as [string, string, string];
  const encoded = branch.split("/").map(encodeURIComponent).join("/");
  if (host === "github.com") return `https://${host}/${path}/compare/${MAIN}...${encoded}?expand=1`;
  if (/gitlab/.test(host)) return `https://${host}/${path}/-/merge_requests/new?merge_request[source_branch]=${encodeURIComponent(branch)}`;
  if (/gitea|forgejo|codeberg/.test(host)) return `https://${host}/${path}/compare/${MAIN}...${encoded}`;
  return undefined;
}

/** `onto` adds a commit to an existing submission branch (a correction after a rejection). */
export async function submit(space: Workspace, files: readonly string[], asId: string, message: string | undefined, onto?: string): Promise<SubmitResult> {
  if (files.length === 0) throw new RefusalError("Cần ít nhất một tệp để nộp");
  const contents: ContentFile[] = files.map((file) => {
    const absolute = resolve(file);
    const inside = relative(resolve(space.contentDirectory), absolute).split(sep).join("/");
    if (inside.startsWith("..")) throw new RefusalError(`Tệp ${file} không nằm trong thư mục nội dung ${space.contentDirectory}`);
    const stat = lstatSync(absolute);
    const display = `${space.root}${inside}`;
    if (stat.isSymbolicLink()) return { relative: inside, display, size: stat.size, symlink: true };
    return { relative: inside, display, size: stat.size, symlink: false, bytes: readFileSync(absolute) };
  });
  const { issues, model } = checkSubmitted(space.contentDirectory, contents, { root: space.root, today: space.today });
  const submitter = findFocalPoint(model, asId);
  if (!submitter) throw new RefusalError(`Không có đầu mối mã "${asId}" trong bodies/`);
  const refusals = [
    ...issues.map(formatIssue),
    ...ownershipProblems(
      model,
      submitter,
      contents.map((file) => file.relative),
    ),
  ];
  if (refusals.length > 0) throw new RefusalError(`Chưa nộp vì:\n${refusals.join("\n")}`);

  const parent = await repo.refTarget(space.dir, onto ? `refs/heads/${onto}` : MAIN);
  if (!parent) throw new RefusalError(onto ? `Không có nhánh bài nộp "${onto}" trên máy này` : `Kho chưa có nhánh ${MAIN}`);
  const changes = await Promise.all(
    contents.map(async (file) => ({ path: `${space.prefix}${file.relative}`, oid: await repo.writeBlob(space.dir, file.bytes as Uint8Array) })),
  );
  const tree = await repo.editTree(space.dir, await repo.treeOf(space.dir, parent), changes);
  const author = { name: submitter.person.name, email: commitEmail(submitter.person) };
  const first = classifyPath(contents[0]?.relative ?? "");
  const slug = first.kind === "observation" ? first.slug : first.kind === "report" ? `bao-cao-${first.period}-${first.organisation}` : "bai-nop";
  const summary = message ?? `${submitter.body.id}: nộp ${contents.length} tệp`;
  const commit = await repo.writeCommit(space.dir, {
    tree,
    parents: [parent],
    author,
    message: `${summary}\n\nFocal-point: ${submitter.person.id}\nSubmitted-by: ${author.name} <${author.email}>`,
  });
  const base = `${SUBMISSIONS}${submitter.body.unit}/${space.today}-${slugify(slug).slice(0, 60)}`;
  let branch = onto ?? base;
  if (!onto) for (let suffix = 2; await repo.refTarget(space.dir, `refs/heads/${branch}`); suffix++) branch = `${base}-${suffix}`;
  await repo.setBranch(space.dir, branch, commit, onto !== undefined);
  let pushed = false;
  let url: string | undefined;
  if (space.remote) {
    await repo.pushBranch(space.dir, branch, space.remote);
    pushed = true;
    url = pullRequestUrl((await repo.remoteUrl(space.dir, space.remote)) ?? "", branch);
  }
  return { branch, commit, pushed, pullRequestUrl: url };
}

const formatIssue = (issue: ContentIssue): string => formatIssues([issue], "human");

/** Paths the submitter's body may not write, and observations filed for another organisation. */
function ownershipProblems(model: ContentModel, submitter: PersonInBody, paths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const path of paths) {
    const verdict = mayWrite(submitter.body, path);
    if (!verdict.ok) {
      problems.push(`${path}: ${submitter.person.name} (${submitter.body.id}) không được nộp tệp này: tệp ${verdict.reason}`);
      continue;
    }
    const where = classifyPath(path);
    const entry = where.kind === "observation" ? model.observations.get(where.id) : undefined;
    if (entry && entry.organisation !== submitter.body.organisation) {
      problems.push(`${path}: thông tin ghi tổ chức "${entry.organisation}" nhưng người nộp thuộc ${submitter.body.id}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- review

export interface Submission {
  branch: string;
  ref: string;
  tip: string;
  base: string;
  /** Content paths (relative to the content directory) the branch changes. */
  paths: string[];
  deleted: string[];
  /** Paths outside the content directory that the branch changes. */
  outside: string[];
  submitter: PersonInBody | undefined;
  /** Why the branch cannot be accepted as it stands (ownership, forged authorship, content). */
  problems: string[];
  issues: ContentIssue[];
  submittedAt: Date;
  urgent: boolean;
  /** Set when the current tip was returned with a reason. */
  rejection: { reason: string; reviewer: string } | undefined;
  /** For reports: due date and whether the submission came after it. */
  deadline: { due: string; late: boolean } | undefined;
  model: ContentModel;
}

/**
 * The review record of a branch: returned (the tip is the rejected commit), or
 * rewritten after a rejection (the tip no longer contains the rejected commit:
 * a force-push, which would hide what was reviewed). A tip built on top of the
 * rejected commit is a correction and goes through review again.
 */
async function reviewRecord(space: Workspace, branch: string, tip: string): Promise<{ rejection: Submission["rejection"]; rewritten: string | undefined }> {
  for (const ref of [`refs/heads/${REVIEWS}${branch}`, ...(space.remote ? [`refs/remotes/${space.remote}/${REVIEWS}${branch}`] : [])]) {
    const target = await repo.refTarget(space.dir, ref);
    if (!target) continue;
    const info = await repo.readCommitInfo(space.dir, target);
    const rejected = info.parents[0] as string;
    if (rejected === tip) {
      const reason = /\n\n([\s\S]*?)\n\nReviewed-by:/.exec(info.message)?.[1]?.trim() ?? info.message;
      return { rejection: { reason, reviewer: trailer(info.message, "Reviewed-by") ?? info.author.name }, rewritten: undefined };
    }
    if (!(await repo.contains(space.dir, tip, rejected).catch(() => false))) return { rejection: undefined, rewritten: rejected };
    return { rejection: undefined, rewritten: undefined };
  }
  return { rejection: undefined, rewritten: undefined };
}

/** Everything a reviewer needs about one submission branch. */
/** What analysing many submissions shares: the content check of the working tree, main's history, the review records. */
export interface ReviewContext {
  check: ReturnType<typeof prepareSubmittedChecks>;
  /** Every commit reachable from main. */
  mainHistory: ReadonlySet<string>;
  /** Branch names that have a review record. */
  reviewed: ReadonlySet<string>;
}

export async function reviewContext(space: Workspace): Promise<ReviewContext> {
  const main = await repo.refTarget(space.dir, MAIN);
  const records = await repo.listBranchesUnder(space.dir, REVIEWS, space.remote);
  return {
    check: prepareSubmittedChecks(space.contentDirectory, { root: space.root, today: space.today }),
    mainHistory: main ? await repo.reachableFrom(space.dir, main) : new Set(),
    reviewed: new Set(records.map((record) => record.name.slice(REVIEWS.length))),
  };
}

export async function analyse(space: Workspace, branch: string, ref: string, context?: ReviewContext): Promise<Submission | undefined> {
  const shared = context ?? (await reviewContext(space));
  const check = shared.check;
  const tip = await repo.refTarget(space.dir, ref);
  if (!tip) return undefined;
  // Already in main (approved): nothing to review.
  if (shared.mainHistory.has(tip)) return undefined;
  const { base, commits } = await repo.commitsOutside(space.dir, tip, shared.mainHistory);
  if (!base) return undefined;
  const changes = await repo.changedPathsBetween(space.dir, base, tip);
  const inContent = changes.filter((change) => change.path.startsWith(space.prefix));
  const outside = changes.filter((change) => !change.path.startsWith(space.prefix)).map((change) => change.path);
  const paths = inContent.filter((change) => change.change !== "deleted").map((change) => change.path.slice(space.prefix.length));
  const deleted = inContent.filter((change) => change.change === "deleted").map((change) => change.path.slice(space.prefix.length));
  const byPath = new Map(inContent.map((change) => [change.path.slice(space.prefix.length), change]));
  const files: ContentFile[] = await Promise.all(
    paths.map(async (path) => {
      const change = byPath.get(path);
      const display = `${space.root}${path}`;
      if (change?.mode === "120000") return { relative: path, display, size: 0, symlink: true };
      const bytes = change?.oid ? await repo.readBlobBytes(space.dir, change.oid) : new Uint8Array();
      return { relative: path, display, size: bytes.length, symlink: false, bytes };
    }),
  );
  const { issues, model } = check(files);

  const problems: string[] = [];
  const ids = new Set(commits.map((commit) => trailer(commit.message, "Focal-point") ?? ""));
  const [claimed] = [...ids];
  const submitter = claimed ? findFocalPoint(model, claimed) : undefined;
  if (ids.size !== 1 || !claimed) problems.push("các commit không cùng một đầu mối nộp (thiếu hoặc khác nhau ở dòng Focal-point)");
  else if (!submitter) problems.push(`đầu mối "${claimed}" không có trong bodies/`);
  else {
    const expected = `${submitter.person.name} <${commitEmail(submitter.person)}>`;
    const forged = commits.find((commit) => `${commit.author.name} <${commit.author.email}>` !== expected);
    if (forged)
      problems.push(
        `commit ${forged.oid.slice(0, 7)} ghi tác giả "${forged.author.name} <${forged.author.email}>" nhưng tự nhận là đầu mối ${claimed} (${expected}): nghi giả mạo`,
      );
    problems.push(...ownershipProblems(model, submitter, paths));
  }
  for (const path of deleted) problems.push(`${path}: bài nộp không được xóa tệp đã duyệt`);
  for (const path of outside) problems.push(`${path}: bài nộp chỉ được thay đổi tệp trong ${space.prefix || "thư mục nội dung"}`);

  const record = shared.reviewed.has(branch) ? await reviewRecord(space, branch, tip) : { rejection: undefined, rewritten: undefined };
  if (record.rewritten) {
    problems.push(
      `nhánh đã bị viết lại lịch sử (force-push) sau khi bị trả lại ở commit ${record.rewritten.slice(0, 7)}: hãy sửa bằng commit mới trên nhánh cũ (npm run submit -- <tệp> --as <mã> --onto ${branch})`,
    );
  }
  const submittedAt = new Date((commits[0]?.author.timestamp ?? 0) * 1000);
  const observations = paths.map((path) => classifyPath(path)).flatMap((where) => (where.kind === "observation" ? [model.observations.get(where.id)] : []));
  const urgent =
    paths.length > 0 && observations.length === paths.length && observations.every((entry) => entry && (entry as ObservationEntry).urgency !== "thuong-xuyen");
  const report = paths.map((path) => classifyPath(path)).find((where) => where.kind === "report");
  let deadline: Submission["deadline"];
  if (report?.kind === "report" && model.schedule) {
    const period = parsePeriod(report.period);
    const due = period && dueDate(period, model.schedule);
    if (due) deadline = { due, late: submittedAt.toISOString().slice(0, 10) > due };
  }
  return {
    branch,
    ref,
    tip,
    base,
    paths,
    deleted,
    outside,
    submitter,
    problems,
    issues,
    submittedAt,
    urgent,
    rejection: record.rejection,
    deadline,
    model,
  };
}

export async function pendingSubmissions(space: Workspace): Promise<Submission[]> {
  const branches = await repo.listBranchesUnder(space.dir, SUBMISSIONS, space.remote);
  const context = await reviewContext(space);
  const found: (Submission | undefined)[] = [];
  for (const branch of branches) found.push(await analyse(space, branch.name, branch.ref, context));
  return found.filter((submission): submission is Submission => submission !== undefined).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

export async function findSubmission(space: Workspace, name: string): Promise<Submission | undefined> {
  const branch = name.replace(/^refs\/heads\//, "").replace(new RegExp(`^${space.remote ?? "origin"}/`), "");
  const candidates = [`refs/heads/${branch}`, ...(space.remote ? [`refs/remotes/${space.remote}/${branch}`] : [])];
  for (const ref of candidates) if (await repo.refTarget(space.dir, ref)) return analyse(space, branch, ref);
  throw new RefusalError(`Không có bài nộp "${name}" (nhánh ${branch})`);
}

export function reviewerMay(submission: Submission, reviewerId: string): { reviewer: PersonInBody; verdict: ReturnType<typeof mayApprove> } {
  const reviewer = findFocalPoint(submission.model, reviewerId);
  if (!reviewer) throw new RefusalError(`Không có đầu mối mã "${reviewerId}" trong bodies/`);
  if (!submission.submitter) return { reviewer, verdict: { ok: false, reason: "không xác định được người nộp" } };
  return { reviewer, verdict: mayApprove(submission.model, reviewer, submission.submitter, submission.urgent) };
}

export function ageInDays(space: Workspace, submission: Submission): number {
  return daysBetween(submission.submittedAt.toISOString().slice(0, 10), space.today);
}

export function describeDeadline(submission: Submission): string {
  if (!submission.deadline) return "";
  return submission.deadline.late ? `trễ hạn (hạn ${formatDateVi(submission.deadline.due)})` : `đúng hạn (hạn ${formatDateVi(submission.deadline.due)})`;
}

// ---------------------------------------------------------------- approve, reject, sync

export type ApproveResult = { merged: true; commit: string; pushed: boolean; attempts: number } | { merged: false; already: true };

function refuseUnlessClean(submission: Submission): void {
  const problems = [...submission.problems, ...submission.issues.map(formatIssue)];
  if (problems.length > 0) throw new RefusalError(`Không duyệt được ${submission.branch}:\n${problems.join("\n")}\nBài nộp được giữ nguyên để sửa.`);
}

export async function approve(space: Workspace, name: string, reviewerId: string, maxAttempts = 3): Promise<ApproveResult> {
  for (let attempt = 1; ; attempt++) {
    if (space.remote) await sync(space);
    const submission = await findSubmission(space, name);
    if (!submission) return { merged: false, already: true };
    refuseUnlessClean(submission);
    const { reviewer, verdict } = reviewerMay(submission, reviewerId);
    if (!verdict.ok) throw new RefusalError(`Không duyệt được ${submission.branch}: ${verdict.reason}`);
    const main = (await repo.refTarget(space.dir, MAIN)) as string;
    const mainTree = await repo.treeOf(space.dir, main);
    const baseTree = await repo.treeOf(space.dir, submission.base);
    const tipTree = await repo.treeOf(space.dir, submission.tip);
    const changes = [];
    for (const path of submission.paths.map((path) => `${space.prefix}${path}`)) {
      const [onMain, atBase, atTip] = await Promise.all([
        repo.entryAt(space.dir, mainTree, path),
        repo.entryAt(space.dir, baseTree, path),
        repo.entryAt(space.dir, tipTree, path),
      ]);
      if (onMain?.oid !== atBase?.oid && onMain?.oid !== atTip?.oid) {
        throw new RefusalError(
          `Không duyệt được ${submission.branch}: xung đột ở ${path}, tệp đã thay đổi trên ${MAIN} sau khi nộp. Người nộp cần cập nhật bài nộp.`,
        );
      }
      changes.push({ path, oid: atTip?.oid ?? null, mode: atTip?.mode ?? "100644" });
    }
    const tree = await repo.editTree(space.dir, mainTree, changes);
    const submitter = submission.submitter as PersonInBody;
    const reviewerSignature = { name: reviewer.person.name, email: commitEmail(reviewer.person) };
    const commit = await repo.writeCommit(space.dir, {
      tree,
      parents: [main, submission.tip],
      author: reviewerSignature,
      message: [
        `Duyệt ${submission.branch}`,
        "",
        `${submitter.body.id} nộp ${submission.paths.length} tệp; ${reviewer.body.id} duyệt.`,
        "",
        `Submitted-by: ${submitter.person.name} <${commitEmail(submitter.person)}>`,
        `Reviewed-by: ${reviewerSignature.name} <${reviewerSignature.email}>`,
        `Focal-point: ${submitter.person.id}`,
        `Reviewer: ${reviewer.person.id}`,
      ].join("\n"),
    });
    await moveMain(
      space,
      commit,
      changes.map((change) => change.path),
    );
    if (!space.remote) return { merged: true, commit, pushed: false, attempts: attempt };
    try {
      await repo.pushBranch(space.dir, MAIN, space.remote);
      return { merged: true, commit, pushed: true, attempts: attempt };
    } catch (error) {
      // Someone approved another submission first: put main back, fetch, redo on top.
      await moveMain(
        space,
        main,
        changes.map((change) => change.path),
      );
      if (!(error instanceof repo.PushRejected) || attempt >= maxAttempts) throw error;
    }
  }
}

/** Moves `main` and, when it is checked out, the working files of the changed paths. */
async function moveMain(space: Workspace, to: string, paths: string[]): Promise<void> {
  await repo.setBranch(space.dir, MAIN, to, true);
  if ((await repo.currentBranch(space.dir)) === MAIN) await repo.refreshWorkingFiles(space.dir, MAIN, paths);
}

export async function reject(space: Workspace, name: string, reviewerId: string, reason: string): Promise<{ ref: string; pushed: boolean }> {
  if (!reason.trim()) throw new RefusalError("Cần --reason: lý do trả lại để người nộp sửa");
  const submission = await findSubmission(space, name);
  if (!submission) throw new RefusalError(`${name} đã được duyệt vào ${MAIN}: không trả lại được`);
  const { reviewer, verdict } = reviewerMay(submission, reviewerId);
  if (!verdict.ok) throw new RefusalError(`Không trả lại được ${submission.branch}: ${verdict.reason}`);
  const signature = { name: reviewer.person.name, email: commitEmail(reviewer.person) };
  const commit = await repo.writeCommit(space.dir, {
    tree: await repo.treeOf(space.dir, submission.tip),
    parents: [submission.tip],
    author: signature,
    message: `Trả lại ${submission.branch}\n\n${reason.trim()}\n\nReviewed-by: ${signature.name} <${signature.email}>\nReviewer: ${reviewer.person.id}\nRejected-commit: ${submission.tip}`,
  });
  const branch = `${REVIEWS}${submission.branch}`;
  await repo.setBranch(space.dir, branch, commit, true);
  if (space.remote) await repo.pushBranch(space.dir, branch, space.remote);
  return { ref: branch, pushed: space.remote !== undefined };
}

/** Fetches the remote and fast-forwards `main` (never rewrites it). */
export async function sync(space: Workspace): Promise<{ from: string | undefined; to: string | undefined; changed: number }> {
  if (!space.remote) throw new RefusalError("Kho chưa cấu hình máy chủ origin: không có gì để đồng bộ");
  await repo.fetchRemote(space.dir, space.remote);
  const local = await repo.refTarget(space.dir, MAIN);
  const upstream = await repo.refTarget(space.dir, `refs/remotes/${space.remote}/${MAIN}`);
  if (!upstream || local === upstream) return { from: local, to: local, changed: 0 };
  if (local && !(await repo.contains(space.dir, upstream, local))) {
    throw new RefusalError(`${MAIN} trên máy này có commit chưa có trên máy chủ: không thể cập nhật tiến (fast-forward). Hãy đẩy hoặc bỏ các commit đó.`);
  }
  const changed = local ? (await repo.changedPathsBetween(space.dir, local, upstream)).map((change) => change.path) : [];
  await moveMain(space, upstream, changed);
  return { from: local, to: upstream, changed: changed.length };
}
