/**
 * Following `main` with the working files: after an action moved `main`, the
 * working files and the index of the paths it changed are written from it,
 * at once (the command line) or in the background, several moves at once
 * (the workspace server).
 */
import { rm } from "node:fs/promises";
import { GitError } from "../core/errors.ts";
import * as repo from "./git.ts";
import { crashPoint } from "./git-store.ts";
import type { Workspace } from "./submissions.ts";

const MAIN = "main";

/** An update of the working files that `main` has moved ahead of: its journal, the paths it changed, the action that moved main. */
export interface Follow {
  journal: string;
  paths: string[];
  action: string;
}

/**
 * Writes the working files and the index of every path these moves changed,
 * from `main` as it is now (one pass, one index write, however many moves),
 * then removes their journals. Throws what stopped it, the journals kept.
 */
async function writeFollows(space: Workspace, follows: readonly Follow[]): Promise<void> {
  const paths = [...new Set(follows.flatMap((follow) => follow.paths))];
  const action = follows[0]?.action ?? "approve";
  await repo.refreshWorkingFiles(space.dir, MAIN, paths, space.notice, action);
  crashPoint(`${action}:after-files`);
  await Promise.all(follows.map((follow) => rm(follow.journal, { force: true })));
}

/** A failure of the working copy's disk or Git (not a bug): main has moved, and the journal keeps what to write. */
const writeFailure = (error: unknown): boolean => error instanceof GitError || typeof (error as { code?: unknown }).code === "string";

/**
 * The command line's follow: the files written before the command returns.
 * False when they could not be (said; the journals are kept for the next command).
 */
export async function followMain(space: Workspace, follows: readonly Follow[]): Promise<boolean> {
  try {
    await writeFollows(space, follows);
    return true;
  } catch (error) {
    if (!writeFailure(error)) throw error;
    // main has moved: the action is done. The journal stays, and the next command writes the files.
    space.notice(`${MAIN} đã được cập nhật, nhưng chưa ghi được tệp làm việc (${(error as Error).message}); lệnh dan-y tiếp theo sẽ ghi lại.`);
    return false;
  }
}

/** The first wait before a failed write of the working copy is tried again; it doubles up to the last. */
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;

/**
 * The background writer of a server's working copy: moves of `main` that
 * arrive while it writes are gathered and written together in its next pass,
 * so approvals queueing at once cost one index write between them. A pass
 * that fails keeps its moves (and their journals) and is tried again on a
 * timer, with backoff, or at once by the next move; each distinct failure is
 * said once, and the recovery after it. What it has not written yet is in the
 * journal: a crash leaves nothing the next start does not complete.
 */
class WorkingCopyFollower {
  readonly #space: Workspace;
  #waiting: Follow[] = [];
  #running: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #delay = FIRST_RETRY_MS;
  /** The failure last said, so a retry failing the same way is not said again. */
  #failure: string | undefined;
  #passEnded: (() => void)[] = [];

  constructor(space: Workspace) {
    this.#space = space;
  }

  add(follow: Follow): void {
    this.#waiting.push(follow);
    this.#start();
  }

  #start(): void {
    // A pass under way takes new moves in its loop; one that has just failed keeps its retry timer (clearing it here,
    // in the moment before the pass is marked ended, left the moves with neither a pass nor a timer).
    if (this.#running) return;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
      for (const resolve of this.#passEnded.splice(0)) resolve();
    });
  }

  async #drain(): Promise<void> {
    // One turn of the event loop first: approvals answered together are written together.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      try {
        await writeFollows(this.#space, batch);
      } catch (error) {
        this.#waiting.unshift(...batch);
        this.#failed(error);
        return;
      }
      if (this.#failure !== undefined) this.#space.notice(`Đã ghi được các tệp làm việc còn chờ sau khi ${MAIN} được cập nhật.`);
      this.#failure = undefined;
      this.#delay = FIRST_RETRY_MS;
    }
  }

  #failed(error: unknown): void {
    const reason = (error as Error).message;
    if (reason !== this.#failure) {
      const paths = new Set(this.#waiting.flatMap((follow) => follow.paths)).size;
      this.#space.notice(
        `Chưa ghi được ${paths} tệp làm việc sau khi ${MAIN} được cập nhật (${writeFailure(error) ? "" : "lỗi chương trình: "}${reason}); sẽ tự thử lại, trang nội bộ chờ đến khi ghi xong.`,
      );
      this.#failure = reason;
    }
    // Unref'd: a process that is otherwise done is not kept alive by it (the journal covers what is left).
    this.#retry = setTimeout(() => this.#start(), this.#delay).unref();
    this.#delay = Math.min(this.#delay * 2, LAST_RETRY_MS);
  }

  /** Resolves when the pass under way (if any) has ended: true when every move handed over so far is written, false when some still wait for a retry. */
  async settled(): Promise<boolean> {
    while (this.#running) await this.#running;
    return this.#waiting.length === 0;
  }

  /** Resolves once every move handed over so far is written, however many retries that takes. */
  async written(): Promise<void> {
    while (!(await this.settled())) await new Promise<void>((resolve) => this.#passEnded.push(resolve));
  }
}

const followers = new Map<string, WorkingCopyFollower>();

export function followerOf(space: Workspace): WorkingCopyFollower {
  let follower = followers.get(space.dir);
  if (!follower) {
    follower = new WorkingCopyFollower(space);
    followers.set(space.dir, follower);
  }
  return follower;
}

/**
 * Resolves when the pass writing the working files of `space` has ended: true
 * when they follow every move of `main` this process made (at once from the
 * command line), false when some still wait for a retry.
 */
export function workingCopySettled(space: Pick<Workspace, "dir">): Promise<boolean> {
  return followers.get(space.dir)?.settled() ?? Promise.resolve(true);
}

/** Resolves once the working files of `space` follow every move of `main` this process made, after as many retries as that takes. */
export function workingCopyWritten(space: Pick<Workspace, "dir">): Promise<void> {
  return followers.get(space.dir)?.written() ?? Promise.resolve();
}
