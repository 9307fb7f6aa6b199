/**
 * A shared origin for tests of work between clones: a bare copy of the fixture
 * repository served over HTTP on loopback (`startGitHttpServer`), the account in
 * DAN_Y_GIT_USERNAME / DAN_Y_GIT_PASSWORD as the commands read it, and working
 * clones whose `origin` is the server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createRepository, type Repository } from "./git-fixture.ts";
import { startGitHttpServer } from "./git-http-server.ts";

const run = promisify(execFile);

export interface ServedOrigin {
  /** The server's address; the origin is `${url}/origin.git`. */
  url: string;
  /** A working clone whose `origin` is the server, on origin's main; removed by `close`. */
  clone(): Promise<Repository>;
  /** The git CLI on the bare origin, without blocking this process (it serves the HTTP requests). */
  git(...args: string[]): Promise<string>;
  /** Stops the server, removes the clones and the origin, and unsets the account. */
  close(): Promise<void>;
}

export async function serveOrigin(user: { username: string; password: string }, prefix = "dan-y-server-"): Promise<ServedOrigin> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const origin = join(root, "origin.git");
  const seed = createRepository();
  seed.git("clone", "-q", "--bare", seed.dir, origin);
  seed.remove();
  const server = await startGitHttpServer(root, user);
  process.env.DAN_Y_GIT_USERNAME = user.username;
  process.env.DAN_Y_GIT_PASSWORD = user.password;
  const auth = `http.extraHeader=Authorization: Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`;
  const clones: Repository[] = [];
  return {
    url: server.url,
    async clone() {
      const repo = createRepository();
      repo.git("remote", "add", "origin", `${server.url}/origin.git`);
      await run("git", ["-c", auth, "fetch", "-q", "origin"], { cwd: repo.dir });
      repo.git("reset", "-q", "--hard", "origin/main");
      clones.push(repo);
      return repo;
    },
    git: (...args) => run("git", [`--git-dir=${origin}`, ...args], { encoding: "utf8" }).then((result) => result.stdout),
    async close() {
      await server.close();
      for (const repo of clones) repo.remove();
      rmSync(root, { recursive: true, force: true });
      delete process.env.DAN_Y_GIT_USERNAME;
      delete process.env.DAN_Y_GIT_PASSWORD;
    },
  };
}
