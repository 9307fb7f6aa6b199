/**
 * The workspace's one door to the Git record (`src/adapters/submissions.ts`):
 * every submission, approval and return goes through here, as the signed-in
 * focal point, one write at a time in this process (the Git module's locks and
 * compare-and-swap guard against other processes); the approvals asked for
 * while a write is under way go in together as the next round. A change of
 * the Git module's signatures is one edit in this file.
 *
 * Reads are shared: one review context per main commit (its history grown
 * incrementally), one analysis per branch tip, and the approved model updated
 * with only the files an approval changed.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import * as git from "../adapters/git.ts";
import {
  type ApprovalRequest,
  type ApproveResult,
  analyse,
  approveRound,
  branchTips,
  MAIN,
  openWorkspace,
  REVIEWS,
  type ReviewContext,
  reject,
  reviewContext,
  SUBMISSIONS,
  type Submission,
  submitFiles,
  sync,
  type Workspace,
  workingCopySettled,
  workingCopyWritten,
} from "../adapters/submissions.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { type ContentFile, type LoadOptions, loadContent } from "../core/content/load-content.ts";
import { parseMarkdown } from "../core/content/markdown-file.ts";
import { classifyPath } from "../core/content/paths.ts";
import { GitError, RefusalError } from "../core/errors.ts";

export type { Submission };

/**
 * After reading the whole record (100k files: gigabytes read and parsed,
 * nearly all of it garbage at once), a full collection now returns that memory
 * to the system instead of keeping the heap grown to its peak until the
 * collector next finds the server idle.
 */
function releaseLoadGarbage(): void {
  // `dan-y start` runs the server with --expose-gc; elsewhere (tests) the flag is set now and a new context has `gc`.
  let collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  }
  collect?.();
}

/** The served model holds observations lean (no YAML text, no bodies, repeated values shared): see `withBody`. */
const LEAN: LoadOptions = { compact: true };

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
    // The working files follow main in the background: an approval answers once main has moved (the journal covers a crash).
    this.#space ??= { ...(await openWorkspace(this.contentDirectory, this.#today())), followLater: true };
    return { ...this.#space, today: this.#today() };
  }

  /** Resolves when the working copy's writing pass has ended: true when every approval of this process is written, false when some wait for a retry. */
  async workingCopySettled(): Promise<boolean> {
    return workingCopySettled(await this.space());
  }

  /** Resolves once the working copy has every approval of this process written, after retries (the site's publish waits for it). */
  async workingCopyWritten(): Promise<void> {
    await workingCopyWritten(await this.space());
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

  #loading: Promise<ContentModel> | undefined;

  /**
   * The approved content (main's working copy) with texts. After this process
   * approves, only the approved files are read again; when main moved otherwise
   * (a sync, another process), only the files changed between the two commits.
   * A page asking while an approval is being written waits for it rather than
   * reading the whole tree again, and pages asking at once share one read.
   */
  async model(): Promise<ContentModel> {
    let main = await this.mainCommit();
    if (this.#model && this.#model.main !== main) {
      await this.#queue;
      main = await this.mainCommit();
    }
    if (this.#model?.main === main) return this.#model.model;
    if (!this.#loading) {
      this.#loading = this.#load(main).finally(() => {
        this.#loading = undefined;
      });
    }
    return this.#loading;
  }

  #memo: { main: string; values: Map<string, unknown> } | undefined;

  /**
   * A value computed from the approved model, kept until main moves: what the
   * home page shows each body (reports owed, follow-ups overdue) would
   * otherwise be computed again on every visit.
   */
  async perMain<T>(key: string, compute: (model: ContentModel) => T | Promise<T>): Promise<T> {
    const model = await this.model();
    const main = this.#model?.main ?? "";
    if (this.#memo?.main !== main) this.#memo = { main, values: new Map() };
    const values = this.#memo.values;
    if (!values.has(key)) values.set(key, await compute(model));
    return values.get(key) as T;
  }

  #byBody: { main: string; entries: Map<string, ObservationEntry[]> } | undefined;

  /** The approved observations of one body (`unit/organisation`), from an index made once per main commit, not per page. */
  async observationsOf(bodyId: string): Promise<ObservationEntry[]> {
    const model = await this.model();
    const main = this.#model?.main ?? "";
    if (this.#byBody?.main !== main) {
      const entries = new Map<string, ObservationEntry[]>();
      for (const entry of model.observations.values()) {
        const key = `${entry.unit}/${entry.organisation}`;
        const list = entries.get(key);
        if (list) list.push(entry);
        else entries.set(key, [entry]);
      }
      this.#byBody = { main, entries };
    }
    return this.#byBody.entries.get(bodyId) ?? [];
  }

  async #load(main: string): Promise<ContentModel> {
    const known = this.#model;
    if (known?.main && main) {
      const space = await this.space();
      const changes = await git.changedPathsBetween(space.dir, known.main, main);
      const inside = changes.filter((change) => change.path.startsWith(space.prefix));
      const relative = (path: string) => path.slice(space.prefix.length);
      const entries = inside.every((change) => ["observation", "report"].includes(classifyPath(relative(change.path)).kind));
      if (entries && inside.length === changes.length) {
        for (const change of inside.filter((candidate) => candidate.change === "deleted")) {
          const where = classifyPath(relative(change.path));
          if (where.kind === "observation") known.model.observations.delete(where.id);
          if (where.kind === "report") known.model.reports.delete(where.id);
        }
        await this.#refreshModel(
          inside.filter((change) => change.change !== "deleted").map((change) => relative(change.path)),
          main,
        );
        if (this.#model?.main === main) return this.#model.model;
      }
    }
    // Read from the working copy, once every approval of this process is written to it.
    await this.workingCopySettled();
    const directory = this.contentDirectory;
    this.#model = { main, model: loadContent(readContentFiles(directory, listContentPaths(directory)), LEAN).model };
    releaseLoadGarbage();
    return this.#model.model;
  }

  /** Reads the given approved files, from main's tree at `main`, into the model in place. */
  async #refreshModel(paths: readonly string[], main: string): Promise<void> {
    if (!this.#model) return;
    const entries = paths.filter((path) => ["observation", "report"].includes(classifyPath(path).kind));
    if (entries.length !== paths.length) {
      this.#model = undefined;
      return;
    }
    const space = await this.space();
    const files: ContentFile[] = [];
    for (const path of entries) {
      const bytes = await git.readFileAt(space.dir, main, `${space.prefix}${path}`);
      if (bytes) files.push({ relative: path, display: `${space.root}${path}`, size: bytes.length, symlink: false, bytes });
    }
    if (!this.#model) return;
    const fresh = loadContent(files, LEAN).model;
    for (const [id, entry] of fresh.observations) this.#model.model.observations.set(id, entry);
    for (const [id, entry] of fresh.reports) this.#model.model.reports.set(id, entry);
    // A new identity for the changed model: what the core keeps per model (window tallies, report indexes) is dropped with it.
    this.#model.model = { ...this.#model.model };
    this.#model.main = main;
  }

  /**
   * An approved observation with its Markdown body, read from main when asked
   * (the model holds none: 100k bodies, and the file texts their strings would
   * keep alive, were most of the server's memory).
   */
  async withBody(entry: ObservationEntry): Promise<ObservationEntry> {
    const relative = entry.source.file.replace(/^.*?observations\//, "observations/");
    const text = await this.textAt(await this.mainCommit(), relative);
    const parsed = text === undefined ? undefined : parseMarkdown(text);
    return parsed?.ok ? { ...entry, body: parsed.parts.body } : entry;
  }

  /** The review context of the current main and review records, built on the previous one. */
  async context(): Promise<ReviewContext> {
    const space = await this.space();
    const main = await this.mainCommit();
    const reviews = branchTips(space, REVIEWS);
    const key = `${main}@${[...reviews.keys()].join(",")}`;
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
      // A new branch joins the current listing; a correction moves a listed one, so the next page lists again.
      if (onto) this.#wrote();
      else this.#sent.push({ name: result.branch, ref: `refs/heads/${result.branch}`, at: performance.now() });
      return { branch: result.branch, commit: result.commit, path };
    } catch (error) {
      // Refused or failed: nothing was sent, the path is free again.
      if (!onto) this.#reserved.delete(path);
      throw error;
    }
  }

  /** Approvals asked for and not yet in a round: the next round takes every one of them. */
  #waitingApprovals: { request: ApprovalRequest; resolve: (commit: string) => void; reject: (error: unknown) => void }[] = [];

  /**
   * Approves a branch (its merge commit, or "" when main has it already).
   * Approvals asked for while a write is under way wait together and go in as
   * one round (`approveRound`: one chain of merge commits, one move of main),
   * each answered with its own commit or its own refusal.
   */
  approve(branch: string, reviewerId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      // The first approval waiting queues a round; those arriving before it starts join it.
      const waiting = this.#waitingApprovals.push({ request: { name: branch, reviewerId }, resolve, reject });
      if (waiting === 1) void this.#serial(() => this.#approvalRound());
    });
  }

  /** One round of every approval waiting (never throws: each caller gets its own outcome). */
  async #approvalRound(): Promise<void> {
    const round = this.#waitingApprovals.splice(0);
    if (process.env.DAN_Y_DEBUG_ROUNDS) process.stderr.write(`[approval round] ${round.length}\n`);
    let outcomes: PromiseSettledResult<ApproveResult>[];
    try {
      const space = await this.space();
      outcomes = await approveRound(
        space,
        round.map((waiting) => waiting.request),
        undefined,
        await this.context(),
      );
      this.#wrote();
      const merged = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" && outcome.value.merged ? [outcome.value] : []));
      if (merged.length > 0) await this.#approved(space, merged);
    } catch (error) {
      for (const waiting of round) waiting.reject(error);
      return;
    }
    for (const [index, waiting] of round.entries()) {
      const outcome = outcomes[index];
      if (outcome?.status === "fulfilled") waiting.resolve(outcome.value.merged ? outcome.value.commit : "");
      else waiting.reject(outcome ? outcome.reason : new Error(`approveRound answered no outcome for ${waiting.request.name}`));
    }
  }

  /** After a round's chain reached main: the served model, the analyses and the site follow it. */
  async #approved(space: Workspace, merged: readonly (ApproveResult & { merged: true })[]): Promise<void> {
    const paths = [...new Set(merged.flatMap((result) => result.paths))];
    const first = merged[0] as ApproveResult & { merged: true };
    const end = (merged.at(-1) as ApproveResult & { merged: true }).commit;
    // The model follows when it was of the main the chain was merged onto; otherwise the next read diffs the two commits.
    const onto = (await git.readCommitInfo(space.dir, first.commit)).parents[0];
    if (this.#model && this.#model.main === onto) await this.#refreshModel(paths, end);
    // Only the analyses of submissions touching the approved paths can have changed (a conflict, a duplicate).
    for (const [key, analysed] of this.#analysed) if (!analysed || analysed.paths.some((path) => paths.includes(path))) this.#analysed.delete(key);
    this.#analysedMain = end;
    // The site is published from the working copy: once the approved files are in it.
    workingCopySettled(space).then(
      () => this.onApproved(paths),
      () => undefined,
    );
  }

  reject(branch: string, reviewerId: string, reason: string): Promise<void> {
    return this.#serial(async () => {
      await reject(await this.space(), branch, reviewerId, reason);
      this.#wrote();
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
        this.#wrote();
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

  /** Bumped after every write of this process: a list made before it is stale. */
  #generation = 0;
  #listed: { generation: number; at: number; list: Promise<Submission[]> } | undefined;

  /** After a write here: the next page lists again. */
  #wrote(): void {
    this.#generation++;
  }

  /**
   * Every pending submission, analysed as the command line does; an analysis
   * is reused while main, the branch and its review record stay put. Pages
   * asking at once share one listing, which is reused until this process writes
   * or `DAN_Y_REFRESH_MS` (1000 by default) passes, so what another process
   * writes to the repository shows within a second.
   */
  async pending(): Promise<Submission[]> {
    const space = await this.space();
    await this.#syncIfDue(space);
    const listed = this.#listed;
    const maxAge = Number(process.env.DAN_Y_REFRESH_MS ?? 1000);
    if (listed && listed.generation === this.#generation && performance.now() - listed.at < maxAge) {
      return this.#sent.some((sent) => sent.at >= listed.at) ? listed.list.then((list) => this.#withSent(space, list, listed.at)) : listed.list;
    }
    const at = performance.now();
    // Every branch sent before now is found by the new listing.
    this.#sent = this.#sent.filter((sent) => sent.at >= at);
    const list = this.#pending(space);
    this.#listed = { generation: this.#generation, at, list };
    list.catch(() => {
      if (this.#listed?.list === list) this.#listed = undefined;
    });
    return list;
  }

  /** New branches this process created, with when: those created after a listing began are added to it (sends would otherwise make every page list every ref again). */
  #sent: { name: string; ref: string; at: number }[] = [];
  #analysing = new Map<string, Promise<Submission | undefined>>();

  async #withSent(space: Workspace, list: Submission[], since: number): Promise<Submission[]> {
    const names = new Set(list.map((submission) => submission.branch));
    const context = await this.context();
    const added: Submission[] = [];
    for (const sent of this.#sent) {
      if (sent.at < since || names.has(sent.name)) continue;
      names.add(sent.name);
      const tip = await git.refTarget(space.dir, sent.ref);
      if (!tip) continue;
      const submission = await this.#analysedOnce(space, sent.name, sent.ref, `${sent.ref}@${tip}@`, context);
      if (submission) added.push(submission);
    }
    return added.length === 0 ? list : [...list, ...added].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  }

  /** The analysis of a branch at a tip (with its review record in `key`), made once however many pages ask at the same moment. */
  async #analysedOnce(space: Workspace, name: string, ref: string, key: string, context: ReviewContext): Promise<Submission | undefined> {
    if (this.#analysed.has(key)) return this.#analysed.get(key);
    let running = this.#analysing.get(key);
    if (!running) {
      running = analyse(space, name, ref, context).then((submission) => {
        this.#analysed.set(key, submission);
        return submission;
      });
      const settled = running.finally(() => this.#analysing.delete(key));
      settled.catch(() => undefined);
      this.#analysing.set(key, running);
    }
    return running;
  }

  /** The same without syncing first (inside the write queue, where a sync would wait for itself). */
  async #pending(space: Workspace): Promise<Submission[]> {
    const context = await this.context();
    // Main moved by someone else (a sync, another process): every analysis is stale.
    if (context.main !== this.#analysedMain) {
      this.#analysed.clear();
      this.#analysedMain = context.main ?? "";
    }
    const branches = branchTips(space, SUBMISSIONS);
    const reviews = branchTips(space, REVIEWS);
    const found: Submission[] = [];
    const live = new Set<string>();
    for (const [name, { ref, tip }] of branches) {
      if (context.mainHistory.has(tip)) continue;
      const review = reviews.get(`${REVIEWS}${name}`)?.tip ?? "";
      const key = `${ref}@${tip}@${review}`;
      live.add(key);
      const submission = await this.#analysedOnce(space, name, ref, key, context);
      if (submission) found.push(submission);
    }
    for (const key of this.#analysed.keys()) if (!live.has(key)) this.#analysed.delete(key);
    return found.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
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
