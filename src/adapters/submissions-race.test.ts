/**
 * Racing approvals: ten processes approving thirty submissions at once on one
 * repository, and ten clones approving through one Git HTTP server. Every
 * approval that reports success must be on main; native git judges the result.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { type ServedOrigin, serveOrigin } from "../test-support/served-origin.ts";
import { openWorkspace, submit } from "./submissions.ts";

const run = promisify(execFile);
const DRIVER = join(import.meta.dirname, "..", "test-support", "submissions-driver.ts");
const PROCESSES = 10;
const SUBMISSIONS = 30;

/** Runs the driver in a process of its own, never throwing: status, stdout and stderr. */
async function drive(dir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DRIVER, dir, ...args], { encoding: "utf8", timeout: 240_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failure.code === "number" ? failure.code : -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

/** Every file below a folder whose name ends in `.lock` (git's and ours). */
function locksUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".lock"));
}

/** Submits `count` observations in this process (fast), returning their branches and files. */
async function submitMany(repo: Repository, count: number, tag: string): Promise<{ branch: string; file: string }[]> {
  const space = await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: () => {} });
  const made: { branch: string; file: string }[] = [];
  for (let index = 0; index < count; index++) {
    const { path, text } = observationText(`${tag}-${index}`);
    const file = repo.write(path, text);
    const result = await submit(space, [join(repo.dir, file)], PEOPLE.communeMttq, undefined);
    made.push({ branch: result.branch, file });
  }
  return made;
}

/** Deals the submissions to `lanes` processes, each approving its share one after another. */
async function approveInLanes(dirs: readonly string[], submissions: readonly { branch: string }[]) {
  const lanes = dirs.map((dir, lane) => ({ dir, branches: submissions.filter((_, index) => index % dirs.length === lane).map((item) => item.branch) }));
  const results = await Promise.all(
    lanes.map(async ({ dir, branches }) => {
      const outcomes: { branch: string; status: number; stdout: string; stderr: string }[] = [];
      for (const branch of branches) outcomes.push({ branch, ...(await drive(dir, "approve", branch, PEOPLE.provinceMttq)) });
      return outcomes;
    }),
  );
  return results.flat();
}

describe("approvals racing on one local repository", () => {
  let repo: Repository;
  afterEach(() => repo.remove());

  it(`${PROCESSES} processes approving ${SUBMISSIONS} submissions at once lose nothing`, async () => {
    repo = createRepository();
    const submitted = await submitMany(repo, SUBMISSIONS, "dua");
    const outcomes = await approveInLanes(
      Array.from({ length: PROCESSES }, () => repo.dir),
      submitted,
    );
    expect(outcomes.filter((outcome) => outcome.status !== 0).map((outcome) => `${outcome.branch}: ${outcome.stderr}`)).toEqual([]);
    const onMain = repo.git("ls-tree", "-r", "--name-only", "main");
    for (const { branch, file } of submitted) {
      expect(onMain).toContain(file);
      repo.git("merge-base", "--is-ancestor", branch, "main");
    }
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe(String(SUBMISSIONS));
    expect(repo.git("status", "--porcelain").trim()).toBe("");
    repo.git("fsck", "--strict");
    expect(locksUnder(join(repo.dir, ".git"))).toEqual([]);
    expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toEqual([]);
    // Some approvals had to re-read main and merge again: the race really happened.
    expect(outcomes.some((outcome) => !/attempts 1$/m.test(outcome.stdout))).toBe(true);
  }, 600_000);
});

describe("approvals racing through one Git HTTP server", () => {
  let served: ServedOrigin;
  const clone = () => served.clone();
  const originGit = (...args: string[]) => served.git(...args);

  beforeAll(async () => {
    served = await serveOrigin({ username: "can-bo", password: "mat-khau" }, "dan-y-race-server-");
  });

  afterAll(() => served.close(), 120_000);

  it(`${PROCESSES} clones approving ${SUBMISSIONS} submissions at once lose nothing`, async () => {
    const commune = await clone();
    const submitted = await submitMany(commune, SUBMISSIONS, "may-chu");
    const reviewers = await Promise.all(Array.from({ length: PROCESSES }, () => clone()));
    const outcomes = await approveInLanes(
      reviewers.map((reviewer) => reviewer.dir),
      submitted,
    );
    expect(outcomes.filter((outcome) => outcome.status !== 0).map((outcome) => `${outcome.branch}: ${outcome.stderr}`)).toEqual([]);
    const onMain = await originGit("ls-tree", "-r", "--name-only", "main");
    for (const { branch, file } of submitted) {
      expect(onMain).toContain(file);
      await originGit("merge-base", "--is-ancestor", `refs/heads/${branch}`, "main");
    }
    expect((await originGit("rev-list", "--merges", "--count", "main")).trim()).toBe(String(SUBMISSIONS));
    await originGit("fsck", "--strict");
    for (const reviewer of reviewers) {
      expect(reviewer.git("status", "--porcelain").trim()).toBe("");
      reviewer.git("fsck", "--strict");
      expect(locksUnder(join(reviewer.dir, ".git"))).toEqual([]);
    }
  }, 600_000);
});
