/**
 * The workspace's approvals asked for at once go in as one round: one move of
 * main for all of them, each caller answered with its own merge commit or its
 * own refusal, and the served model, the queue and the working copy follow.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import * as git from "../adapters/git.ts";
import { openWorkspace, submit } from "../adapters/submissions.ts";
import { RefusalError } from "../core/errors.ts";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { ServedRecord } from "./record.ts";

// A pass-through spy: how many times main is swapped.
vi.mock("../adapters/git.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../adapters/git.ts")>();
  return { ...actual, updateBranch: vi.fn(actual.updateBranch) };
});
const mainSwaps = () => vi.mocked(git.updateBranch).mock.calls.filter(([, branch]) => branch === "main").length;

let repo: Repository;
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => repo.remove());

async function submitAll(slugs: readonly string[]): Promise<{ branch: string; file: string }[]> {
  const space = await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: () => {} });
  const made = [];
  for (const slug of slugs) {
    const { path, text } = observationText(slug);
    const file = repo.write(path, text);
    made.push({ branch: (await submit(space, [join(repo.dir, file)], PEOPLE.communeMttq, undefined)).branch, file });
  }
  repo.git("clean", "-fdq", "content/observations");
  return made;
}

it("approves five asked at once in one round: four merges chained in arrival order, the unentitled one refused alone", async () => {
  const start = repo.git("rev-parse", "main").trim();
  const made = await submitAll(["mot", "hai", "ba", "bon", "nam"]);
  const record = new ServedRecord({ contentDirectory: join(repo.dir, "content"), today: () => "2026-11-27" });
  const before = (await record.model()).observations.size;
  expect((await record.pending()).map((submission) => submission.branch).sort()).toEqual(made.map(({ branch }) => branch).sort());
  vi.mocked(git.updateBranch).mockClear();

  const answers = await Promise.allSettled(made.map(({ branch }, index) => record.approve(branch, index === 2 ? PEOPLE.otherCommune : PEOPLE.provinceMttq)));
  expect(mainSwaps()).toBe(1);
  const refused = answers[2];
  expect(refused?.status).toBe("rejected");
  expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(RefusalError);
  expect((refused as PromiseRejectedResult).reason.message).toContain(`Không duyệt được ${made[2]?.branch}`);
  const commits = answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value] : []));
  expect(commits).toHaveLength(4);
  expect(repo.git("rev-list", "--first-parent", "--reverse", "main").trim().split("\n")).toEqual([start, ...commits]);
  for (const [index, commit] of commits.entries()) {
    const branch = made.filter((_, at) => at !== 2)[index]?.branch as string;
    expect(repo.git("log", "-1", "--format=%s%n%b", commit)).toMatch(new RegExp(`^Duyệt ${branch}\n[^]*Reviewed-by: Đặng Thị Lan <lan@example.vn>`));
  }

  // The served model has the four, the queue only the refused one; the working copy and index follow main.
  expect((await record.model()).observations.size).toBe(before + 4);
  expect((await record.pending()).map((submission) => submission.branch)).toEqual([made[2]?.branch]);
  await record.workingCopyWritten();
  expect(repo.git("status", "--porcelain").trim()).toBe("");
  expect(repo.git("ls-files", "content/observations")).toContain(made[3]?.file);
  repo.git("fsck", "--strict", "--no-progress");
}, 120_000);

it("gathers the approvals asked while a round is being written into the next round", async () => {
  const made = await submitAll(["dau", "sau-mot", "sau-hai"]);
  const record = new ServedRecord({ contentDirectory: join(repo.dir, "content"), today: () => "2026-11-27" });
  await record.pending();
  vi.mocked(git.updateBranch).mockClear();
  const first = record.approve(made[0]?.branch as string, PEOPLE.provinceMttq);
  // Asked once the first round is writing: main is swapped once for it, once for these two.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const later = made.slice(1).map(({ branch }) => record.approve(branch, PEOPLE.provinceMttq));
  const commits = await Promise.all([first, ...later]);
  expect(mainSwaps()).toBe(2);
  expect(repo.git("rev-list", "--first-parent", "--max-count=3", "--reverse", "main").trim().split("\n")).toEqual(commits);
  await record.workingCopyWritten();
  expect(repo.git("status", "--porcelain").trim()).toBe("");
}, 120_000);
