/**
 * The server answers an approval once `main` has moved and writes the working
 * files after it, in the background. Killed (SIGKILL) at each step of that
 * tail, the next start completes it from the journal: the working copy equals
 * `main`, `git status` is clean, no journal or lock is left, `fsck --strict` is clean.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { focalPoints, observationForm, PASSWORD, roles, sentBranch } from "./testing/load.ts";
import { gitLocks as locks, repositoryForTest, serveForTest } from "./testing/served.ts";
import { Client } from "./testing/workspace-server.ts";

const journal = (dir: string) => {
  const folder = join(dir, ".git", "dan-y", "journal");
  return existsSync(folder) ? readdirSync(folder) : [];
};

test.each(["approve:after-ref", "approve:before-index", "approve:after-files"])(
  "killed at %s after an approval: the next start writes the working copy from the journal",
  async (step) => {
    const repository = repositoryForTest(300);
    const people = focalPoints(repository.content);
    const { senders, approvers } = roles(people, 1);
    const sender = senders[0] as (typeof senders)[number];
    const province = approvers[0] as (typeof approvers)[number];

    const crashing = await serveForTest(repository, { env: { DAN_Y_CRASH_AT: step } });
    const submitter = new Client(crashing.base);
    expect((await submitter.signIn(sender.id, PASSWORD)).status).toBe(303);
    const branch = sentBranch(await submitter.request("/ghi-nhan?_action=record", { form: observationForm(sender, 1) })) as string;
    expect(branch).toMatch(/^submissions\//);
    const path = crashing.git("diff", "--name-only", `main...${branch}`).trim();
    const reviewer = new Client(crashing.base);
    expect((await reviewer.signIn(province.id, PASSWORD)).status).toBe(303);
    // The answer may or may not leave before the process dies: main moving is what counts.
    await reviewer.request("/duyet?_action=review", { form: { branch, decision: "duyet" } }).catch(() => undefined);
    await expect(crashing.waitFor(/a line never printed/, 30_000)).rejects.toThrow(/Server exited/);

    // Main has the approval; the working copy is behind it, and the journal says what to write.
    expect(crashing.git("log", "-1", "--format=%s", "main")).toContain(branch);
    expect(journal(crashing.repository)).toHaveLength(1);

    const next = await serveForTest(repository);
    const client = new Client(next.base);
    expect((await client.signIn(sender.id, PASSWORD)).status).toBe(303);
    // The first page opens the repository, which completes what the journal holds.
    expect((await client.request("/")).status).toBe(200);
    expect(next.output()).toMatch(/đã ghi lại cho đủ/);
    expect(journal(next.repository)).toEqual([]);
    expect(next.git("status", "--porcelain")).toBe("");
    expect(readFileSync(join(next.repository, path), "utf8")).toBe(next.git("show", `main:${path}`));
    expect(locks(next.repository)).toEqual([]);
    next.git("fsck", "--strict", "--no-progress");
  },
  300_000,
);

test("a stop (SIGTERM) while the working files wait for the index lock waits for them", async () => {
  const repository = repositoryForTest(300);
  const people = focalPoints(repository.content);
  const { senders, approvers } = roles(people, 3);
  const server = await serveForTest(repository);
  const reviewer = new Client(server.base);
  expect((await reviewer.signIn((approvers[0] as (typeof approvers)[number]).id, PASSWORD)).status).toBe(303);
  const branches: string[] = [];
  for (const [index, person] of senders.entries()) {
    const client = new Client(server.base);
    expect((await client.signIn(person.id, PASSWORD)).status).toBe(303);
    branches.push(sentBranch(await client.request("/ghi-nhan?_action=record", { form: observationForm(person, index) })) as string);
  }
  // A git command holds the index: the working files cannot follow yet when the stop comes.
  const dir = server.repository;
  writeFileSync(join(dir, ".git", "index.lock"), "");
  const answer = await reviewer.request("/duyet?_action=review", { form: { branch: branches, decision: "duyet" } });
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(400);
  expect(journal(dir).length).toBeGreaterThan(0);
  const stopped = server.stop();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  rmSync(join(dir, ".git", "index.lock"));
  await stopped;
  expect(execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" })).toBe("");
  expect(execFileSync("git", ["log", "--merges", "--format=%s", "main"], { cwd: dir, encoding: "utf8" })).toContain(branches[2] as string);
  expect(journal(dir)).toEqual([]);
  expect(locks(dir)).toEqual([]);
}, 300_000);
