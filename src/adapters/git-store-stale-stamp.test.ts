/**
 * A ref file whose stamp does not change when it is replaced (a file system
 * with whole-second times that hands the freed inode back, same size): the
 * ref cache may then answer an old value, but a compare-and-swap reads the
 * file itself under the lock, so the stale value costs a retry, never a lost
 * move of the branch.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { compareAndSwapRef, RefMoved, readRefValue, settled } from "./git-store.ts";

/** Paths whose stat always answers the first stamp seen, with times on an old whole second. */
const frozen = new Map<string, unknown>();
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const statSync = ((path: string, options?: object) => {
    const stats = actual.statSync(path, options as never);
    if (!stats || ![...frozen.keys()].some((frozenPath) => String(path) === frozenPath)) return stats;
    if (frozen.get(String(path)) === undefined) {
      const old = 1_700_000_000_000_000_000n;
      frozen.set(String(path), { ...stats, mtimeNs: old, ctimeNs: old });
    }
    return frozen.get(String(path));
  }) as typeof actual.statSync;
  return { ...actual, statSync, default: { ...actual, statSync } };
});

let dir: string;
let gitdir: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
const C = "c".repeat(40);
const commit = (message: string) => {
  git("-c", "user.name=Thử", "-c", "user.email=thu@example.vn", "commit", "-q", "--allow-empty", "-m", message);
  return git("rev-parse", "HEAD");
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-stale-stamp-"));
  git("init", "-q", "-b", "main");
  gitdir = join(dir, ".git");
});
afterEach(() => {
  frozen.clear();
  rmSync(dir, { recursive: true, force: true });
});

describe("a ref whose stamp stays when it is replaced", () => {
  it("is moved by a compare-and-swap only from the value on disk", async () => {
    const path = join(gitdir, "refs/heads/main");
    frozen.set(path, undefined);
    const first = commit("một");
    expect(readRefValue(gitdir, "refs/heads/main")).toBe(first);
    // Another process moves main; this file system gives the new file the old stamp.
    const second = commit("hai");
    expect(readRefValue(gitdir, "refs/heads/main")).toBe(first);
    const refused = await compareAndSwapRef(gitdir, "refs/heads/main", first, C).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefMoved);
    expect((refused as RefMoved).actual).toBe(second);
    expect(readFileSync(path, "utf8")).toBe(`${second}\n`);
    // The retry from the value read under the lock lands.
    await compareAndSwapRef(gitdir, "refs/heads/main", second, C);
    expect(readFileSync(path, "utf8")).toBe(`${C}\n`);
  });
});

describe("when a stamp is trusted", () => {
  const second = 1_700_000_000n;
  it("100 ms after a change on a clock with nanoseconds", () => {
    const at = second * 1_000_000_000n + 250_000_000n;
    const stats = { mtimeNs: at, ctimeNs: at };
    const changedMs = Number(at / 1_000_000n);
    expect(settled(stats, changedMs + 50)).toBe(false);
    expect(settled(stats, changedMs + 150)).toBe(true);
  });

  it("2 s after the stamp on a clock with whole seconds, where later writes in that second keep it", () => {
    const at = second * 1_000_000_000n;
    const stats = { mtimeNs: at, ctimeNs: at };
    const stampMs = Number(second) * 1000;
    expect(settled(stats, stampMs + 900)).toBe(false);
    expect(settled(stats, stampMs + 1500)).toBe(false);
    expect(settled(stats, stampMs + 2100)).toBe(true);
  });
});
