/**
 * Two processes moving `main` and writing the working files after it on one
 * checkout, round after round at the same moment (a terminal `dan-y approve`
 * beside the workspace server's background pass): after every round the
 * working file is main's (`git status` clean), no lock is left, and native
 * git finds the repository sound.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, test } from "vitest";
import { withWorkingCopyLock, workingCopyLockPath } from "./git-store.ts";

const DRIVER = join(import.meta.dirname, "..", "test-support", "working-copy-driver.ts");
const ROUNDS = 25;
/** Files each move changes: enough that two writers of the working copy overlap. */
const FILES = 150;
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "dan-y-ban-lam-viec-khoa-"));
  folders.push(dir);
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Quản trị", "-c", "user.email=quan-tri@example.vn", ...args], { cwd: dir });
  git("init", "-q", "-b", "main");
  mkdirSync(join(dir, "shared"));
  for (let index = 0; index < FILES; index++) writeFileSync(join(dir, "shared", `${index}.md`), "đầu\n");
  git("add", "-A");
  git("commit", "-qm", "Khởi tạo");
  return dir;
}

/** Whether every working file under `shared/` has the content main has (hashed by git, not judged by the index). */
function sameAsMain(dir: string): boolean {
  const listing = execFileSync("git", ["ls-tree", "-r", "main", "shared/"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
  const onMain = new Map(listing.map((line) => [line.split("\t")[1], line.split(" ")[2]?.split("\t")[0]]));
  const paths = Array.from({ length: FILES }, (_, index) => `shared/${index}.md`);
  const working = execFileSync("git", ["hash-object", "--", ...paths], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n");
  return paths.every((path, index) => working[index] === onMain.get(path));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("two processes writing the working copy after their moves of main leave it equal to main, round after round", async () => {
  const dir = repository();
  const sync = join(dir, ".git", "dong-bo");
  mkdirSync(sync);
  const children = ["mot", "hai"].map((name) =>
    promisify(execFile)(process.execPath, [DRIVER, dir, name, String(ROUNDS), String(FILES), sync], { encoding: "utf8" }),
  );
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
  const stale: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    writeFileSync(join(sync, `go-${round}`), "");
    while (!(existsSync(join(sync, `done-${round}-mot`)) && existsSync(join(sync, `done-${round}-hai`)))) await sleep(2);
    if (git("status", "--porcelain") !== "" || !sameAsMain(dir)) stale.push(round);
  }
  await Promise.all(children);
  expect(stale, "rounds after which the working file was not main's").toEqual([]);
  expect(
    git("log", "--format=%s", "main")
      .split("\n")
      .filter((line) => / \d+$/.test(line)),
  ).toHaveLength(2 * ROUNDS);
  expect(existsSync(workingCopyLockPath(join(dir, ".git")))).toBe(false);
  git("fsck", "--strict", "--no-progress");
}, 240_000);

test("a working-copy lock left by a dead process is removed and said; a live holder is waited for", async () => {
  const dir = repository();
  const gitdir = join(dir, ".git");
  const lock = workingCopyLockPath(gitdir);
  mkdirSync(join(gitdir, "dan-y"), { recursive: true });
  // A pid that runs no process: the holder died.
  const dead = execFileSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).trim();
  writeFileSync(lock, `${dead}\n`);
  const notices: string[] = [];
  expect(
    await withWorkingCopyLock(
      gitdir,
      (line) => notices.push(line),
      async () => readFileSync(lock, "utf8"),
    ),
  ).toMatch(new RegExp(`^${process.pid} `));
  expect(notices.join("\n")).toMatch(/Đã gỡ tệp khóa của bản làm việc .*working-copy\.lock/);
  expect(existsSync(lock)).toBe(false);

  // One holding this process's own pid is an earlier run's (a restarted container reuses pids): removed too.
  writeFileSync(lock, `${process.pid}\n`);
  notices.length = 0;
  expect(
    await withWorkingCopyLock(
      gitdir,
      (line) => notices.push(line),
      async () => "ghi",
    ),
  ).toBe("ghi");
  expect(notices).toHaveLength(1);

  // A live holder (this test's parent process): the writer waits, then says who holds it.
  writeFileSync(lock, `${process.ppid}\n`);
  await expect(
    withWorkingCopyLock(
      gitdir,
      () => {},
      async () => "written",
      200,
    ),
  ).rejects.toThrow(/tệp khóa .*working-copy\.lock đang có/);
  rmSync(lock);
  // Writers of one process queue without the lock refusing them.
  const order: number[] = [];
  await Promise.all(
    [1, 2, 3].map((index) =>
      withWorkingCopyLock(
        gitdir,
        () => {},
        async () => {
          order.push(index);
          await sleep(20);
          order.push(-index);
        },
      ),
    ),
  );
  expect(order).toEqual([1, -1, 2, -2, 3, -3]);
});
