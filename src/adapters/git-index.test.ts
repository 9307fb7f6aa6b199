/** The index patch, judged by native git: the patched index holds exactly the target tree, and status is clean. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testdir } from "../test-support/testdir.ts";
import { patchIndex, patchIndexWhenFree, readIndexEntries } from "./git-index.ts";

let dir: string;
const git = (...args: string[]) =>
  execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.vn", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.vn" },
  }).trim();

/** A repository at commit one (a, b/c, d) with commit two on branch "next" (b/c changed, e/f added, d removed). */
function repository(): { one: string; two: string } {
  dir = testdir({}, "dan-y-index-");
  git("init", "-q", "-b", "main");
  mkdirSync(join(dir, "b"));
  writeFileSync(join(dir, "a.md"), "a\n");
  writeFileSync(join(dir, "b", "c.md"), "c\n");
  writeFileSync(join(dir, "d.md"), "d\n");
  git("add", ".");
  git("commit", "-q", "-m", "one");
  const one = git("rev-parse", "HEAD");
  git("checkout", "-q", "-b", "next");
  writeFileSync(join(dir, "b", "c.md"), "c changed\n");
  mkdirSync(join(dir, "e"));
  writeFileSync(join(dir, "e", "f.md"), "f\n");
  git("rm", "-q", "d.md");
  git("add", ".");
  git("commit", "-q", "-m", "two");
  const two = git("rev-parse", "HEAD");
  git("checkout", "-q", "main");
  return { one, two };
}

/** Writes commit two's files into the working tree and returns the updates, as refreshWorkingFiles does. */
function applyTwo() {
  writeFileSync(join(dir, "b", "c.md"), "c changed\n");
  mkdirSync(join(dir, "e"), { recursive: true });
  writeFileSync(join(dir, "e", "f.md"), "f\n");
  rmSync(join(dir, "d.md"));
  const blob = (path: string) => ({ oid: git("rev-parse", `next:${path}`), mode: 0o100644, file: join(dir, path) });
  return [{ path: "b/c.md", blob: blob("b/c.md") }, { path: "e/f.md", blob: blob("e/f.md") }, { path: "d.md" }];
}

describe("patching the index", () => {
  it("leaves exactly the target tree in the index, with stat data git accepts", () => {
    const { two } = repository();
    git("update-index", "--refresh");
    git("write-tree"); // native git adds a TREE cache extension, which the patch must drop
    expect(patchIndex(join(dir, ".git"), applyTwo())).toBe(true);
    expect(git("write-tree")).toBe(git("rev-parse", `${two}^{tree}`));
    git("update-ref", "refs/heads/main", two);
    expect(git("status", "--porcelain")).toBe("");
    expect(git("diff-files", "--name-only")).toBe("");
    git("fsck", "--strict");
  });

  it("changes nothing and says so for an index format it does not patch", () => {
    repository();
    git("update-index", "--index-version", "4");
    const before = readFileSync(join(dir, ".git", "index"));
    expect(patchIndex(join(dir, ".git"), applyTwo())).toBe(false);
    expect(readFileSync(join(dir, ".git", "index")).equals(before)).toBe(true);
  });

  const writers = [
    ["patchIndex", async (gitdir: string, updates: Parameters<typeof patchIndex>[1]) => patchIndex(gitdir, updates)],
    ["patchIndexWhenFree", (gitdir: string, updates: Parameters<typeof patchIndex>[1]) => patchIndexWhenFree(gitdir, updates, () => {})],
  ] as const;

  it.each(writers)("%s leaves no lock, no owner file and the index as it was when it cannot patch or fails midway", async (_, writer) => {
    const { two } = repository();
    const gitdir = join(dir, ".git");
    const left = () => [existsSync(join(gitdir, "index.lock")), existsSync(join(gitdir, "dan-y", "locks", "index.lock.owner"))];
    const before = readFileSync(join(gitdir, "index"));
    // A file that vanished before its entry was made: the write fails after the lock was taken.
    const updates = applyTwo();
    rmSync(join(dir, "e", "f.md"));
    await expect(writer(gitdir, updates)).rejects.toThrow(/ENOENT/);
    expect(left()).toEqual([false, false]);
    expect(readFileSync(join(gitdir, "index")).equals(before)).toBe(true);
    writeFileSync(join(dir, "e", "f.md"), "f\n");
    // A format left to isomorphic-git: false, nothing changed, nothing left.
    git("update-index", "--index-version", "4");
    const version4 = readFileSync(join(gitdir, "index"));
    expect(await writer(gitdir, updates)).toBe(false);
    expect(left()).toEqual([false, false]);
    expect(readFileSync(join(gitdir, "index")).equals(version4)).toBe(true);
    // And once it can: the same index from either writer.
    git("update-index", "--index-version", "2");
    expect(await writer(gitdir, updates)).toBe(true);
    expect(left()).toEqual([false, false]);
    expect(git("write-tree")).toBe(git("rev-parse", `${two}^{tree}`));
  });

  it("refuses to write while another command holds the index lock", () => {
    repository();
    writeFileSync(join(dir, ".git", "index.lock"), "");
    const before = readFileSync(join(dir, ".git", "index"));
    expect(() => patchIndex(join(dir, ".git"), applyTwo())).toThrow(/EEXIST/);
    expect(readFileSync(join(dir, ".git", "index")).equals(before)).toBe(true);
  });

  it("patches entries spread through a large index (first, last, before the first, after the last), off the event loop", async () => {
    dir = testdir({}, "dan-y-index-");
    git("init", "-q", "-b", "main");
    const names = Array.from({ length: 600 }, (_, index) => `m/${String(index).padStart(4, "0")}.md`);
    mkdirSync(join(dir, "m"));
    for (const name of names) writeFileSync(join(dir, name), `${name.slice(0, 20)}\n`);
    git("add", ".");
    git("commit", "-q", "-m", "one");
    git("checkout", "-q", "-b", "next");
    const changed = ["m/0000.md", "m/0299.md", "m/0599.md"];
    for (const name of changed) writeFileSync(join(dir, name), "changed\n");
    const added = ["a-first.md", "m/0299a.md", "z-last.md"];
    for (const name of added) writeFileSync(join(dir, name), "new\n");
    const removed = ["m/0001.md", "m/0300.md"];
    git("rm", "-q", ...removed);
    git("add", ".");
    git("commit", "-q", "-m", "two");
    const target = git("rev-parse", "HEAD^{tree}");
    const two = git("rev-parse", "HEAD");
    // Back to one's index, with two's files on disk: what an approval leaves before the index follows.
    git("read-tree", "main");
    const updates = [
      ...[...changed, ...added].map((path) => ({ path, blob: { oid: git("rev-parse", `next:${path}`), mode: 0o100644, file: join(dir, path) } })),
      ...removed.map((path) => ({ path })),
    ];
    expect(await patchIndexWhenFree(join(dir, ".git"), updates)).toBe(true);
    expect(git("write-tree")).toBe(target);
    expect(readIndexEntries(join(dir, ".git"))?.get("m/0299a.md")?.oid).toBe(git("rev-parse", "next:m/0299a.md"));
    git("update-ref", "refs/heads/main", two);
    git("symbolic-ref", "HEAD", "refs/heads/main");
    expect(git("status", "--porcelain")).toBe("");
    git("fsck", "--strict");
  });
});
