/**
 * Crash safety: the process is killed (SIGKILL) at each named write step of
 * submit and approve, and at random moments; the next command must complete or
 * undo what was left, say so, and leave a repository native git finds sound.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRepository, gitLocks, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { runToEnd } from "../test-support/run-to-end.ts";
import { CRASH_STEPS } from "./submissions.ts";

const DRIVER = join(import.meta.dirname, "..", "test-support", "submissions-driver.ts");

function drive(dir: string, args: string[], env: Record<string, string> = {}) {
  return runToEnd(process.execPath, [DRIVER, dir, ...args], { env: { ...process.env, ...env } });
}

/** What must hold after any crash and the next command: native git finds nothing wrong, no lock or journal is left. */
function expectSound(repo: Repository): void {
  repo.git("fsck", "--strict");
  expect(repo.git("status", "--porcelain").trim()).toBe("");
  const gitdir = join(repo.dir, ".git");
  expect(gitLocks(repo.dir)).toEqual([]);
  const journal = join(gitdir, "dan-y", "journal");
  if (existsSync(journal)) expect(readdirSync(journal)).toEqual([]);
}

let repo: Repository;
afterEach(() => repo.remove());

function newObservation(slug: string): { file: string; branch: string } {
  const { path, text } = observationText(slug);
  // The file stays in the working tree after submit, as a user's would: commit it so status judges only what the tools wrote.
  return { file: repo.write(path, text), branch: `submissions/xa-ky-hoa/2026-11-27-${slug}` };
}

describe("killed at each named step", () => {
  it.each(CRASH_STEPS.submit)(
    "submit killed at %s: the retried submit completes it, with one branch",
    async (step) => {
      repo = createRepository();
      const { file, branch } = newObservation("hong-cau");
      const killed = await drive(repo.dir, ["submit", file, PEOPLE.communeMttq], { DAN_Y_CRASH_AT: step });
      expect(killed.signal).toBe("SIGKILL");
      const again = await drive(repo.dir, ["submit", file, PEOPLE.communeMttq]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain(`branch ${branch}`);
      if (step === "submit:after-ref") expect(again.stderr).toContain("dùng lại nhánh đó");
      if (step === "submit:ref-locked") expect(again.stderr).toContain("Đã gỡ tệp khóa nhánh");
      expect(repo.git("branch", "--list", "submissions/*").trim().split("\n")).toHaveLength(1);
      repo.git("add", file);
      repo.git("commit", "-qm", "tệp của người nộp");
      expectSound(repo);
    },
    120_000,
  );

  it.each(CRASH_STEPS.approve)(
    "approve killed at %s: the next command completes or undoes it",
    async (step) => {
      repo = createRepository();
      const { file, branch } = newObservation("mat-dien");
      expect((await drive(repo.dir, ["submit", file, PEOPLE.communeMttq])).status).toBe(0);
      // The submitted file leaves the working tree, as on a reviewer's machine.
      repo.git("clean", "-fdq", "content/observations");
      const killed = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq], { DAN_Y_CRASH_AT: step });
      expect(killed.signal).toBe("SIGKILL");
      const again = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq]);
      expect(again.status, again.stderr).toBe(0);
      const moved = step !== "approve:after-objects" && step !== "approve:ref-locked";
      expect(again.stdout).toMatch(moved ? /^already/ : /^approved/);
      if (moved) expect(again.stderr).toContain("đã ghi lại cho đủ");
      if (step === "approve:ref-locked") expect(again.stderr).toContain("Đã gỡ tệp khóa nhánh main");
      expect(repo.git("ls-tree", "-r", "--name-only", "main")).toContain(file);
      expect(existsSync(join(repo.dir, file))).toBe(true);
      expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("1");
      expectSound(repo);
    },
    120_000,
  );
});

describe("killed at random moments", () => {
  it("leaves, after the next command, every approval whole and the repository sound (12 runs)", async () => {
    repo = createRepository();
    let killedMidway = 0;
    for (let round = 0; round < 12; round++) {
      const { file, branch } = newObservation(`ngau-nhien-${round}`);
      const submitted = await drive(repo.dir, ["submit", file, PEOPLE.communeMttq]);
      expect(submitted.status, submitted.stderr).toBe(0);
      repo.git("clean", "-fdq", "content/observations");
      // Start an approval and kill it after a random delay within its usual run time.
      const child = spawn(process.execPath, [DRIVER, repo.dir, "approve", branch, PEOPLE.provinceMttq], { stdio: "ignore" });
      const delay = 150 + Math.random() * 600;
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
        }, delay);
        child.on("exit", (code, signal) => {
          clearTimeout(timer);
          resolve(signal ?? String(code));
        });
      });
      if (outcome === "SIGKILL") killedMidway++;
      const again = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq]);
      expect(again.status, again.stderr).toBe(0);
      expect(repo.git("ls-tree", "-r", "--name-only", "main")).toContain(file);
      expect(existsSync(join(repo.dir, file))).toBe(true);
      expectSound(repo);
    }
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("12");
    expect(killedMidway).toBeGreaterThan(0);
  }, 300_000);
});
