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
 * then removes their journals. False when it could not (said, and the journals
 * kept for the next command or the next pass).
 */
export async function followMain(space: Workspace, follows: readonly Follow[]): Promise<boolean> {
  const paths = [...new Set(follows.flatMap((follow) => follow.paths))];
  const action = follows[0]?.action ?? "approve";
  try {
    await repo.refreshWorkingFiles(space.dir, MAIN, paths, space.notice, action);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // main has moved: the action is done. The journal stays, and the next command writes the files.
    space.notice(`${MAIN} đã được cập nhật, nhưng chưa ghi được tệp làm việc (${error.message}); lệnh dan-y tiếp theo sẽ ghi lại.`);
    return false;
  }
  crashPoint(`${action}:after-files`);
  await Promise.all(follows.map((follow) => rm(follow.journal, { force: true })));
  return true;
}

/**
 * The background writer of a server's working copy: moves of `main` that
 * arrive while it writes are gathered and written together in its next pass,
 * so approvals queueing at once cost one index write between them. What it
 * has not written yet is in the journal: a crash leaves nothing the next
 * start does not complete.
 */
class WorkingCopyFollower {
  readonly #space: Workspace;
  #waiting: Follow[] = [];
  #running: Promise<void> | undefined;

  constructor(space: Workspace) {
    this.#space = space;
  }

  add(follow: Follow): void {
    this.#waiting.push(follow);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async #drain(): Promise<void> {
    // One turn of the event loop first: approvals answered together are written together.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      let written: boolean;
      try {
        written = await followMain(this.#space, batch);
      } catch (error) {
        this.#space.notice(
          `Chưa ghi được tệp làm việc sau khi ${MAIN} được cập nhật (${(error as Error).message}); sẽ ghi lại ở lần duyệt sau hoặc khi khởi động lại.`,
        );
        written = false;
      }
      if (!written) {
        // Kept (with their journals) for the next pass, which the next move of main starts.
        this.#waiting.unshift(...batch);
        return;
      }
    }
  }

  /** Resolves when every move handed over so far has been written (or a pass failed and left it to the next one). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
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

/** Resolves when the working files of `space` follow every move of `main` this process made (immediately from the command line). */
export function workingCopySettled(space: Pick<Workspace, "dir">): Promise<void> {
  return followers.get(space.dir)?.settled() ?? Promise.resolve();
}
