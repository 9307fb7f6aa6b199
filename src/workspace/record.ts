/**
 * The workspace's one door to the Git record (`src/adapters/submissions.ts`):
 * every submission, approval and return goes through here, one at a time in
 * this process, as the signed-in focal point. A change of the Git module's
 * signatures is one edit in this file.
 *
 * The server's repository is a working copy whose `main` is checked out (the
 * publish step reads it). `submit` reads the files it is given from that working
 * copy, synchronously, before its first `await`; so the file is written, handed
 * to `submit` and removed (or its approved text put back) within one
 * synchronous span that no other request can observe.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { prepareSubmittedChecks } from "../adapters/check-tree.ts";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import * as git from "../adapters/git.ts";
import { analyse, approve, MAIN, openWorkspace, reject, reviewContext, SUBMISSIONS, type Submission, submit, type Workspace } from "../adapters/submissions.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";

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
  #checker: { main: string; check: ReturnType<typeof prepareSubmittedChecks> } | undefined;
  #analysed = new Map<string, Submission | undefined>();
  #analysedMain = "";
  /** Called after main moved, with the paths changed. */
  onApproved: (paths: string[]) => void = () => {};

  constructor(options: RecordOptions) {
    this.contentDirectory = options.contentDirectory;
    this.#today = options.today;
  }

  async space(): Promise<Workspace> {
    this.#space ??= await openWorkspace(this.contentDirectory, this.#today());
    return { ...this.#space, today: this.#today() };
  }

  /** Runs writes one after another: two reviewers approving at once never race for `main` in this process. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async mainCommit(): Promise<string> {
    const space = await this.space();
    return (await git.refTarget(space.dir, MAIN)) ?? "";
  }

  /** The approved content (main's working copy) with texts, loaded again only when main moves. */
  async model(): Promise<ContentModel> {
    const main = await this.mainCommit();
    if (this.#model?.main !== main) {
      const directory = this.contentDirectory;
      this.#model = { main, model: loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model };
    }
    return this.#model.model;
  }

  /** The same validation as `check` and `submit` of one file not yet written, against the approved tree. */
  async check(relative: string, text: string): Promise<ContentIssue[]> {
    const main = await this.mainCommit();
    const space = await this.space();
    if (this.#checker?.main !== main) this.#checker = { main, check: prepareSubmittedChecks(this.contentDirectory, { root: space.root, today: space.today }) };
    const bytes = Buffer.from(text, "utf8");
    return this.#checker.check([{ relative, display: `${space.root}${relative}`, size: bytes.length, symlink: false, bytes }]).issues;
  }

  /** Whether a path is free for a new file: not on main, not on any pending submission. */
  async pathTaken(relative: string): Promise<boolean> {
    if (existsSync(join(this.contentDirectory, relative))) return true;
    return (await this.pending()).some((submission) => submission.paths.includes(relative));
  }

  /** Sends one file as a new submission, or as a correction on `onto`; the file never stays in the working copy. */
  send(personId: string, relative: string, text: string, message: string, onto?: string): Promise<{ branch: string; commit: string }> {
    return this.#serial(async () => {
      const space = await this.space();
      const absolute = join(this.contentDirectory, relative);
      const approved = existsSync(absolute) ? readFileSync(absolute) : undefined;
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
      let sent: ReturnType<typeof submit>;
      try {
        sent = submit(space, [absolute], personId, message, onto);
      } finally {
        if (approved) writeFileSync(absolute, approved);
        else rmSync(absolute, { force: true });
      }
      const result = await sent;
      return { branch: result.branch, commit: result.commit };
    });
  }

  approve(branch: string, reviewerId: string): Promise<string> {
    return this.#serial(async () => {
      const space = await this.space();
      const submission = await this.find(branch);
      const result = await approve(space, branch, reviewerId);
      if (!result.merged) return "";
      this.onApproved(submission?.paths ?? []);
      return result.commit;
    });
  }

  reject(branch: string, reviewerId: string, reason: string): Promise<void> {
    return this.#serial(async () => {
      await reject(await this.space(), branch, reviewerId, reason);
      this.#analysed.delete(branch);
    });
  }

  /**
   * Every pending submission, analysed as the command line does; an analysis is
   * reused while neither main nor the branch (nor its review record) moved.
   */
  async pending(): Promise<Submission[]> {
    const space = await this.space();
    const main = await this.mainCommit();
    if (main !== this.#analysedMain) {
      this.#analysed.clear();
      this.#analysedMain = main;
    }
    const branches = await git.listBranchesUnder(space.dir, SUBMISSIONS, space.remote);
    let context: Awaited<ReturnType<typeof reviewContext>> | undefined;
    const found: Submission[] = [];
    for (const branch of branches) {
      const tip = (await git.refTarget(space.dir, branch.ref)) ?? "";
      const review = (await git.refTarget(space.dir, `refs/heads/reviews/${branch.name}`)) ?? "";
      const key = `${branch.name}@${tip}@${review}`;
      if (!this.#analysed.has(key)) {
        context ??= await reviewContext(space);
        this.#analysed.set(key, await analyse(space, branch.name, branch.ref, context));
      }
      const submission = this.#analysed.get(key);
      if (submission) found.push(submission);
    }
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
