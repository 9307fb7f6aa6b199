/**
 * Folders and refs as a long-running server meets them: object and lock
 * folders are made only when missing (also when removed under a running
 * process), and a ref name is resolved as git resolves it, seeing what another
 * process wrote at once.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { refTarget } from "./git.ts";
import { acquireLock, compareAndSwapRef, lockOwnerFile, objectPath, readRefValue, releaseLock, writeFileAtomicAsync, writeObjects } from "./git-store.ts";

let dir: string;
let gitdir: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
const blob = (text: string) => ({ type: "blob" as const, content: Buffer.from(text, "utf8") });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-store-folders-"));
  git("init", "-q", "-b", "main");
  gitdir = join(dir, ".git");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("object folders", () => {
  it("are made when missing, again after being removed under the running process, and git reads every object", async () => {
    const first = await writeObjects(gitdir, [blob("một\n"), blob("hai\n"), blob("ba\n")]);
    for (const oid of first) expect(existsSync(objectPath(gitdir, oid))).toBe(true);
    // Someone (a `git gc`, a cleanup) removes a folder this process wrote into before.
    const [oid] = first as [string];
    rmSync(join(gitdir, "objects", oid.slice(0, 2)), { recursive: true });
    const again = await writeObjects(gitdir, [blob("một\n"), blob("bốn\n")]);
    expect(again[0]).toBe(oid);
    for (const written of again) expect(git("cat-file", "-p", written)).toMatch(/^(một|bốn)$/);
    git("fsck", "--strict");
    // No temporary file left in any object folder.
    expect(git("count-objects", "-v")).toMatch(/garbage: 0/);
  });

  it("an object already there is kept when intact and replaced when damaged; a large one is compressed as a small one is", async () => {
    const [oid] = (await writeObjects(gitdir, [blob("sáu\n")])) as [string];
    const path = objectPath(gitdir, oid);
    const intact = statSync(path).ino;
    await writeObjects(gitdir, [blob("sáu\n")]);
    // Not written again (a rename would give the name another inode).
    expect(statSync(path).ino).toBe(intact);
    rmSync(path);
    writeFileSync(path, "");
    await writeObjects(gitdir, [blob("sáu\n")]);
    expect(git("cat-file", "-p", oid)).toBe("sáu");
    // Past the size compressed on the event loop (64 kB): on the thread pool, readable the same.
    const large = "dòng của một tệp lớn\n".repeat(8000);
    const [big] = (await writeObjects(gitdir, [blob(large)])) as [string];
    expect(statSync(objectPath(gitdir, big)).size).toBeLessThan(Buffer.byteLength(large) / 10);
    expect(git("cat-file", "-s", big)).toBe(String(Buffer.byteLength(large)));
    git("fsck", "--strict");
  });

  it("still refuses a path whose folder cannot be made (a file stands where the folder goes)", async () => {
    const objects = join(gitdir, "objects");
    rmSync(objects, { recursive: true });
    writeFileSync(objects, "không phải thư mục\n");
    await expect(writeObjects(gitdir, [blob("năm\n")])).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});

describe("working files", () => {
  it("a file where a folder goes fails the same way each time, naming the folder, not a temporary file", async () => {
    writeFileSync(join(dir, "chan"), "chặn\n");
    const target = join(dir, "chan", "con", "a.md");
    const first = await writeFileAtomicAsync(target, "một\n").catch((error: Error) => error.message);
    const second = await writeFileAtomicAsync(target, "một\n").catch((error: Error) => error.message);
    expect(first).toMatch(/ENOTDIR|EEXIST/);
    expect(first).not.toContain(".dan-y-tmp-");
    expect(second).toBe(first);
    rmSync(join(dir, "chan"));
    await writeFileAtomicAsync(target, "một\n");
    expect(readFileSync(target, "utf8")).toBe("một\n");
  });
});

describe("lock folders", () => {
  const A = "a".repeat(40);

  it("a new branch's folder and the lock owners' folder are made when missing, also after being removed", async () => {
    await compareAndSwapRef(gitdir, "refs/heads/submissions/xa-ky-hoa/2026-11-27-mot", undefined, A);
    expect(readRefValue(gitdir, "refs/heads/submissions/xa-ky-hoa/2026-11-27-mot")).toBe(A);
    rmSync(join(gitdir, "dan-y", "locks"), { recursive: true });
    rmSync(join(gitdir, "refs", "heads", "submissions"), { recursive: true });
    const held = await acquireLock(join(gitdir, "refs/heads/submissions/xa-ky-hoa/2026-11-27-hai"), () => {}, "nhánh hai");
    // The owner file says who holds the lock (a lock without one is judged by age only).
    expect(existsSync(lockOwnerFile(held.lock))).toBe(true);
    closeSync(held.descriptor);
    releaseLock(held.lock);
    rmSync(held.lock);
    await compareAndSwapRef(gitdir, "refs/heads/submissions/xa-ky-hoa/2026-11-27-hai", undefined, A);
    expect(git("rev-parse", "submissions/xa-ky-hoa/2026-11-27-hai")).toBe(A);
  });
});

describe("a branch under another branch's name", () => {
  it("is refused at once, naming the folder a file stands in for, not taken for a lock someone holds", async () => {
    const A = "a".repeat(40);
    await compareAndSwapRef(gitdir, "refs/heads/a", undefined, A);
    const refused = await compareAndSwapRef(gitdir, "refs/heads/a/b", undefined, A).catch((error: unknown) => error);
    expect(String((refused as Error).message)).toMatch(/^Không tạo được thư mục .*refs\/heads\/a \(EEXIST\): một tệp đang nằm ở chỗ một thư mục/);
    expect(readFileSync(join(gitdir, "refs/heads/a"), "utf8")).toBe(`${A}\n`);
    expect(existsSync(join(gitdir, "refs/heads/a.lock"))).toBe(false);
  });
});

describe("ref names", () => {
  const commit = () => {
    git("-c", "user.name=Thử", "-c", "user.email=thu@example.vn", "commit", "-q", "--allow-empty", "-m", "một");
    return git("rev-parse", "HEAD");
  };

  it("`main` from packed-refs, then from the loose file another process writes, seen at once", async () => {
    const first = commit();
    git("pack-refs", "--all");
    expect(existsSync(join(gitdir, "refs", "heads", "main"))).toBe(false);
    expect(await refTarget(dir, "main")).toBe(first);
    const second = commit();
    expect(existsSync(join(gitdir, "refs", "heads", "main"))).toBe(true);
    expect(await refTarget(dir, "main")).toBe(second);
    expect(await refTarget(dir, "refs/heads/main")).toBe(second);
    git("update-ref", "-d", "refs/heads/main");
    expect(await refTarget(dir, "main")).toBeUndefined();
  });

  it("a ref read before and kept is read again when another process moves it, even in place and at once after", async () => {
    const first = commit();
    const second = commit();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    git("update-ref", "refs/heads/khac", first);
    await settle();
    // Read twice, long after it was written: the second answer comes from what the first kept.
    expect(await refTarget(dir, "refs/heads/khac")).toBe(first);
    expect(await refTarget(dir, "refs/heads/khac")).toBe(first);
    git("update-ref", "refs/heads/khac", second);
    expect(await refTarget(dir, "refs/heads/khac")).toBe(second);
    // Moved again within the same instant (a fresh file is never trusted by its look alone).
    git("update-ref", "refs/heads/khac", first);
    expect(await refTarget(dir, "refs/heads/khac")).toBe(first);
    await settle();
    expect(await refTarget(dir, "refs/heads/khac")).toBe(first);
    // A tool that rewrites the file in place (same inode, same size) is seen too.
    writeFileSync(join(gitdir, "refs", "heads", "khac"), `${second}\n`);
    expect(await refTarget(dir, "refs/heads/khac")).toBe(second);
    rmSync(join(gitdir, "refs", "heads", "khac"));
    expect(await refTarget(dir, "refs/heads/khac")).toBeUndefined();
  });

  it("in git's order: a packed tag named main comes before a loose branch main", async () => {
    const first = commit();
    git("tag", "main", first);
    git("pack-refs", "--all");
    const second = commit();
    expect(git("rev-parse", "--verify", "-q", "refs/heads/main")).toBe(second);
    expect(await refTarget(dir, "main")).toBe(git("rev-parse", "main"));
    expect(await refTarget(dir, "main")).toBe(first);
  });

  it("a name under a file (not a folder) is absent, not an error", async () => {
    commit();
    mkdirSync(join(gitdir, "refs", "heads"), { recursive: true });
    expect(await refTarget(dir, "refs/heads/main/con")).toBeUndefined();
    expect(readRefValue(gitdir, "refs/heads/main/con")).toBeUndefined();
  });
});
