/**
 * The workspace's state directory: everything the server keeps that is not
 * content (password hashes, sessions, sign-in counters, the refusal log, the
 * demo repository and the site it serves). It lives outside the content
 * repository so no credential is ever committed. `DAN_Y_STATE_DIR` chooses it.
 */
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic as writeRepositoryFileAtomic } from "../adapters/git-store.ts";

export function stateDir(): string {
  const chosen = process.env.DAN_Y_STATE_DIR;
  return resolve(chosen && chosen.trim() !== "" ? chosen : join(homedir(), ".dan-y"));
}

export const statePaths = (root = stateDir()) => ({
  root,
  accounts: join(root, "accounts.json"),
  throttle: join(root, "throttle.json"),
  sessions: join(root, "sessions"),
  log: join(root, "workspace.log"),
  demo: join(root, "demo"),
  site: join(root, "site"),
});

/** Writes a file so a crash leaves either the old or the new content, never half of one (flushed, then renamed, as the repository's files); owner-only. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeRepositoryFileAtomic(path, text, 0o600);
}
