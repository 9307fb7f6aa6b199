/**
 * Submission and review over Git (plan IV.2): a submission is a branch
 * `submissions/<unit>/<date>-<slug>` with commits by one focal point touching
 * only that body's paths; approval is a merge into `main` by a reviewing body;
 * a rejection is a commit on `reviews/<branch>` carrying the reason.
 *
 * Each action reads what it judges from Git objects (the tree of `main` and of
 * the submission, never the working folder), decides in the pure core
 * (`src/core/submissions/`), then writes in an order a crash cannot break:
 * objects, then the ref (a compare-and-swap under its lock; a racing writer
 * makes this one re-read and redo its work on top), then the working files and
 * the index, recorded in a journal beforehand so the next command completes them.
 */
import { type Dirent, existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { daysBetween, formatDateVi, vietnamDay } from "../core/calendar/dates.ts";
import { formatIssues } from "../core/check/format-issues.ts";
import { type ContentIssue, isError } from "../core/content/content-issue.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import type { ContentFile } from "../core/content/load-content.ts";
import { classifyPath } from "../core/content/paths.ts";
import { slugify } from "../core/content/slugify.ts";
import { GitError, RefusalError } from "../core/errors.ts";
import { authorship } from "../core/submissions/authorship.ts";
import { branchProblems, REVIEWS, SUBMISSIONS, submissionBranch } from "../core/submissions/branch-name.ts";
import { escapeForDisplay } from "../core/submissions/display-text.ts";
import { hostileTreeProblems } from "../core/submissions/hostile-tree.ts";
import { planMerge } from "../core/submissions/merge-plan.ts";
import { approvalMessage, readRejection, rejectionMessage, type Signed, submissionMessage } from "../core/submissions/messages.ts";
import { ownershipProblems, scopeProblems } from "../core/submissions/ownership.ts";
import { formatProblem, type Problem, problem } from "../core/submissions/problem.ts";
import { deadlineOf, isUrgent, reviewVerdict } from "../core/submissions/routing.ts";
import { commitEmail, findFocalPoint, type PersonInBody, type ReviewVerdict } from "../core/units/jurisdiction.ts";
import { displayRoot } from "./content-files.ts";
import * as repo from "./git.ts";
import {
  crashPoint,
  fsyncDirectoryAsync,
  gitDirOf,
  hasWorkingTree,
  lockIsStale,
  type Notice,
  packedRefs,
  processAlive,
  readRefValue,
  stderrNotice,
  writeFileAtomicAsync,
} from "./git-store.ts";
// RUN_ID tells this process's own journal entries from those of an earlier process that had the same pid.
import { RUN_ID } from "./pid-lock.ts";
import { prepareTreeChecks, type TreeCheck } from "./submissions-check.ts";
import { followerOf, followMain } from "./working-copy-follower.ts";

export { REVIEWS, SUBMISSIONS } from "../core/submissions/branch-name.ts";
export type { Problem } from "../core/submissions/problem.ts";
export { formatProblem } from "../core/submissions/problem.ts";
export { workingCopySettled, workingCopyWritten } from "./working-copy-follower.ts";

export const MAIN = "main";

/**
 * The named steps at which `DAN_Y_CRASH_AT=<step>` kills the process (tests):
 * after the objects, while holding the ref's lock, after the ref moved, after
 * the working files (before the index), after the index.
 */
export const CRASH_STEPS = {
  submit: ["submit:after-objects", "submit:ref-locked", "submit:after-ref"],
  approve: ["approve:after-objects", "approve:ref-locked", "approve:after-ref", "approve:before-index", "approve:after-files"],
} as const;

export interface Workspace {
  /** Repository root (the git directory itself for a bare repository). */
  dir: string;
  /** Content directory on disk (absent in a bare repository). */
  contentDirectory: string;
  /** Content directory relative to the repository root, ending in `/` (or empty). */
  prefix: string;
  /** Display root of content paths. */
  root: string;
  today: string;
  /** Remote to push to and fetch from, when one is configured. */
  remote: string | undefined;
  /** Where repairs made on the way (a stale lock removed, an interrupted approval completed) are reported; stderr by default. */
  notice: Notice;
  /**
   * When true (the workspace server), an action that moves `main` returns once
   * `main` has moved, and the working files follow in the background, several
   * approvals at once (`workingCopySettled` says when); the journal keeps that
   * safe across a crash. Otherwise (the command line) they follow before it returns.
   */
  followLater?: boolean;
}

export async function openWorkspace(contentDirectory: string, today: string, options: { notice?: Notice } = {}): Promise<Workspace> {
  const absolute = realpathSync(resolve(contentDirectory));
  const dir = await repo.findRepositoryRoot(absolute);
  const inside = relative(dir, absolute).split(sep).join("/");
  const space: Workspace = {
    dir,
    contentDirectory,
    prefix: inside === "" ? "" : `${inside}/`,
    root: displayRoot(contentDirectory),
    today,
    remote: (await repo.remoteUrl(dir)) ? "origin" : undefined,
    notice: options.notice ?? stderrNotice,
  };
  await completeInterrupted(space);
  return space;
}

/**
 * A repository opened by its folder, bare or not (a server holding the
 * record); `prefix` is the content folder inside it (`content/`).
 */
export async function openRepository(dir: string, prefix: string, today: string, options: { notice?: Notice; root?: string } = {}): Promise<Workspace> {
  const normalised = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  const space: Workspace = {
    dir,
    contentDirectory: join(dir, normalised),
    prefix: normalised,
    root: options.root ?? normalised,
    today,
    remote: (await repo.remoteUrl(dir)) ? "origin" : undefined,
    notice: options.notice ?? stderrNotice,
  };
  await completeInterrupted(space);
  return space;
}

// ---------------------------------------------------------------- journal of working-copy updates

/**
 * Before `main` moves, the paths whose working files must follow are written
 * to `dan-y/journal/<commit>.json` in the git directory; the entry is removed
 * once the files and the index are written. An entry left by a process that
 * died tells the next command what to complete (main moved) or drop (it did not).
 */
interface JournalEntry {
  pid: number;
  /**
   * This run of the writing process: a restarted container gives the next server the same pid,
   * and its predecessor's entries must then be completed, not taken for its own.
   */
  run?: string;
  from: string | undefined;
  to: string;
  paths: string[];
  action: string;
}

/** Whether the entry's writer is still at work: another live process, or this very run. */
const writerAtWork = (entry: JournalEntry): boolean => (entry.pid === process.pid ? entry.run === RUN_ID : processAlive(entry.pid));

const journalFolder = (space: Workspace) => join(gitDirOf(space.dir), "dan-y", "journal");

async function writeJournal(space: Workspace, entry: JournalEntry): Promise<string> {
  const file = join(journalFolder(space), `${entry.to}-${process.pid}.json`);
  await writeFileAtomicAsync(file, JSON.stringify(entry));
  // The entry must outlive a power cut that comes after main has moved: its folder's new name is flushed too.
  await fsyncDirectoryAsync(dirname(file));
  return file;
}

/** Whether the working copy has `main` checked out (a bare repository has no working files to follow). */
async function workingCopyOnMain(space: Workspace): Promise<boolean> {
  return hasWorkingTree(space.dir) && (await repo.currentBranch(space.dir)) === MAIN;
}

/** Completes or drops what a command that died left in the journal, saying so. */
export async function completeInterrupted(space: Workspace): Promise<{ completed: number; dropped: number }> {
  const folder = journalFolder(space);
  if (!existsSync(folder)) return { completed: 0, dropped: 0 };
  let completed = 0;
  let dropped = 0;
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (!name.endsWith(".json")) {
      // A temporary file of a journal write that never finished; one naming no writer is left to its age.
      const writer = /-(\d+)-[0-9a-f]+$/.exec(name)?.[1];
      if (lockIsStale(file) || (writer !== undefined && !processAlive(Number(writer)))) rmSync(file, { force: true });
      continue;
    }
    let entry: JournalEntry;
    try {
      entry = JSON.parse(readFileSync(file, "utf8")) as JournalEntry;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (writerAtWork(entry)) continue;
    const main = await repo.refTarget(space.dir, MAIN);
    const moved = main !== undefined && (await repo.contains(space.dir, main, entry.to).catch(() => false));
    if (moved) {
      try {
        if (await workingCopyOnMain(space)) await repo.refreshWorkingFiles(space.dir, MAIN, entry.paths, space.notice);
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        space.notice(`Chưa ghi lại được tệp làm việc của lệnh ${entry.action} trước đó (${error.message}); sẽ thử lại ở lệnh sau.`);
        continue;
      }
      space.notice(
        `Lệnh ${entry.action} trước đó đã cập nhật ${MAIN} (commit ${entry.to.slice(0, 7)}) nhưng dừng trước khi ghi xong ${entry.paths.length} tệp làm việc: đã ghi lại cho đủ.`,
      );
      completed++;
    } else {
      space.notice(`Lệnh ${entry.action} trước đó dừng trước khi cập nhật ${MAIN}: chưa có gì thay đổi, có thể chạy lại.`);
      dropped++;
    }
    rmSync(file, { force: true });
  }
  return { completed, dropped };
}

/**
 * Moves `main` from `from` to `to` (compare-and-swap: `RefMoved` when another
 * writer moved it first) and, when it is checked out, the working files of the
 * changed paths after it. `objects`: the write of the objects `to` needs, under
 * way; the journal entry is flushed beside it, and the ref moves once both are
 * on disk (neither needs the other: an entry whose commit never reached main is dropped).
 */
async function moveMain(space: Workspace, from: string | undefined, to: string, paths: string[], action: string, objects?: Promise<void>): Promise<void> {
  const onMain = await workingCopyOnMain(space);
  const [entry, written] = await Promise.allSettled([
    onMain ? writeJournal(space, { pid: process.pid, run: RUN_ID, from, to, paths, action }) : Promise.resolve(undefined),
    objects,
  ]);
  const journal = entry.status === "fulfilled" ? entry.value : undefined;
  try {
    if (entry.status === "rejected") throw entry.reason;
    if (written.status === "rejected") throw written.reason;
    await repo.updateBranch(space.dir, MAIN, from, to, { notice: space.notice, step: action });
  } catch (error) {
    if (journal) rmSync(journal, { force: true });
    throw error;
  }
  crashPoint(`${action}:after-ref`);
  if (!journal) return;
  const follow = { journal, paths, action };
  if (space.followLater) followerOf(space).add(follow);
  else await followMain(space, [follow]);
}

// ---------------------------------------------------------------- submit

export interface SubmitResult {
  branch: string;
  commit: string;
  pushed: boolean;
  pullRequestUrl: string | undefined;
  /** True when an earlier, interrupted submit of the same files had already made this branch. */
  resumed: boolean;
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

const formatIssue = (issue: ContentIssue): string => formatIssues([issue], "human");

const signed = (who: PersonInBody): Signed => ({ id: who.person.id, name: who.person.name, email: commitEmail(who.person), body: who.body.id });

/** A file to submit: its path relative to the content folder and its bytes (undefined: a symlink, never read). */
export interface SubmittedFile {
  relative: string;
  bytes: Uint8Array | undefined;
}

/** `onto` adds a commit to an existing submission branch (a correction after a rejection). Files are paths on disk inside the content folder. */
export async function submit(space: Workspace, files: readonly string[], asId: string, message: string | undefined, onto?: string): Promise<SubmitResult> {
  if (files.length === 0) throw new RefusalError("Cần ít nhất một tệp để nộp");
  const contents: SubmittedFile[] = files.map((file) => {
    const absolute = resolve(file);
    const inside = relative(resolve(space.contentDirectory), absolute).split(sep).join("/");
    if (inside.startsWith("..")) throw new RefusalError(`Tệp ${file} không nằm trong thư mục nội dung ${space.contentDirectory}`);
    const stat = lstatSync(absolute);
    return { relative: inside, bytes: stat.isSymbolicLink() ? undefined : readFileSync(absolute) };
  });
  return submitFiles(space, contents, asId, message, onto);
}

/** The same with the files' bytes in hand (the workspace's forms, a bare repository). */
export async function submitFiles(
  space: Workspace,
  contents: readonly SubmittedFile[],
  asId: string,
  message: string | undefined,
  onto?: string,
): Promise<SubmitResult> {
  if (contents.length === 0) throw new RefusalError("Cần ít nhất một tệp để nộp");
  // Read: main (or the branch corrected) and its tree, once.
  const parent = await repo.refTarget(space.dir, onto ? `refs/heads/${onto}` : MAIN);
  if (!parent) throw new RefusalError(onto ? `Không có nhánh bài nộp "${onto}" trên máy này` : `Kho chưa có nhánh ${MAIN}`);
  const main = (await repo.refTarget(space.dir, MAIN)) ?? parent;
  const mainTree = await repo.treeOf(space.dir, main);
  const prepared = await prepareTreeChecks(space.dir, mainTree, space.prefix, { root: space.root, today: space.today });

  // Decide: the hostile-tree rules first, then the content check and ownership.
  const submitter = findFocalPoint(prepared.shared, asId);
  if (!submitter) throw new RefusalError(`Không có đầu mối mã "${asId}" trong bodies/`);
  const hostile = hostileTreeProblems(
    contents.map((file) => ({ path: `${space.prefix}${file.relative}`, mode: file.bytes === undefined ? "120000" : "100644" })),
    space.prefix,
  ).filter((found) => !found.message.includes("symlink"));
  if (hostile.length > 0) throw new RefusalError(`Chưa nộp vì:\n${hostile.map(formatProblem).join("\n")}`);
  const files: ContentFile[] = contents.map((file) => {
    const display = `${space.root}${file.relative}`;
    return file.bytes === undefined
      ? { relative: file.relative, display, size: 0, symlink: true }
      : { relative: file.relative, display, size: file.bytes.length, symlink: false, bytes: file.bytes };
  });
  const { issues, model } = await prepared.check(files);
  // Warnings do not stop a submission (check passes with them); they are said on the way.
  for (const warning of issues.filter((issue) => !isError(issue))) space.notice(formatIssue(warning));
  const refusals = [
    ...issues.filter(isError).map(formatIssue),
    ...ownershipProblems(
      model,
      submitter,
      contents.map((file) => file.relative),
    ).map(formatProblem),
  ];
  if (refusals.length > 0) throw new RefusalError(`Chưa nộp vì:\n${refusals.join("\n")}`);

  // Write: objects, then the branch (compare-and-swap), then the push.
  // Hashed first and written together once the commit is known: one flush round before the ref moves.
  const objects = new repo.ObjectBatch();
  const changes = contents.map((file) => ({ path: `${space.prefix}${file.relative}`, oid: objects.add("blob", file.bytes as Uint8Array) }));
  const tree = await repo.editTree(space.dir, await repo.treeOf(space.dir, parent), changes, objects);
  const author = { name: submitter.person.name, email: commitEmail(submitter.person) };
  const first = classifyPath(contents[0]?.relative ?? "");
  const slug = first.kind === "observation" ? first.slug : first.kind === "report" ? `bao-cao-${first.period}-${first.organisation}` : "bai-nop";
  const summary = message ?? `${submitter.body.id}: nộp ${contents.length} tệp`;
  const base = submissionBranch(submitter.body.unit, space.today, slugify(slug));
  const resumed = onto ? undefined : await interruptedSubmission(space, base, tree, parent, author);
  let branch = onto ?? resumed?.branch ?? base;
  let commit = resumed?.commit ?? "";
  if (!resumed) {
    commit = await repo.writeCommit(space.dir, { tree, parents: [parent], author, message: submissionMessage(summary, signed(submitter)) }, objects);
    await repo.writeBatch(space.dir, objects);
    crashPoint("submit:after-objects");
    for (let suffix = 2; ; suffix++) {
      try {
        await repo.updateBranch(space.dir, branch, onto ? parent : undefined, commit, { notice: space.notice, step: "submit" });
        break;
      } catch (error) {
        if (!(error instanceof repo.RefMoved)) throw error;
        if (onto) throw new RefusalError(`Nhánh ${onto} vừa có commit mới từ một lệnh khác: hãy chạy lại lệnh nộp`);
        branch = `${base}-${suffix}`;
      }
    }
    crashPoint("submit:after-ref");
  } else space.notice(`Lần nộp trước của đúng các tệp này đã tạo nhánh ${branch} rồi dừng giữa chừng: dùng lại nhánh đó.`);
  let pushed = false;
  let url: string | undefined;
  if (space.remote) {
    await repo.pushBranch(space.dir, branch, space.remote);
    pushed = true;
    url = pullRequestUrl((await repo.remoteUrl(space.dir, space.remote)) ?? "", branch);
  }
  return { branch, commit, pushed, pullRequestUrl: url, resumed: resumed !== undefined };
}

/** A branch `base` or `base-N` whose tip is exactly this submission (same tree, parent and author): a submit that stopped before it said so. */
async function interruptedSubmission(
  space: Workspace,
  base: string,
  tree: string,
  parent: string,
  author: { name: string; email: string },
): Promise<{ branch: string; commit: string } | undefined> {
  for (let suffix = 1; ; suffix++) {
    const branch = suffix === 1 ? base : `${base}-${suffix}`;
    const tip = await repo.refTarget(space.dir, `refs/heads/${branch}`);
    if (!tip) return undefined;
    const info = await repo.readCommitInfo(space.dir, tip).catch(() => undefined);
    if (info && info.tree === tree && info.parents.length === 1 && info.parents[0] === parent && info.author.email === author.email) {
      return { branch, commit: tip };
    }
  }
}

// ---------------------------------------------------------------- review

export interface Submission {
  branch: string;
  /** The branch name as shown: control and bidirectional characters escaped. */
  displayBranch: string;
  ref: string;
  tip: string;
  base: string;
  /** Content paths (relative to the content directory) the branch changes. */
  paths: string[];
  deleted: string[];
  /** Paths outside the content directory that the branch changes. */
  outside: string[];
  submitter: PersonInBody | undefined;
  /** Why the branch cannot be accepted as it stands (hostile tree, ownership, forged authorship). */
  problems: Problem[];
  /** True when the submission is refused whatever its content: a hostile tree or branch name (refused before any blob is read), or commits not by the focal point they name. */
  refused: boolean;
  issues: ContentIssue[];
  submittedAt: Date;
  urgent: boolean;
  /** Set when the current tip was returned with a reason. */
  rejection: { reason: string; reviewer: string } | undefined;
  /** For reports: due date and whether the submission came after it. */
  deadline: { due: string; late: boolean } | undefined;
  model: ContentModel;
}

/** What analysing many submissions shares, read once: main, the check against its tree, its history, the review records. */
export interface ReviewContext {
  /** The commit of main these answers are about. */
  main: string | undefined;
  mainTree: string | undefined;
  check: TreeCheck;
  /** The model of main's shared files (units, bodies, reference lists). */
  shared: ContentModel;
  /** Every commit reachable from main. */
  mainHistory: ReadonlySet<string>;
  /** Branch names that have a review record. */
  reviewed: ReadonlySet<string>;
}

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export async function reviewContext(space: Workspace, earlier?: ReviewContext): Promise<ReviewContext> {
  const main = await repo.refTarget(space.dir, MAIN);
  const mainTree = main ? await repo.treeOf(space.dir, main) : undefined;
  const prepared = await prepareTreeChecks(space.dir, mainTree ?? EMPTY_TREE, space.prefix, { root: space.root, today: space.today });
  // Read from the ref folders directly: isomorphic-git's listing stats every branch (hundreds of pending submissions).
  const records = [...branchTips(space, REVIEWS).keys()];
  return {
    main,
    mainTree,
    check: prepared.check,
    shared: prepared.shared,
    mainHistory: !main ? new Set() : earlier?.mainHistory.has(main) ? earlier.mainHistory : await repo.reachableFrom(space.dir, main, earlier?.mainHistory),
    reviewed: new Set(records.map((record) => record.slice(REVIEWS.length))),
  };
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
    if (rejected === tip) return { rejection: readRejection(info.message, info.author.name), rewritten: undefined };
    if (!(await repo.contains(space.dir, tip, rejected).catch(() => false))) return { rejection: undefined, rewritten: rejected };
    return { rejection: undefined, rewritten: undefined };
  }
  return { rejection: undefined, rewritten: undefined };
}

function refusedSubmission(
  branch: string,
  ref: string,
  facts: { tip: string; base?: string | undefined; submitter?: PersonInBody | undefined; submittedAt?: Date; model: ContentModel },
  problems: Problem[],
): Submission {
  return {
    branch,
    displayBranch: escapeForDisplay(branch),
    ref,
    tip: facts.tip,
    base: facts.base ?? "",
    paths: [],
    deleted: [],
    outside: [],
    submitter: facts.submitter,
    problems,
    refused: true,
    issues: [],
    submittedAt: facts.submittedAt ?? new Date(0),
    urgent: false,
    rejection: undefined,
    deadline: undefined,
    model: facts.model,
  };
}

/** Everything a reviewer needs about one submission branch, read from its objects and main's. Undefined when it is already in main. */
export async function analyse(space: Workspace, branch: string, ref: string, context?: ReviewContext): Promise<Submission | undefined> {
  const shared = context ?? (await reviewContext(space));
  const tip = await repo.refTarget(space.dir, ref);
  if (!tip) return undefined;
  // Already in main (approved): nothing to review.
  if (shared.mainHistory.has(tip)) return undefined;
  const { base, commits } = await repo.commitsOutside(space.dir, tip, shared.mainHistory);
  const submittedAt = new Date((commits[0]?.author.timestamp ?? 0) * 1000);
  const who = authorship(shared.shared, commits);
  const facts = { tip, base, submitter: who.submitter, submittedAt, model: shared.shared };
  if (!base) return refusedSubmission(branch, ref, facts, [problem(escapeForDisplay(branch), "nhánh không bắt nguồn từ lịch sử của main")]);

  // Before anything else: the branch name and every entry the submission adds, from the trees alone.
  const changes = await repo.changedPathsBetween(space.dir, base, tip);
  const added = changes.filter((change) => change.change !== "deleted");
  const hostile = [
    ...branchProblems(branch, who.submitter?.body.unit),
    ...hostileTreeProblems(
      added.map((change) => ({ path: change.path, mode: change.mode ?? "100644" })),
      space.prefix,
    ).filter((found) => !found.message.startsWith("bài nộp chỉ được thay đổi tệp trong")),
  ];
  if (hostile.length > 0) return refusedSubmission(branch, ref, facts, [...hostile, ...who.problems]);

  const inContent = changes.filter((change) => change.path.startsWith(space.prefix));
  const outside = changes.filter((change) => !change.path.startsWith(space.prefix)).map((change) => change.path);
  const paths = inContent.filter((change) => change.change !== "deleted").map((change) => change.path.slice(space.prefix.length));
  const deleted = inContent.filter((change) => change.change === "deleted").map((change) => change.path.slice(space.prefix.length));
  const byPath = new Map(inContent.map((change) => [change.path.slice(space.prefix.length), change]));
  const files: ContentFile[] = await Promise.all(
    paths.map(async (path) => {
      const change = byPath.get(path);
      const display = `${space.root}${path}`;
      const bytes = change?.oid ? await repo.readBlobBytes(space.dir, change.oid) : new Uint8Array();
      return { relative: path, display, size: bytes.length, symlink: false, bytes };
    }),
  );
  const { issues, model } = await shared.check(files);

  const problems: Problem[] = [...who.problems];
  if (who.submitter) problems.push(...ownershipProblems(model, who.submitter, paths));
  problems.push(...scopeProblems(deleted, outside, space.prefix));
  const record = shared.reviewed.has(branch) ? await reviewRecord(space, branch, tip) : { rejection: undefined, rewritten: undefined };
  if (record.rewritten) {
    problems.push(
      problem(
        "",
        `nhánh đã bị viết lại lịch sử (force-push) sau khi bị trả lại ở commit ${record.rewritten.slice(0, 7)}: hãy sửa bằng commit mới trên nhánh cũ (dan-y submit <tệp> --as <mã> --onto ${branch})`,
      ),
    );
  }
  return {
    branch,
    displayBranch: escapeForDisplay(branch),
    ref,
    tip,
    base,
    paths,
    deleted,
    outside,
    submitter: who.submitter,
    problems,
    // Forged authorship is refused outright, like a hostile tree: nothing the submitter can fix in the content.
    refused: who.problems.length > 0,
    issues,
    submittedAt,
    urgent: isUrgent(model, paths),
    rejection: record.rejection,
    deadline: deadlineOf(model, paths, vietnamDay(submittedAt)),
    model,
  };
}

/**
 * The branches under `prefix` (local, then the remote's tracking branches not
 * also local) with their tips, in one pass over the ref folders and
 * `packed-refs`: a server listing hundreds of pending submissions on every page
 * would otherwise resolve each ref on its own. A damaged ref has tip "".
 */
export function branchTips(space: Workspace, prefix: string): Map<string, { ref: string; tip: string }> {
  const gitdir = gitDirOf(space.dir);
  const packed = packedRefs(gitdir);
  const found = new Map<string, { ref: string; tip: string }>();
  const under = (root: string) => {
    const refs = new Set<string>();
    for (const ref of packed.keys()) if (ref.startsWith(`${root}${prefix}`)) refs.add(ref);
    const walk = (folder: string) => {
      let entries: Dirent[];
      try {
        entries = readdirSync(join(gitdir, folder), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const ref = `${folder}/${entry.name}`;
        if (entry.isDirectory()) walk(ref);
        else if (!entry.name.endsWith(".lock")) refs.add(ref);
      }
    };
    walk(`${root}${prefix}`.replace(/\/$/, ""));
    for (const ref of [...refs].sort()) {
      const name = ref.slice(root.length);
      if (found.has(name)) continue;
      const value = readRefValue(gitdir, ref);
      found.set(name, { ref, tip: value === undefined || value === "broken" ? "" : value });
    }
  };
  under("refs/heads/");
  if (space.remote) under(`refs/remotes/${space.remote}/`);
  return found;
}

/** Every pending submission; one that cannot be read (a damaged object, a hostile tree) is listed as refused, never stops the list. */
export async function pendingSubmissions(space: Workspace, context?: ReviewContext): Promise<Submission[]> {
  const branches = await repo.listBranchesUnder(space.dir, SUBMISSIONS, space.remote);
  const shared = context ?? (await reviewContext(space));
  const found: (Submission | undefined)[] = [];
  for (const branch of branches) {
    try {
      if (!(await repo.refTarget(space.dir, branch.ref))) {
        // Listed but unreadable: an empty or damaged ref (a crash of an older version, a hand edit).
        found.push(
          refusedSubmission(branch.name, branch.ref, { tip: "", model: shared.shared, submittedAt: new Date(`${space.today}T00:00:00Z`) }, [
            problem("", "nhánh hỏng (tham chiếu rỗng hoặc không đọc được): chạy dan-y doctor để khôi phục"),
          ]),
        );
        continue;
      }
      found.push(await analyse(space, branch.name, branch.ref, shared));
    } catch (error) {
      if (!(error instanceof GitError || error instanceof RefusalError)) throw error;
      const tip = (await repo.refTarget(space.dir, branch.ref)) ?? "";
      found.push(
        refusedSubmission(branch.name, branch.ref, { tip, model: shared.shared, submittedAt: new Date(`${space.today}T00:00:00Z`) }, [
          problem("", `không đọc được bài nộp: ${error.message}`),
        ]),
      );
    }
  }
  return found.filter((submission): submission is Submission => submission !== undefined).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

export async function findSubmission(space: Workspace, name: string, context?: ReviewContext): Promise<Submission | undefined> {
  const branch = name.replace(/^refs\/heads\//, "").replace(new RegExp(`^${space.remote ?? "origin"}/`), "");
  const candidates = [`refs/heads/${branch}`, ...(space.remote ? [`refs/remotes/${space.remote}/${branch}`] : [])];
  for (const ref of candidates) if (await repo.refTarget(space.dir, ref)) return analyse(space, branch, ref, context);
  throw new RefusalError(`Không có bài nộp "${escapeForDisplay(name)}" (nhánh ${escapeForDisplay(branch)})`);
}

export function reviewerMay(submission: Submission, reviewerId: string): { reviewer: PersonInBody; verdict: ReviewVerdict } {
  const reviewer = findFocalPoint(submission.model, reviewerId);
  if (!reviewer) throw new RefusalError(`Không có đầu mối mã "${reviewerId}" trong bodies/`);
  return { reviewer, verdict: reviewVerdict(submission.model, reviewer, submission.submitter, submission.urgent) };
}

export function ageInDays(space: Workspace, submission: Submission): number {
  return daysBetween(vietnamDay(submission.submittedAt), space.today);
}

export function describeDeadline(submission: Submission): string {
  if (!submission.deadline) return "";
  return submission.deadline.late ? `trễ hạn (hạn ${formatDateVi(submission.deadline.due)})` : `đúng hạn (hạn ${formatDateVi(submission.deadline.due)})`;
}

/** One line for a list: returned, refused (with the first reason), invalid, or waiting. */
export function describeStatus(submission: Submission): string {
  if (submission.rejection) return `bị trả lại: ${submission.rejection.reason}`;
  if (submission.refused) {
    const [first] = submission.problems;
    const more = submission.problems.length > 1 ? ` (và ${submission.problems.length - 1} lỗi khác)` : "";
    return `bị từ chối: ${first ? formatProblem(first) : "bài nộp không hợp lệ"}${more}`;
  }
  const errors = submission.problems.length + submission.issues.filter(isError).length;
  if (errors > 0) return `không hợp lệ (${errors} lỗi)`;
  return "hợp lệ, chờ duyệt";
}

// ---------------------------------------------------------------- approve, reject, sync

/** A merged approval names its own merge commit and the content paths (relative to the content folder) it brought into main. */
export type ApproveResult = { merged: true; commit: string; pushed: boolean; attempts: number; paths: string[] } | { merged: false; already: true };

/** One approval asked for: the submission branch and the focal point approving it. */
export interface ApprovalRequest {
  name: string;
  reviewerId: string;
}

function refuseUnlessClean(submission: Submission): void {
  const problems = [...submission.problems.map(formatProblem), ...submission.issues.filter(isError).map(formatIssue)];
  if (problems.length > 0) throw new RefusalError(`Không duyệt được ${submission.displayBranch}:\n${problems.join("\n")}\nBài nộp được giữ nguyên để sửa.`);
}

/** How many times an approval re-reads main and merges again on top when other approvals keep landing first. */
export const APPROVAL_ATTEMPTS = 40;

/** A merge commit made in a round, not yet on main: what it merges, its tree, the objects to write and the paths whose working files change. */
interface Link {
  submission: Submission;
  commit: string;
  tree: string;
  objects: repo.ObjectBatch;
  changed: string[];
}

/**
 * The merge commit of one approval onto the main of `context` (a real one, or
 * the previous link of a round), judged and made exactly as a lone approval:
 * refused (`RefusalError`) as it would be; undefined when that main has it already.
 */
async function mergeOnto(space: Workspace, request: ApprovalRequest, context: ReviewContext): Promise<Link | undefined> {
  const submission = await findSubmission(space, request.name, context);
  if (!submission) return undefined;
  refuseUnlessClean(submission);
  const { reviewer, verdict } = reviewerMay(submission, request.reviewerId);
  if (!verdict.ok) throw new RefusalError(`Không duyệt được ${submission.displayBranch}: ${verdict.reason}`);
  const main = context.main;
  if (!main || !context.mainTree) throw new RefusalError(`Kho chưa có nhánh ${MAIN}`);
  const mainTree = context.mainTree;
  const [baseTree, tipTree] = await Promise.all([repo.treeOf(space.dir, submission.base), repo.treeOf(space.dir, submission.tip)]);
  const versions = await Promise.all(
    submission.paths.map(async (relativePath) => {
      const path = `${space.prefix}${relativePath}`;
      const [onMain, atBase, atTip] = await Promise.all([
        repo.entryAt(space.dir, mainTree, path),
        repo.entryAt(space.dir, baseTree, path),
        repo.entryAt(space.dir, tipTree, path),
      ]);
      return { path, onMain: onMain?.oid, atBase: atBase?.oid, atTip: atTip && { oid: atTip.oid, mode: atTip.mode } };
    }),
  );
  const plan = planMerge(submission.displayBranch, versions);
  if (!plan.ok) throw new RefusalError(plan.conflicts.map((conflict) => conflict.message).join("\n"));

  const objects = new repo.ObjectBatch();
  const tree = await repo.editTree(space.dir, mainTree, plan.changes, objects);
  const submitter = submission.submitter as PersonInBody;
  const reviewerSignature = { name: reviewer.person.name, email: commitEmail(reviewer.person) };
  const commit = await repo.writeCommit(
    space.dir,
    {
      tree,
      parents: [main, submission.tip],
      author: reviewerSignature,
      message: approvalMessage(submission.branch, submission.paths.length, signed(submitter), signed(reviewer)),
    },
    objects,
  );
  return { submission, commit, tree, objects, changed: plan.changes.map((change) => change.path) };
}

/**
 * The review context of main once `link` is on it, before anything is written:
 * the check against the link's tree (its new trees are held in memory by the
 * Git module), and main's history with the link and its branch's commits.
 */
async function contextAfter(space: Workspace, context: ReviewContext, link: Link): Promise<ReviewContext> {
  const prepared = await prepareTreeChecks(space.dir, link.tree, space.prefix, { root: space.root, today: space.today });
  const mainHistory = await repo.reachableFrom(space.dir, link.submission.tip, context.mainHistory);
  mainHistory.add(link.commit);
  return { ...context, main: link.commit, mainTree: link.tree, check: prepared.check, shared: prepared.shared, mainHistory };
}

const rejected = (reason: unknown): PromiseRejectedResult => ({ status: "rejected", reason });

/**
 * Approves several submissions in one round (the workspace's reviewers
 * approving at once): each is judged as a lone approval would be, against the
 * main it lands on, so a later one sees the files of the earlier ones (a
 * conflict or duplicate with them is refused as it would be one after another);
 * a refused one gets its own refusal and does not stop the others. The
 * accepted ones become a chain of merge commits in the order asked, each
 * exactly the commit a lone approval makes (parents, message, trailers), and
 * reach main together: one object write, one journal entry, one
 * compare-and-swap (one push of the chain's end first, with a remote). When
 * main moved meanwhile, the chain is made again on the new main. The outcomes
 * come in the order of `requests`.
 */
export async function approveRound(
  space: Workspace,
  requests: readonly ApprovalRequest[],
  maxAttempts = APPROVAL_ATTEMPTS,
  earlier?: ReviewContext,
): Promise<PromiseSettledResult<ApproveResult>[]> {
  if (space.remote) await sync(space);
  // The real main the round starts from; links build contexts of their own on it, never handed back as a real one.
  let start = await reviewContext(space, earlier);
  for (let attempt = 1; ; attempt++) {
    // Read and decide, each request against the main it would land on.
    const outcomes: PromiseSettledResult<ApproveResult>[] = [];
    const links: { index: number; link: Link }[] = [];
    let context = start;
    for (const [index, request] of requests.entries()) {
      try {
        const link = await mergeOnto(space, request, context);
        if (!link) {
          outcomes[index] = { status: "fulfilled", value: { merged: false, already: true } };
          continue;
        }
        context = await contextAfter(space, context, link);
        links.push({ index, link });
      } catch (error) {
        // Only this request's: nothing is written yet, and the next one builds on the last accepted link.
        outcomes[index] = rejected(error);
      }
    }
    const end = links.at(-1)?.link;
    if (!end) return outcomes;

    // Write: every link's objects at once (the journal entry flushed beside them), then main (compare-and-swap) from the round's start to the chain's end, then the working files.
    const objects = new repo.ObjectBatch();
    for (const { link } of links) objects.objects.push(...link.objects.objects);
    const paths = [...new Set(links.flatMap(({ link }) => link.changed))];
    try {
      const written = repo.writeBatch(space.dir, objects).then(() => crashPoint("approve:after-objects"));
      // Handled where it is awaited; this keeps a failure that comes before then from counting as unhandled.
      written.catch(() => undefined);
      if (space.remote) {
        await written;
        // The server's fast-forward check is the compare-and-swap; main here follows once the server has it.
        await repo.pushCommit(space.dir, end.commit, MAIN, space.remote);
        crashPoint("approve:after-push");
        await repo.setTrackingRef(space.dir, space.remote, MAIN, end.commit);
        await moveMain(space, start.main, end.commit, paths, "approve").catch(async (error) => {
          if (!(error instanceof repo.RefMoved)) throw error;
          await sync(space);
        });
      } else await moveMain(space, start.main, end.commit, paths, "approve", written);
      for (const { index, link } of links) {
        outcomes[index] = {
          status: "fulfilled",
          value: { merged: true, commit: link.commit, pushed: space.remote !== undefined, attempts: attempt, paths: link.submission.paths },
        };
      }
      return outcomes;
    } catch (error) {
      const raced = error instanceof repo.RefMoved || error instanceof repo.PushRejected;
      if (!raced || attempt >= maxAttempts) {
        // The round's write failed for every accepted approval alike; the refused ones keep their own answer.
        for (const { index, link } of links) {
          outcomes[index] = rejected(
            raced
              ? new RefusalError(
                  `Không duyệt được ${link.submission.displayBranch}: ${MAIN} liên tục được các lượt duyệt khác cập nhật (${attempt} lần thử). Chưa có gì thay đổi; hãy chạy lại lệnh duyệt.`,
                )
              : error,
          );
        }
        return outcomes;
      }
      // Someone else's approval landed first: re-read main and make the chain again on top.
      if (space.remote) await sync(space);
      start = await reviewContext(space, start);
      // Exponential back-off with jitter: losers spread out instead of racing again all at once (through a server a round trip is long).
      const cap = space.remote ? 2000 : 200;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(cap, (space.remote ? 40 : 4) * 2 ** attempt)));
    }
  }
}

/** One approval: a round of one. `earlier`: a review context the caller holds (the workspace's), built on rather than read again from the start. */
export async function approve(
  space: Workspace,
  name: string,
  reviewerId: string,
  maxAttempts = APPROVAL_ATTEMPTS,
  earlier?: ReviewContext,
): Promise<ApproveResult> {
  const [outcome] = await approveRound(space, [{ name, reviewerId }], maxAttempts, earlier);
  if (!outcome) throw new Error("approveRound answered no outcome for its one request");
  if (outcome.status === "rejected") throw outcome.reason;
  return outcome.value;
}

export async function reject(space: Workspace, name: string, reviewerId: string, reason: string): Promise<{ ref: string; pushed: boolean }> {
  if (!reason.trim()) throw new RefusalError("Cần --reason: lý do trả lại để người nộp sửa");
  const submission = await findSubmission(space, name);
  if (!submission) throw new RefusalError(`${escapeForDisplay(name)} đã được duyệt vào ${MAIN}: không trả lại được`);
  const { reviewer, verdict } = reviewerMay(submission, reviewerId);
  if (!verdict.ok) throw new RefusalError(`Không trả lại được ${submission.displayBranch}: ${verdict.reason}`);
  const commit = await repo.writeCommit(space.dir, {
    tree: await repo.treeOf(space.dir, submission.tip),
    parents: [submission.tip],
    author: { name: reviewer.person.name, email: commitEmail(reviewer.person) },
    message: rejectionMessage(submission.branch, reason, signed(reviewer), submission.tip),
  });
  crashPoint("reject:after-objects");
  const branch = `${REVIEWS}${submission.branch}`;
  const previous = await repo.refTarget(space.dir, `refs/heads/${branch}`);
  try {
    await repo.updateBranch(space.dir, branch, previous, commit, { notice: space.notice, step: "reject" });
  } catch (error) {
    if (!(error instanceof repo.RefMoved)) throw error;
    throw new RefusalError(`Bài nộp ${submission.displayBranch} vừa được một người duyệt khác trả lại cùng lúc: hãy xem lại bằng dan-y review list`);
  }
  if (space.remote) await repo.pushBranch(space.dir, branch, space.remote);
  return { ref: branch, pushed: space.remote !== undefined };
}

/** Fetches the remote and fast-forwards `main` (never rewrites it). */
export async function sync(space: Workspace): Promise<{ from: string | undefined; to: string | undefined; changed: number }> {
  if (!space.remote) throw new RefusalError("Kho chưa cấu hình máy chủ origin: không có gì để đồng bộ");
  await repo.fetchRemote(space.dir, space.remote);
  for (let attempt = 1; ; attempt++) {
    const local = await repo.refTarget(space.dir, MAIN);
    const upstream = await repo.refTarget(space.dir, `refs/remotes/${space.remote}/${MAIN}`);
    if (!upstream || local === upstream) return { from: local, to: local, changed: 0 };
    if (local && !(await repo.contains(space.dir, upstream, local))) {
      // Already further than the server (this machine approved and the server has it too, or not yet): nothing to take.
      if (await repo.contains(space.dir, local, upstream)) return { from: local, to: local, changed: 0 };
      throw new RefusalError(`${MAIN} trên máy này có commit chưa có trên máy chủ: không thể cập nhật tiến (fast-forward). Hãy đẩy hoặc bỏ các commit đó.`);
    }
    const changed = local ? (await repo.changedPathsBetween(space.dir, local, upstream)).map((change) => change.path) : [];
    try {
      await moveMain(space, local, upstream, changed, "sync");
      return { from: local, to: upstream, changed: changed.length };
    } catch (error) {
      if (!(error instanceof repo.RefMoved) || attempt >= 5) throw error;
    }
  }
}
