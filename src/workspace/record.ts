/**
 * The workspace's one door to the Git record (`src/adapters/submissions.ts`):
 * every submission, approval and return goes through here, as the signed-in
 * focal point, one write at a time in this process (the Git module's locks and
 * compare-and-swap guard against other processes). A change of the Git
 * module's signatures is one edit in this file.
 *
 * Reads are shared: one review context per main commit (its history grown
 * incrementally), one analysis per branch tip, and the approved model updated
 * with only the files an approval changed.
 */
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import * as git from "../adapters/git.ts";
import {
  analyse,
  approve,
  MAIN,
  openWorkspace,
  type ReviewContext,
  reject,
  reviewContext,
  SUBMISSIONS,
  type Submission,
  submitFiles,
  sync,
  type Workspace,
} from "../adapters/submissions.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { classifyPath } from "../core/content/paths.ts";
import { GitError, RefusalError } from "../core/errors.ts";

export type { Submission };

export interface RecordOptions {
  /** The content directory of the served working copy. */
  contentDirectory: string;
  /** ISO date of today (tests fix it). */
  today: () => string;
}

export class ServedRecord {
  readonly contentDirectory: string;
  readonly #today: () => string;
  #space: Workspace | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #model: { main: string; model: ContentModel } | undefined;
  #context: ReviewContext | undefined;
  #contextKey = "";
  #analysed = new Map<string, Submission | undefined>();
  /** The main the analyses were made against, and whether this process moved it since (then only touched paths are stale). */
  #analysedMain = "";
  /** Called after main moved, with the content paths changed. */
  onApproved: (paths: string[]) => void = () => {};

  constructor(options: RecordOptions) {
    this.contentDirectory = options.contentDirectory;
    this.#today = options.today;
  }

  async space(): Promise<Workspace> {
    this.#space ??= await openWorkspace(this.contentDirectory, this.#today());
    return { ...this.#space, today: this.#today() };
  }

  /** Runs writes one after another in this process. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async mainCommit(): Promise<string> {
    const space = await this.space();
    return (await git.refTarget(space.dir, MAIN)) ?? "";
  }

  /** The approved content (main's working copy) with texts; after an approval only the changed files are read again. */
  async model(): Promise<ContentModel> {
    const main = await this.mainCommit();
    if (this.#model?.main !== main) {
      const directory = this.contentDirectory;
      this.#model = { main, model: loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model };
    }
    return this.#model.model;
  }

  /** Reads the given approved files into the model in place (after this process moved main). */
  #refreshModel(paths: readonly string[], main: string): void {
    if (!this.#model) return;
    const entries = paths.filter((path) => ["observation", "report"].includes(classifyPath(path).kind));
    if (entries.length !== paths.length) {
      this.#model = undefined;
      return;
    }
    const fresh = loadContent(readContentFiles(this.contentDirectory, entries), { keepBodies: true }).model;
    for (const [id, entry] of fresh.observations) this.#model.model.observations.set(id, entry);
    for (const [id, entry] of fresh.reports) this.#model.model.reports.set(id, entry);
    this.#model.main = main;
  }

  /** The review context of the current main and review records, built on the previous one. */
  async context(): Promise<ReviewContext> {
    const space = await this.space();
    const main = await this.mainCommit();
    const reviews = (await git.listBranchesUnder(space.dir, "reviews/", space.remote)).length;
    const key = `${main}@${reviews}`;
    if (!this.#context || this.#contextKey !== key) {
      this.#context = await reviewContext(space, this.#context);
      this.#contextKey = key;
    }
    return this.#context;
  }

  /** The same validation as `check` and `submit` of one file not yet written, against the approved tree. */
  async check(relative: string, text: string): Promise<ContentIssue[]> {
    const space = await this.space();
    const bytes = Buffer.from(text, "utf8");
    const { issues } = await (await this.context()).check([{ relative, display: `${space.root}${relative}`, size: bytes.length, symlink: false, bytes }]);
    return issues;
  }

  /** Paths claimed by sends from this process (cheaper than analysing every new branch before each send). */
  #reserved = new Set<string>();

  /** Whether a path is taken: on main, or on a pending submission already analysed. */
  async #takenElsewhere(relative: string): Promise<boolean> {
    if ((await this.textAt(await this.mainCommit(), relative)) !== undefined) return true;
    if (this.#analysed.size === 0) await this.#pending(await this.space());
    return [...this.#analysed.values()].some((submission) => submission?.paths.includes(relative));
  }

  /**
   * The first free path among `relative`, `-2`, `-3`…: each candidate is claimed
   * in the same synchronous step that finds it unclaimed, so two sends at once
   * never pick the same path, and neither waits for the other's Git writes.
   */
  async #claimPath(relative: string): Promise<string> {
    for (let suffix = 1; ; suffix++) {
      const path = suffix === 1 ? relative : relative.replace(/\.md$/, `-${suffix}.md`);
      if (this.#reserved.has(path)) continue;
      this.#reserved.add(path);
      if (!(await this.#takenElsewhere(path))) return path;
    }
  }

  /**
   * Sends one file as a new submission, or as a correction on `onto` (bytes in
   * hand; the working copy is not touched). A new file whose path another
   * submission or main already holds (two bodies of a commune recording the same
   * title on the same day) gets the next free `-2`, `-3`…. Sends run side by
   * side: each writes its own objects and creates its own branch (a
   * compare-and-swap on a new ref); only approvals, which move main, queue.
   */
  async send(personId: string, relative: string, text: string, message: string, onto?: string): Promise<{ branch: string; commit: string; path: string }> {
    const path = onto ? relative : await this.#claimPath(relative);
    try {
      const result = await submitFiles(await this.space(), [{ relative: path, bytes: Buffer.from(text, "utf8") }], personId, message, onto);
      return { branch: result.branch, commit: result.commit, path };
    } catch (error) {
      // Refused or failed: nothing was sent, the path is free again.
      if (!onto) this.#reserved.delete(path);
      throw error;
    }
  }

  approve(branch: string, reviewerId: string): Promise<string> {
    return this.#serial(async () => {
      const space = await this.space();
      const submission = (await this.#pending(space)).find((candidate) => candidate.branch === branch);
      const result = await approve(space, branch, reviewerId);
      if (!result.merged) return "";
      const paths = submission?.paths ?? [];
      this.#refreshModel(paths, result.commit);
      // Only the analyses of submissions touching the approved paths can have changed (a conflict, a duplicate).
      for (const [key, analysed] of this.#analysed) if (!analysed || analysed.paths.some((path) => paths.includes(path))) this.#analysed.delete(key);
      this.#analysedMain = result.commit;
      this.onApproved(paths);
      return result.commit;
    });
  }

  reject(branch: string, reviewerId: string, reason: string): Promise<void> {
    return this.#serial(async () => {
      await reject(await this.space(), branch, reviewerId, reason);
    });
  }

  #syncedAt = 0;
  #syncing: Promise<void> | undefined;

  /**
   * With a remote: fetches it (and fast-forwards main) at most every
   * `DAN_Y_SYNC_SECONDS` (15 by default), so what others push to the Git server
   * (submissions from the command line, approvals on the forge) shows here. A
   * server out of reach is said once per attempt and the page is served from
   * what is here.
   */
  #syncIfDue(space: Workspace): Promise<void> {
    if (!space.remote) return Promise.resolve();
    const every = Number(process.env.DAN_Y_SYNC_SECONDS ?? 15) * 1000;
    if (this.#syncing || Date.now() - this.#syncedAt < every) return this.#syncing ?? Promise.resolve();
    this.#syncing = this.#serial(async () => {
      try {
        await sync(space);
      } catch (error) {
        if (!(error instanceof GitError || error instanceof RefusalError)) throw error;
        space.notice(`Chưa đồng bộ được với máy chủ Git (${error.message}); bàn làm việc dùng bản đang có.`);
      }
    }).finally(() => {
      this.#syncedAt = Date.now();
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  /** Every pending submission, analysed as the command line does; an analysis is reused while main, the branch and its review record stay put. */
  async pending(): Promise<Submission[]> {
    const space = await this.space();
    await this.#syncIfDue(space);
    return this.#pending(space);
  }

  /** The same without syncing first (inside the write queue, where a sync would wait for itself). */
  async #pending(space: Workspace): Promise<Submission[]> {
    const context = await this.context();
    // Main moved by someone else (a sync, another process): every analysis is stale.
    if (context.main !== this.#analysedMain) {
      this.#analysed.clear();
      this.#analysedMain = context.main ?? "";
    }
    const branches = await git.listBranchesUnder(space.dir, SUBMISSIONS, space.remote);
    const found: Submission[] = [];
    const live = new Set<string>();
    for (const branch of branches) {
      const tip = (await git.refTarget(space.dir, branch.ref)) ?? "";
      if (context.mainHistory.has(tip)) continue;
      // Most branches have no review record: only those the context lists are looked up.
      const review = context.reviewed.has(branch.name) ? await this.#reviewTip(space, branch.name) : "";
      const key = `${branch.ref}@${tip}@${review}`;
      live.add(key);
      if (!this.#analysed.has(key)) this.#analysed.set(key, await analyse(space, branch.name, branch.ref, context));
      const submission = this.#analysed.get(key);
      if (submission) found.push(submission);
    }
    for (const key of this.#analysed.keys()) if (!live.has(key)) this.#analysed.delete(key);
    return found.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  }

  async #reviewTip(space: Workspace, branch: string): Promise<string> {
    const local = await git.refTarget(space.dir, `refs/heads/reviews/${branch}`);
    if (local || !space.remote) return local ?? "";
    return (await git.refTarget(space.dir, `refs/remotes/${space.remote}/reviews/${branch}`)) ?? "";
  }

  async find(branch: string): Promise<Submission | undefined> {
    return (await this.pending()).find((submission) => submission.branch === branch);
  }

  /** A file's text at a commit, or undefined. */
  async textAt(commit: string, relative: string): Promise<string | undefined> {
    const space = await this.space();
    const bytes = await git.readFileAt(space.dir, commit, `${space.prefix}${relative}`);
    return bytes ? Buffer.from(bytes).toString("utf8") : undefined;
  }
}
