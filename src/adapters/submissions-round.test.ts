/**
 * Approval rounds (`approveRound`): several approvals asked for at once go to
 * main as one chain of merge commits, one object write and one move of main;
 * each judged against the link it lands on, a refused one answered alone; a
 * command approving meanwhile makes the round build its chain again; a round
 * killed at any step is completed or undone whole by the next command.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GitError, RefusalError } from "../core/errors.ts";
import { createRepository, gitLocks, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { startPausedRound } from "../test-support/paused-round.ts";
import { runToEnd } from "../test-support/run-to-end.ts";
import * as git from "./git.ts";
import { type ApproveResult, approve, approveRound, CRASH_STEPS, openWorkspace, submit, type Workspace } from "./submissions.ts";

// Pass-through spies: how many times main is swapped and objects are written.
vi.mock("./git.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./git.ts")>();
  return { ...actual, updateBranch: vi.fn(actual.updateBranch), writeBatch: vi.fn(actual.writeBatch) };
});

const ROUND_DRIVER = join(import.meta.dirname, "..", "test-support", "approval-round-driver.ts");
const DRIVER = join(import.meta.dirname, "..", "test-support", "submissions-driver.ts");

let repo: Repository;
let space: Workspace;
let notices: string[];

beforeEach(async () => {
  repo = createRepository();
  notices = [];
  space = await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: (message) => notices.push(message) });
  vi.mocked(git.updateBranch).mockClear();
  vi.mocked(git.writeBatch).mockClear();
});
afterEach(() => repo.remove());

/** Submits an observation as the commune's MTTQ (or `as`), leaving the working tree as a reviewer's machine has it. */
async function submitted(slug: string, options: { as?: string; body?: string } = {}): Promise<{ branch: string; file: string }> {
  const { path, text } = observationText(slug);
  const file = repo.write(path, options.body ? text.replace("Bà con phản ánh tại cuộc họp thôn.", options.body) : text);
  const result = await submit(space, [join(repo.dir, file)], options.as ?? PEOPLE.communeMttq, undefined);
  repo.git("clean", "-fdq", "content/observations");
  return { branch: result.branch, file };
}

const mainSwaps = () => vi.mocked(git.updateBranch).mock.calls.filter(([, branch]) => branch === "main").length;

/** What must hold after a round: native git finds nothing wrong, the working copy and index equal main, no lock or journal is left. */
function expectSound(): void {
  repo.git("fsck", "--strict", "--no-progress");
  expect(repo.git("status", "--porcelain").trim()).toBe("");
  const gitdir = join(repo.dir, ".git");
  expect(gitLocks(repo.dir)).toEqual([]);
  const journal = join(gitdir, "dan-y", "journal");
  if (existsSync(journal)) expect(readdirSync(journal)).toEqual([]);
}

const merged = (outcome: PromiseSettledResult<ApproveResult> | undefined): ApproveResult & { merged: true } => {
  if (outcome?.status !== "fulfilled" || !outcome.value.merged) throw new Error(`not merged: ${JSON.stringify(outcome)}`);
  return outcome.value;
};
const refusal = (outcome: PromiseSettledResult<ApproveResult> | undefined): Error => {
  if (outcome?.status !== "rejected") throw new Error(`not refused: ${JSON.stringify(outcome)}`);
  return outcome.reason as Error;
};

describe("a round of approvals", () => {
  it("lands four approvals as four merge commits chained in the order asked, with one object write and one move of main", async () => {
    const start = repo.git("rev-parse", "main").trim();
    const made = [];
    for (const slug of ["mot", "hai", "ba", "bon"]) made.push(await submitted(slug));
    vi.mocked(git.writeBatch).mockClear();
    const outcomes = await approveRound(
      space,
      made.map(({ branch }) => ({ name: branch, reviewerId: PEOPLE.provinceMttq })),
    );
    const commits = outcomes.map((outcome) => merged(outcome).commit);
    expect(mainSwaps()).toBe(1);
    expect(vi.mocked(git.writeBatch)).toHaveBeenCalledTimes(1);

    // main's first-parent line: start, then each approval's merge in the order asked.
    expect(repo.git("rev-list", "--first-parent", "--reverse", "main").trim().split("\n")).toEqual([start, ...commits]);
    for (const [index, { branch, file }] of made.entries()) {
      const commit = commits[index] as string;
      expect(repo.git("rev-parse", `${commit}^1`).trim()).toBe(index === 0 ? start : commits[index - 1]);
      expect(repo.git("rev-parse", `${commit}^2`).trim()).toBe(repo.git("rev-parse", branch).trim());
      // Its tree is the previous link's with this branch's file, and nothing else.
      expect(repo.git("diff", "--name-only", `${commit}^1`, commit).trim()).toBe(file);
      const message = repo.git("log", "-1", "--format=%B", commit);
      expect(message).toContain(`Duyệt ${branch}\n\nxa-ky-hoa/mttq nộp 1 tệp; ha-tinh/mttq duyệt.`);
      expect(message).toContain("Submitted-by: Lê Văn Bình");
      expect(message).toContain("Reviewed-by: Đặng Thị Lan <lan@example.vn>");
      expect(readFileSync(join(repo.dir, file), "utf8")).toBe(repo.git("show", `main:${file}`));
      expect(merged(outcomes[index]).paths).toEqual([file.replace(/^content\//, "")]);
    }
    expectSound();
  }, 120_000);

  it("makes, for a round of one, the commit a lone approval makes", async () => {
    const alone = await submitted("mot-minh");
    const single = await approve(space, alone.branch, PEOPLE.provinceMttq);
    const inRound = await submitted("mot-luot");
    const [outcome] = await approveRound(space, [{ name: inRound.branch, reviewerId: PEOPLE.provinceMttq }]);
    const shape = (commit: string, branch: string) =>
      repo
        .git("cat-file", "-p", commit)
        .replace(/ \d+ [+-]\d{4}$/gm, " <time>")
        .replace(new RegExp(branch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), "<branch>")
        .replace(/^(tree|parent) [0-9a-f]{40}$/gm, "$1 <id>");
    expect(single.merged && shape(single.commit, alone.branch)).toBe(shape(merged(outcome).commit, inRound.branch));
    expect(merged(outcome).attempts).toBe(1);
    expectSound();
  }, 120_000);

  it("answers a refused approval with its own refusal and lands the others on each other", async () => {
    const first = await submitted("dat-dai");
    // The same file with other words: a conflict once the first is on main.
    const clash = await submitted("dat-dai", { body: "Bà con phản ánh khác hẳn." });
    const unentitled = await submitted("duong-xa");
    const last = await submitted("cau-treo");
    expect(clash.file).toBe(first.file);
    const outcomes = await approveRound(space, [
      { name: first.branch, reviewerId: PEOPLE.provinceMttq },
      { name: clash.branch, reviewerId: PEOPLE.provinceMttq },
      { name: unentitled.branch, reviewerId: PEOPLE.otherCommune },
      { name: last.branch, reviewerId: PEOPLE.provinceMttq },
    ]);
    const [one, , , four] = outcomes.map((outcome) => (outcome.status === "fulfilled" ? merged(outcome).commit : ""));
    const conflict = refusal(outcomes[1]);
    expect(conflict).toBeInstanceOf(RefusalError);
    expect(conflict.message).toContain(clash.branch);
    expect(conflict.message).toMatch(/xung đột|đã có/);
    const denied = refusal(outcomes[2]);
    expect(denied).toBeInstanceOf(RefusalError);
    expect(denied.message).toContain("không có thẩm quyền duyệt bài của xa-ky-hoa/mttq");
    expect(mainSwaps()).toBe(1);
    // The last lands on the first: nothing of the refused ones is on main.
    expect(repo.git("rev-parse", `${four}^1`).trim()).toBe(one);
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("2");
    expect(repo.git("show", `main:${first.file}`)).toContain("Bà con phản ánh tại cuộc họp thôn.");
    expect(repo.git("ls-tree", "-r", "--name-only", "main")).not.toContain(unentitled.file);
    for (const branch of [clash.branch, unentitled.branch]) {
      expect(() => repo.git("merge-base", "--is-ancestor", branch, "main")).toThrow();
    }
    expectSound();
  }, 120_000);

  it("answers every accepted approval with the failure when the round's objects cannot be written, main and the journal left as they were", async () => {
    const made = [await submitted("hong-dia-mot"), await submitted("hong-dia-hai")];
    const start = repo.git("rev-parse", "main").trim();
    vi.mocked(git.writeBatch).mockImplementationOnce(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new GitError("Đĩa đầy: không ghi được đối tượng");
    });
    const outcomes = await approveRound(
      space,
      made.map(({ branch }) => ({ name: branch, reviewerId: PEOPLE.provinceMttq })),
    );
    for (const outcome of outcomes) expect(refusal(outcome).message).toBe("Đĩa đầy: không ghi được đối tượng");
    expect(mainSwaps()).toBe(0);
    expect(repo.git("rev-parse", "main").trim()).toBe(start);
    expectSound();
    // Nothing was lost: the same round goes through once the disk is back.
    const again = await approveRound(
      space,
      made.map(({ branch }) => ({ name: branch, reviewerId: PEOPLE.provinceMttq })),
    );
    for (const outcome of again) merged(outcome);
    expectSound();
  }, 120_000);

  it("says 'already' for a branch asked twice in one round, merged once", async () => {
    const one = await submitted("hai-lan");
    const outcomes = await approveRound(space, [
      { name: one.branch, reviewerId: PEOPLE.provinceMttq },
      { name: one.branch, reviewerId: PEOPLE.provinceMttq },
    ]);
    merged(outcomes[0]);
    expect(outcomes[1]).toEqual({ status: "fulfilled", value: { merged: false, already: true } });
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("1");
  }, 120_000);
});

describe("a round racing a command-line approval", () => {
  it("makes the chain again on the main the command moved, losing and doubling nothing", async () => {
    const round = [];
    for (const slug of ["luot-mot", "luot-hai", "luot-ba"]) round.push(await submitted(slug));
    const cli = await submitted("dong-lenh");
    // The round stops right after writing its objects, before it swaps main.
    const paused = startPausedRound(
      repo.dir,
      round.map(({ branch }) => branch),
      PEOPLE.provinceMttq,
    );
    await paused.paused();

    const lone = await repo.runAsync("review", "approve", cli.branch, "--as", PEOPLE.provinceMttq);
    expect(lone.status, lone.stderr).toBe(0);
    const moved = repo.git("rev-parse", "main").trim();

    // Continued, the round finds main moved, builds again (and stops again after the new objects), then lands.
    const { code, stdout, stderr, pauses } = await paused.continueToEnd();
    expect(code, stderr).toBe(0);
    expect(pauses).toBe(2);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^approved [0-9a-f]{40} attempts 2$/);
    const commits = lines.map((line) => line.split(" ")[1] as string);
    expect(repo.git("rev-list", "--first-parent", "--reverse", `${moved}..main`).trim().split("\n")).toEqual(commits);
    expect(repo.git("rev-parse", `${commits[0]}^1`).trim()).toBe(moved);
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("4");
    const onMain = repo.git("ls-tree", "-r", "--name-only", "main");
    for (const { branch, file } of [...round, cli]) {
      expect(onMain).toContain(file);
      repo.git("merge-base", "--is-ancestor", branch, "main");
      expect(existsSync(join(repo.dir, file))).toBe(true);
    }
    expectSound();
  }, 180_000);
});

describe("a round killed at each named step", () => {
  it.each(CRASH_STEPS.approve)(
    "killed at %s: the next command completes or undoes the whole round",
    async (step) => {
      const round = [];
      for (const slug of ["sap-mot", "sap-hai", "sap-ba"]) round.push(await submitted(slug));
      const before = repo.git("rev-parse", "main").trim();
      const killed = await runToEnd(process.execPath, [ROUND_DRIVER, repo.dir, ...round.flatMap(({ branch }) => [branch, PEOPLE.provinceMttq])], {
        env: { ...process.env, DAN_Y_CRASH_AT: step },
      });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      const moved = step !== "approve:after-objects" && step !== "approve:ref-locked";
      // Whole or nothing: main has every merge of the round or none.
      expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe(moved ? "3" : "0");
      if (!moved) expect(repo.git("rev-parse", "main").trim()).toBe(before);

      for (const [index, { branch }] of round.entries()) {
        const again = await runToEnd(process.execPath, [DRIVER, repo.dir, "approve", branch, PEOPLE.provinceMttq]);
        expect(again.status, again.stderr).toBe(0);
        expect(again.stdout).toMatch(moved ? /^already/ : /^approved/);
        if (index === 0 && moved) expect(again.stderr).toContain("ghi xong 3 tệp làm việc: đã ghi lại cho đủ");
        if (index === 0 && step === "approve:ref-locked") expect(again.stderr).toContain("Đã gỡ tệp khóa nhánh main");
      }
      expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("3");
      for (const { file } of round) expect(existsSync(join(repo.dir, file))).toBe(true);
      expectSound();
    },
    120_000,
  );
});
