/**
 * Two `dan-y publish` runs on one site at once, as real processes: the later
 * one waits for the first (saying so) instead of sharing its staging folders,
 * both publish, and nothing of either is left beside the site. A lock whose
 * holder died is removed and said.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { minimalContent } from "../test-support/content-fixtures.ts";
import { testdir, writeTree } from "../test-support/testdir.ts";
import { publishLockPath, withPublishLock } from "./publish-lock.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");

async function publish(work: string): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, "publish", "--site", "trang", "--today", "2026-11-27"], {
      cwd: work,
      env: { ...process.env, CONTENT_DIR: "content" },
      encoding: "utf8",
      timeout: 600_000,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failure.code === "number" ? failure.code : -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

it("two publishes of one site at once: the second waits, both publish, nothing is left beside the site", { timeout: 900_000 }, async () => {
  const work = testdir();
  writeTree(join(work, "content"), minimalContent());
  const runs = await Promise.all([publish(work), publish(work)]);
  for (const run of runs) {
    expect(run.stderr, run.stdout).not.toMatch(/Lỗi|Chưa xuất bản/);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/Đã xuất bản \d+ trang vào trang/);
  }
  expect(runs.filter((run) => run.stdout.includes("Đang chờ lần xuất bản khác"))).toHaveLength(1);
  expect(existsSync(join(work, "trang", "index.html"))).toBe(true);
  expect(existsSync(join(work, "trang", "pagefind"))).toBe(true);
  // Only the site and its cache: no staging, index or lock of either run (retired copies are removed in the background).
  expect(readdirSync(work).filter((name) => name.startsWith("trang.") && !name.startsWith("trang.cu-") && name !== "trang.cache")).toEqual([]);
});

it("removes a publish lock left by a process that died, saying so, and waits for a live holder", async () => {
  const site = join(testdir(), "trang");
  const lock = publishLockPath(site);
  const dead = execFileSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).trim();
  writeFileSync(lock, `${dead}\n`);
  const said: string[] = [];
  expect(
    await withPublishLock(
      site,
      (line) => said.push(line),
      async () => "xuất bản",
    ),
  ).toBe("xuất bản");
  expect(said.join("\n")).toContain(`Đã gỡ khóa xuất bản ${lock} do một lần xuất bản trước đó dừng giữa chừng bỏ lại (tiến trình ${dead} không còn chạy)`);
  expect(existsSync(lock)).toBe(false);

  // One holding this process's own pid is an earlier run's (a restarted container reuses pids): removed too.
  writeFileSync(lock, `${process.pid}\n`);
  said.length = 0;
  expect(
    await withPublishLock(
      site,
      (line) => said.push(line),
      async () => "lại",
    ),
  ).toBe("lại");
  expect(said).toHaveLength(1);

  // A live holder (this test's parent): the publish waits, saying so once, and goes on when the lock is gone.
  writeFileSync(lock, `${process.ppid}\n`);
  const heard: string[] = [];
  const waiting = withPublishLock(
    site,
    (line) => heard.push(line),
    async () => "sau",
  );
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(heard).toEqual(["Đang chờ lần xuất bản khác của trang này xong…"]);
  rmSync(lock);
  expect(await waiting).toBe("sau");
  expect(heard).toHaveLength(1);
});
