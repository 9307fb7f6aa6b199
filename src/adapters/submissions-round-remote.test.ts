/**
 * An approval round with a Git server (git http-backend on loopback): the
 * chain's end is pushed once, as a fast-forward, before main here moves; when
 * another clone's approval reached the server first, the round syncs and makes
 * its chain again on top.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { startPausedRound } from "../test-support/paused-round.ts";
import { type ServedOrigin, serveOrigin } from "../test-support/served-origin.ts";
import { approveRound, openWorkspace } from "./submissions.ts";

let served: ServedOrigin;
beforeAll(async () => {
  served = await serveOrigin({ username: "can-bo", password: "mat-khau" }, "dan-y-round-server-");
});
afterAll(() => served.close(), 120_000);

async function submitFrom(repo: Repository, slug: string): Promise<string> {
  const { path, text } = observationText(slug);
  const result = await repo.runAsync("submit", repo.write(path, text), "--as", PEOPLE.communeMttq);
  expect(result.status, result.stderr).toBe(0);
  return /nhánh (\S+)/.exec(result.stdout)?.[1] as string;
}

it("pushes a round's chain once and moves main here to its end", async () => {
  const commune = await served.clone();
  const branches = [await submitFrom(commune, "may-chu-mot"), await submitFrom(commune, "may-chu-hai"), await submitFrom(commune, "may-chu-ba")];
  const province = await served.clone();
  const start = province.git("rev-parse", "main").trim();
  const space = await openWorkspace(join(province.dir, "content"), "2026-11-27", { notice: () => {} });
  const outcomes = await approveRound(
    space,
    branches.map((name) => ({ name, reviewerId: PEOPLE.provinceMttq })),
  );
  const commits = outcomes.map((outcome) => {
    if (outcome.status !== "fulfilled" || !outcome.value.merged) throw new Error(JSON.stringify(outcome));
    expect(outcome.value.pushed).toBe(true);
    return outcome.value.commit;
  });
  expect((await served.git("rev-list", "--first-parent", "--reverse", `${start}..main`)).trim().split("\n")).toEqual(commits);
  expect(province.git("rev-parse", "main").trim()).toBe(commits[2]);
  expect(province.git("rev-parse", "origin/main").trim()).toBe(commits[2]);
  expect(province.git("status", "--porcelain").trim()).toBe("");
  await served.git("fsck", "--strict");
}, 180_000);

it("makes the chain again on the server's main when another clone's approval got there first", async () => {
  const commune = await served.clone();
  const branches = [await submitFrom(commune, "chen-mot"), await submitFrom(commune, "chen-hai")];
  const other = await submitFrom(commune, "chen-ngoai");
  const province = await served.clone();
  const elsewhere = await served.clone();
  const paused = startPausedRound(province.dir, branches, PEOPLE.provinceMttq);
  await paused.paused();
  const lone = await elsewhere.runAsync("review", "approve", other, "--as", PEOPLE.provinceMttq);
  expect(lone.status, lone.stderr).toBe(0);
  const moved = (await served.git("rev-parse", "main")).trim();
  const { code, stdout, stderr, pauses } = await paused.continueToEnd();
  expect(code, stderr).toBe(0);
  expect(pauses).toBe(2);
  const commits = stdout
    .trim()
    .split("\n")
    .map((line) => {
      expect(line).toMatch(/^approved [0-9a-f]{40} attempts 2$/);
      return line.split(" ")[1] as string;
    });
  expect((await served.git("rev-list", "--first-parent", "--reverse", `${moved}..main`)).trim().split("\n")).toEqual(commits);
  expect(province.git("rev-parse", "main").trim()).toBe(commits[1]);
  expect(province.git("status", "--porcelain").trim()).toBe("");
  for (const branch of [...branches, other]) await served.git("merge-base", "--is-ancestor", `refs/heads/${branch}`, "main");
  await served.git("fsck", "--strict");
}, 180_000);
