/**
 * What a Git server accepts (the pre-receive hook): the record's rules judged
 * where the repository lives, so that shared credentials, native Git and a
 * forged trailer cannot get around them. Pure: the hook adapter supplies a
 * reader over the repository (native `git`, which sees the pushed objects in
 * quarantine) and the pushing account.
 *
 * - `main` moves only forward, and only by approval merges: each commit of the
 *   push on main's first-parent line has two parents, the second being the
 *   submission, and brings into `main` exactly files the submission changed.
 *   The submission's commits are all by one focal point (author and trailer
 *   agree), touch only that body's paths, and hold schema-valid content. The
 *   merge names its reviewer (`Reviewer:`), is authored by them, the reviewer is
 *   entitled by the jurisdiction function (data as on `main` before the push),
 *   and the pushing account is that reviewer's. Units, bodies and reference lists
 *   change only when an administrator the data names approves.
 * - `submissions/<unit>/…` branches: every new commit is authored and committed
 *   by the pushing account's focal point, names them in `Focal-point:`, and
 *   changes only their body's paths (or administrative data, which then waits
 *   for an administrator); never rewritten.
 * - `reviews/<branch>`: a rejection record by an entitled reviewer, who pushes it.
 * - Creating `main` in an empty repository: only an administrator named in the
 *   data being pushed.
 * Every refusal is a Vietnamese sentence naming the commit and what is wrong.
 */

import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { isUrgent as isUrgentLevel } from "../content/labels.ts";
import type { ContentFile } from "../content/load-content.ts";
import { loadContent } from "../content/load-content.ts";
import { classifyPath } from "../content/paths.ts";
import { trailer } from "../submissions/commit-trailers.ts";
import {
  accountOf,
  administrators,
  commitEmail,
  findByAccount,
  findFocalPoint,
  isAdministrativePath,
  mayApprove,
  mayApproveAdministrative,
  mayWrite,
  type PersonInBody,
} from "../units/jurisdiction.ts";

export const ZERO = "0000000000000000000000000000000000000000";

export interface Signature {
  name: string;
  email: string;
}

export interface CommitFacts {
  oid: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

export interface FileChange {
  /** Repository-relative path. */
  path: string;
  /** Blob id after the change; undefined when deleted. */
  oid: string | undefined;
  mode: string | undefined;
}

/** What the policy reads from the repository. Synchronous: the hook reads a handful of objects per push. */
export interface RepositoryReader {
  commit(oid: string): CommitFacts;
  /** Commits reachable from `tip` and from none of `exclude`, newest first. */
  commitsBetween(tip: string, exclude: readonly string[]): CommitFacts[];
  isAncestor(ancestor: string, descendant: string): boolean;
  mergeBase(a: string, b: string): string | undefined;
  /** Files that differ between two commits (`from` undefined: the empty tree). */
  changes(from: string | undefined, to: string): FileChange[];
  /** Units, bodies and reference lists of the content folder at a commit (the data the rules judge by). */
  administrativeFiles(commit: string): ContentFile[];
  /** The given repository paths at a commit, as content files (relative to the content folder). */
  filesAt(commit: string, paths: readonly string[]): ContentFile[];
}

export interface RefUpdate {
  ref: string;
  old: string;
  new: string;
}

export type UpdateVerdict = { ref: string; ok: true; note?: string } | { ref: string; ok: false; reasons: string[] };

export interface PushContext {
  reader: RepositoryReader;
  /** The account the server authenticated (REMOTE_USER, or the name an SSH key maps to). */
  account: string | undefined;
  /** Content folder inside the repository, with a trailing `/` (or empty). */
  prefix: string;
  /** The current value of `refs/heads/main`, before this push. */
  main: string | undefined;
}

const short = (oid: string) => oid.slice(0, 7);

/** The content model of the administrative data at a commit, built once per commit. */
function modelCache(reader: RepositoryReader): (commit: string) => ContentModel {
  const models = new Map<string, ContentModel>();
  return (commit) => {
    let model = models.get(commit);
    if (!model) {
      model = loadContent(reader.administrativeFiles(commit)).model;
      models.set(commit, model);
    }
    return model;
  };
}

function pusherIn(model: ContentModel, account: string | undefined): PersonInBody | undefined {
  return account ? findByAccount(model, account) : undefined;
}

const whoIs = (account: string | undefined) => (account ? `Tài khoản "${account}"` : "Người đẩy (máy chủ không cho biết tài khoản)");

function sameSignature(signature: Signature, person: PersonInBody): boolean {
  return signature.name === person.person.name && signature.email === commitEmail(person.person);
}

interface SubmissionFacts {
  submitter: PersonInBody | undefined;
  /** Content-relative paths the submission changes. */
  paths: string[];
  urgent: boolean;
  problems: string[];
}

/**
 * Judges the commits of a submission (tip `tip`, leaving `base`) against the
 * data `model`: one focal point, authored as them, their body's paths, valid content.
 */
function judgeSubmission(context: PushContext, model: ContentModel, tip: string, exclude: readonly string[]): SubmissionFacts {
  const { reader, prefix } = context;
  const problems: string[] = [];
  const commits = reader.commitsBetween(tip, exclude);
  if (commits.length === 0) return { submitter: undefined, paths: [], urgent: false, problems: ["bài nộp không có commit mới nào"] };
  const ids = new Set(commits.map((commit) => trailer(commit.message, "Focal-point") ?? ""));
  const [claimed] = [...ids];
  const submitter = claimed ? findFocalPoint(model, claimed) : undefined;
  if (ids.size !== 1 || !claimed) problems.push("các commit của bài nộp không cùng ghi một đầu mối (dòng Focal-point: thiếu hoặc khác nhau)");
  else if (!submitter) problems.push(`đầu mối "${claimed}" không có trong bodies/`);
  else {
    for (const commit of commits) {
      if (!sameSignature(commit.author, submitter)) {
        problems.push(
          `commit ${short(commit.oid)} ghi tác giả "${commit.author.name} <${commit.author.email}>" nhưng tự nhận là đầu mối ${claimed} (${submitter.person.name} <${commitEmail(submitter.person)}>)`,
        );
      }
    }
  }
  const base = reader.mergeBase(tip, exclude[0] ?? tip);
  const changes = reader.changes(base, tip);
  const paths: string[] = [];
  for (const change of changes) {
    if (!change.path.startsWith(prefix)) {
      problems.push(`${change.path}: bài nộp chỉ được thay đổi tệp trong ${prefix || "thư mục nội dung"}`);
      continue;
    }
    const relative = change.path.slice(prefix.length);
    if (!change.oid) {
      problems.push(`${relative}: bài nộp không được xóa tệp`);
      continue;
    }
    if (change.mode !== "100644") problems.push(`${relative}: chỉ nhận tệp thường (không nhận liên kết, tệp chạy được hay thư mục con Git)`);
    paths.push(relative);
  }
  const files = reader.filesAt(
    tip,
    paths.map((path) => `${prefix}${path}`),
  );
  // Loading judges each file on its own (schema and entry rules), so the submission's files alone give the same
  // issues and entries as loading them over main's data: the data is parsed once per push (modelAt), not twice.
  const loaded = loadContent(files);
  const changed = new Set(files.map((file) => file.display));
  for (const issue of loaded.issues) if (changed.has(issue.file)) problems.push(`${issue.file}:${issue.line}: ${issue.message}`);
  if (submitter) {
    for (const path of paths) {
      if (isAdministrativePath(path)) continue;
      const verdict = mayWrite(submitter.body, path, model);
      if (!verdict.ok) problems.push(`${path}: ${submitter.person.name} (${submitter.body.id}) không được nộp tệp này: tệp ${verdict.reason}`);
      const where = classifyPath(path);
      const entry = where.kind === "observation" ? loaded.model.observations.get(where.id) : undefined;
      if (entry && entry.organisation !== submitter.body.organisation) {
        problems.push(`${path}: thông tin ghi tổ chức "${entry.organisation}" nhưng người nộp thuộc ${submitter.body.id}`);
      }
    }
  }
  const observations = paths
    .map((path) => classifyPath(path))
    .flatMap((where) => (where.kind === "observation" ? [loaded.model.observations.get(where.id)] : []));
  const urgent =
    paths.length > 0 &&
    observations.length === paths.length &&
    observations.every((entry) => entry && isUrgentLevel(loaded.model, (entry as ObservationEntry).urgency));
  return { submitter, paths, urgent, problems };
}

/** One approval merge on main: parents (previous main, submission tip). */
function judgeApproval(context: PushContext, model: ContentModel, merge: CommitFacts): string[] {
  const { reader, prefix, account } = context;
  const where = `commit ${short(merge.oid)}`;
  const [previous, submissionTip] = merge.parents;
  if (merge.parents.length !== 2 || !previous || !submissionTip) {
    return [
      `${where} ("${merge.message.split("\n")[0]}") không phải commit duyệt: main chỉ nhận commit hợp nhất (merge) một bài nộp đã được người có thẩm quyền duyệt, không nhận đẩy thẳng`,
    ];
  }
  const problems: string[] = [];
  const reviewerId = trailer(merge.message, "Reviewer");
  const reviewer = reviewerId ? findFocalPoint(model, reviewerId) : undefined;
  if (!reviewerId) problems.push(`${where}: thiếu dòng "Reviewer: <mã-đầu-mối>" của người duyệt`);
  else if (!reviewer) problems.push(`${where}: người duyệt "${reviewerId}" không có trong bodies/`);
  else {
    if (!sameSignature(merge.author, reviewer))
      problems.push(
        `${where}: tác giả "${merge.author.name} <${merge.author.email}>" không phải người duyệt ${reviewer.person.name} <${commitEmail(reviewer.person)}> mà commit ghi tên`,
      );
    if (account !== accountOf(reviewer.person))
      problems.push(
        `${where} ghi người duyệt là ${reviewer.person.name} (${reviewerId}), nhưng ${whoIs(account).toLowerCase()} đẩy lên: chỉ chính người duyệt được đẩy commit duyệt của mình (nghi giả mạo dòng Reviewed-by/Reviewer)`,
      );
  }
  const submission = judgeSubmission(context, model, submissionTip, [previous]);
  problems.push(...submission.problems.map((problem) => `bài nộp ${short(submissionTip)}: ${problem}`));
  // The merge brings in exactly the submission's files, as submitted.
  const submitted = new Set(submission.paths.map((path) => `${prefix}${path}`));
  const tipFiles = new Map(reader.changes(reader.mergeBase(submissionTip, previous), submissionTip).map((change) => [change.path, change.oid]));
  for (const change of reader.changes(previous, merge.oid)) {
    if (!submitted.has(change.path) || tipFiles.get(change.path) !== change.oid) {
      problems.push(`${where}: thay đổi ${change.path} không có trong bài nộp (commit duyệt chỉ được đưa vào đúng các tệp đã nộp)`);
    }
  }
  if (reviewer && submission.submitter) {
    const administrative = submission.paths.filter(isAdministrativePath);
    if (administrative.length > 0) {
      const verdict = mayApproveAdministrative(model, reviewer, submission.submitter.person.id);
      if (!verdict.ok) problems.push(`${where}: thay đổi ${administrative.join(", ")}: ${verdict.reason}`);
    }
    if (administrative.length < submission.paths.length) {
      const verdict = mayApprove(model, reviewer, submission.submitter, submission.urgent);
      if (!verdict.ok) problems.push(`${where}: ${verdict.reason}`);
    }
  }
  return problems;
}

function judgeMain(context: PushContext, update: RefUpdate, modelAt: (commit: string) => ContentModel): string[] {
  const { reader, account } = context;
  if (update.new === ZERO) return ["không được xóa nhánh main"];
  if (update.old === ZERO) {
    if (context.main) return ["main đã có trên máy chủ"];
    // Bootstrap of an empty repository: the data pushed names who administers it.
    const model = modelAt(update.new);
    const pusher = pusherIn(model, account);
    if (pusher && administrators(model).has(pusher.person.id)) return [];
    return [`${whoIs(account)} không phải quản trị viên trong dữ liệu được đẩy (administrators của MTTQ cấp tỉnh): không tạo được main`];
  }
  if (!reader.isAncestor(update.old, update.new)) {
    return [
      `main trên máy chủ không được viết lại lịch sử (force-push): ${short(update.new)} không nối tiếp ${short(update.old)}. Hãy đồng bộ (dan-y sync) rồi duyệt lại.`,
    ];
  }
  // The push's commits on main's first-parent line, oldest first.
  const line: CommitFacts[] = [];
  for (let oid = update.new; oid !== update.old; ) {
    const commit = reader.commit(oid);
    line.unshift(commit);
    const first = commit.parents[0];
    if (!first) return [`commit ${short(oid)} không nối tiếp main trên máy chủ theo nhánh cha thứ nhất`];
    oid = first;
  }
  const problems: string[] = [];
  for (const merge of line) problems.push(...judgeApproval(context, modelAt(merge.parents[0] as string), merge));
  return problems;
}

function judgeSubmissionBranch(context: PushContext, update: RefUpdate, modelAt: (commit: string) => ContentModel): string[] {
  const { reader, account, main } = context;
  const branch = update.ref.slice("refs/heads/".length);
  if (!main) return ["máy chủ chưa có main: chưa nhận bài nộp"];
  const model = modelAt(main);
  const pusher = pusherIn(model, account);
  if (!pusher) return [`${whoIs(account)} không phải đầu mối nào trong bodies/ (trường account, hoặc mã đầu mối)`];
  const unit = branch.split("/")[1];
  if (update.new === ZERO) {
    const mayDelete = unit === pusher.body.unit || administrators(model).has(pusher.person.id);
    return mayDelete ? [] : [`${pusher.person.name} không được xóa bài nộp của đơn vị "${unit}"`];
  }
  const problems: string[] = [];
  if (unit !== pusher.body.unit) problems.push(`nhánh ${branch} thuộc đơn vị "${unit}", không phải của ${pusher.person.name} (${pusher.body.id})`);
  if (update.old !== ZERO && !reader.isAncestor(update.old, update.new)) {
    problems.push(`không được viết lại lịch sử bài nộp ${branch} (force-push): hãy sửa bằng commit mới nối tiếp`);
  }
  const newCommits = reader.commitsBetween(update.new, [main, ...(update.old !== ZERO ? [update.old] : [])]);
  for (const commit of newCommits) {
    const claimed = trailer(commit.message, "Focal-point");
    if (!sameSignature(commit.author, pusher) || !sameSignature(commit.committer, pusher)) {
      problems.push(
        `commit ${short(commit.oid)}: tác giả "${commit.author.name} <${commit.author.email}>", người commit "${commit.committer.name} <${commit.committer.email}>" không phải ${pusher.person.name} <${commitEmail(pusher.person)}> đang đẩy`,
      );
    }
    if (claimed !== pusher.person.id)
      problems.push(`commit ${short(commit.oid)}: dòng Focal-point ghi "${claimed ?? "(không có)"}", không phải ${pusher.person.id}`);
  }
  const submission = judgeSubmission(context, model, update.new, [main]);
  // Authorship was judged per commit above, against the pusher; here the paths and the content.
  for (const problem of submission.problems) if (!/^commit .* ghi tác giả/.test(problem)) problems.push(problem);
  return problems;
}

function judgeReviewRecord(context: PushContext, update: RefUpdate, modelAt: (commit: string) => ContentModel): string[] {
  const { reader, account, main } = context;
  if (!main) return ["máy chủ chưa có main"];
  const model = modelAt(main);
  const pusher = pusherIn(model, account);
  if (!pusher) return [`${whoIs(account)} không phải đầu mối nào trong bodies/`];
  if (update.new === ZERO) return administrators(model).has(pusher.person.id) ? [] : ["chỉ quản trị viên được xóa bản ghi trả lại"];
  const record = reader.commit(update.new);
  const problems: string[] = [];
  const rejected = record.parents[0];
  if (!sameSignature(record.author, pusher) || trailer(record.message, "Reviewer") !== pusher.person.id) {
    problems.push(`bản ghi trả lại ${short(record.oid)} phải do chính ${pusher.person.name} viết và ghi "Reviewer: ${pusher.person.id}"`);
  }
  if (!rejected) return [...problems, "bản ghi trả lại phải nối tiếp commit bị trả lại"];
  if (reader.changes(rejected, record.oid).length > 0) problems.push("bản ghi trả lại không được thay đổi tệp nào");
  const submission = judgeSubmission(context, model, rejected, [main]);
  if (submission.submitter) {
    const verdict = mayApprove(model, pusher, submission.submitter, submission.urgent);
    if (!verdict.ok) problems.push(verdict.reason);
  }
  return problems;
}

/** Judges every ref update of one push. */
export function judgePush(context: PushContext, updates: readonly RefUpdate[]): UpdateVerdict[] {
  const modelAt = modelCache(context.reader);
  return updates.map((update) => {
    let reasons: string[];
    if (update.ref === "refs/heads/main") reasons = judgeMain(context, update, modelAt);
    else if (update.ref.startsWith("refs/heads/submissions/")) reasons = judgeSubmissionBranch(context, update, modelAt);
    else if (update.ref.startsWith("refs/heads/reviews/submissions/")) reasons = judgeReviewRecord(context, update, modelAt);
    else reasons = [`máy chủ chỉ nhận main, submissions/<đơn-vị>/… và reviews/submissions/…; không nhận ${update.ref}`];
    return reasons.length === 0 ? { ref: update.ref, ok: true } : { ref: update.ref, ok: false, reasons };
  });
}

/** The lines a refused push prints (git shows each as `remote: …`). */
export function refusalText(verdicts: readonly UpdateVerdict[]): string {
  const lines: string[] = [];
  for (const verdict of verdicts) {
    if (verdict.ok) continue;
    lines.push(`Dân ý: từ chối cập nhật ${verdict.ref.replace(/^refs\/heads\//, "")}:`);
    for (const reason of verdict.reasons) lines.push(`  - ${reason}`);
  }
  if (lines.length > 0) lines.push("Không có thay đổi nào được ghi lên máy chủ.");
  return lines.join("\n");
}
