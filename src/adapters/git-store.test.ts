/** The crash- and race-safe Git writes, judged by native git. */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, compareAndSwapRef, lockOwnerFile, looseObjectIntact, objectPath, RefMoved, readRefValue, writeLooseObject } from "./git-store.ts";

let dir: string;
let gitdir: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-store-"));
  git("init", "-q", "-b", "main");
  gitdir = join(dir, ".git");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("loose objects", () => {
  it("writes what git hash-object names, readable by git", () => {
    const oid = writeLooseObject(gitdir, "blob", Buffer.from("xin chào\n"));
    writeFileSync(join(dir, "f.txt"), "xin chào\n");
    expect(oid).toBe(git("hash-object", "f.txt"));
    expect(git("cat-file", "-p", oid)).toBe("xin chào");
  });

  it("replaces a damaged copy (empty, truncated) and reuses an intact one", () => {
    const oid = writeLooseObject(gitdir, "blob", Buffer.from("nội dung\n"));
    const path = objectPath(gitdir, oid);
    rmSync(path);
    writeFileSync(path, "");
    expect(looseObjectIntact(gitdir, oid)).toBe(false);
    writeLooseObject(gitdir, "blob", Buffer.from("nội dung\n"));
    expect(looseObjectIntact(gitdir, oid)).toBe(true);
    git("fsck", "--strict");
    const before = statSync(path).mtimeMs;
    writeLooseObject(gitdir, "blob", Buffer.from("nội dung\n"));
    expect(statSync(path).mtimeMs).toBe(before);
  });
});

describe("compare-and-swap of refs", () => {
  const A = "a".repeat(40);
  const B = "b".repeat(40);

  it("creates a ref that must not exist, moves it from the value read, and refuses a stale expectation", async () => {
    await compareAndSwapRef(gitdir, "refs/heads/x", undefined, A);
    expect(readRefValue(gitdir, "refs/heads/x")).toBe(A);
    await expect(compareAndSwapRef(gitdir, "refs/heads/x", undefined, B)).rejects.toBeInstanceOf(RefMoved);
    await compareAndSwapRef(gitdir, "refs/heads/x", A, B);
    const moved = await compareAndSwapRef(gitdir, "refs/heads/x", A, A).catch((error: unknown) => error);
    expect(moved).toBeInstanceOf(RefMoved);
    expect((moved as RefMoved).actual).toBe(B);
    expect(readFileSync(join(gitdir, "refs/heads/x"), "utf8")).toBe(`${B}\n`);
    expect(existsSync(join(gitdir, "refs/heads/x.lock"))).toBe(false);
  });

  it("reads a packed ref as the value to compare against", async () => {
    writeFileSync(join(gitdir, "packed-refs"), `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/packed\n`);
    await expect(compareAndSwapRef(gitdir, "refs/heads/packed", undefined, B)).rejects.toBeInstanceOf(RefMoved);
    await compareAndSwapRef(gitdir, "refs/heads/packed", A, B);
    expect(readRefValue(gitdir, "refs/heads/packed")).toBe(B);
  });

  it("waits for a lock a live process holds, then says so in Vietnamese", async () => {
    mkdirSync(join(gitdir, "refs/heads"), { recursive: true });
    const held = await acquireLock(join(gitdir, "refs/heads/main"), () => {}, "nhánh main");
    const started = Date.now();
    await expect(acquireLock(join(gitdir, "refs/heads/main"), () => {}, "nhánh main", 300)).rejects.toThrow(
      /Không ghi được nhánh main: tệp khóa .*main\.lock đang có/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    closeSync(held.descriptor);
    rmSync(held.lock);
  });

  it("removes a lock whose owner died, and says so", async () => {
    const lock = join(gitdir, "refs/heads/main.lock");
    mkdirSync(join(gitdir, "refs/heads"), { recursive: true });
    writeFileSync(lock, "");
    mkdirSync(join(gitdir, "dan-y", "locks"), { recursive: true });
    // A pid no process has (beyond the kernel's limit).
    writeFileSync(lockOwnerFile(lock), "99999999\n");
    const notices: string[] = [];
    await compareAndSwapRef(gitdir, "refs/heads/main", undefined, A, { notice: (message) => notices.push(message) });
    expect(notices).toEqual([expect.stringContaining("Đã gỡ tệp khóa nhánh main do một lệnh trước đó dừng giữa chừng bỏ lại")]);
    expect(readRefValue(gitdir, "refs/heads/main")).toBe(A);
    expect(existsSync(lockOwnerFile(lock))).toBe(false);
  });
});

describe("temporary files a killed writer left", () => {
  it("go when the working files they stood for are written again; a live writer's stay", async () => {
    git("config", "user.name", "Thử");
    git("config", "user.email", "thu@example.vn");
    mkdirSync(join(dir, "content"), { recursive: true });
    writeFileSync(join(dir, "content", "a.md"), "một\n");
    git("add", ".");
    git("commit", "-qm", "one");
    // A pid that certainly belongs to no process: a child that has exited.
    const dead = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));
    const deadLeftover = join(dir, "content", `.a.md.dan-y-tmp-${dead}-0badf00d`);
    const liveWriter = join(dir, "content", `.a.md.dan-y-tmp-${process.ppid}-0ddba11a`);
    const ownFresh = join(dir, "content", `.a.md.dan-y-tmp-${process.pid}-00c0ffee`);
    for (const file of [deadLeftover, liveWriter, ownFresh]) writeFileSync(file, "mộ");
    const { refreshWorkingFiles } = await import("./git.ts");
    await refreshWorkingFiles(dir, "main", ["content/a.md"], () => {});
    expect(existsSync(deadLeftover)).toBe(false);
    expect(existsSync(liveWriter)).toBe(true);
    expect(existsSync(ownFresh)).toBe(true);
    expect(readFileSync(join(dir, "content", "a.md"), "utf8")).toBe("một\n");
  });
});
