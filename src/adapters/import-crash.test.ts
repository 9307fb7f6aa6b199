/**
 * Crash safety of `dan-y import`: the real program is killed (SIGKILL, the
 * named steps of `DAN_Y_CRASH_AT`, as in submissions-crash.test.ts) while it
 * writes its working files, after them, and at each step of making its branch.
 * Running the same import again submits every row once, in one branch, writes
 * nothing twice, never overwrites a file edited by hand, and `dan-y doctor`
 * on the state left says which import stopped and what finishes it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRepository, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { runToEnd } from "../test-support/run-to-end.ts";
import { IMPORT_CRASH_STEPS } from "./import-intake.ts";
import { CRASH_STEPS } from "./submissions.ts";

const DAN_Y_BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
const ROWS = 24;

/** `dan-y …` in the repository, as a user runs it, with the environment given (the crash step). */
function danY(dir: string, args: string[], env: Record<string, string> = {}) {
  return runToEnd(process.execPath, [DAN_Y_BIN, ...args], { cwd: dir, env: { ...process.env, CONTENT_DIR: "content", ...env } });
}

/** A suggestion-box list of distinct rows, all in the past of 2026-11-27. */
function writeLog(dir: string, rows = ROWS, name = "hom-thu.csv", topic = "sụt lún"): string {
  const lines = ["\uFEFFNgày;Nội dung;Lĩnh vực;Kênh;Mức độ"];
  for (let n = 1; n <= rows; n++)
    lines.push(
      `${String((n % 28) + 1).padStart(2, "0")}/10/2026;Bà con thôn số ${n} đề nghị sửa đoạn đường ${n} bị ${topic};Kinh tế;Hòm thư góp ý;Thường xuyên`,
    );
  const file = join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const importArgs = (log: string, today = "2026-11-27") => [
  "import",
  log,
  "--unit",
  "xa-ky-hoa",
  "--organisation",
  "mttq",
  "--as",
  PEOPLE.communeMttq,
  "--mapping",
  "anh-xa.yaml",
  "--yes",
  "--today",
  today,
];

const branches = (repo: Repository) =>
  repo
    .git("branch", "--list", "submissions/*")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

const notes = (repo: Repository) => {
  const folder = join(repo.dir, ".git", "dan-y", "imports");
  return existsSync(folder) ? readdirSync(folder) : [];
};

/** The repository is sound; the one submission holds every row once, and each file on disk is the submitted one. */
function expectSubmittedOnce(repo: Repository, rows = ROWS): string {
  repo.git("fsck", "--strict");
  const [branch, ...others] = branches(repo);
  expect(others).toEqual([]);
  const submitted = repo
    .git("diff", "--name-only", "main", branch as string)
    .trim()
    .split("\n");
  expect(submitted).toHaveLength(rows);
  expect(repo.git("rev-list", "--count", `main..${branch}`).trim()).toBe("1");
  for (const path of submitted) expect(readFileSync(join(repo.dir, path), "utf8")).toBe(repo.git("show", `${branch}:${path}`));
  // Nothing but the submitted files is new in the working tree, no lock and no note are left.
  const untracked = repo.git("status", "--porcelain", "--untracked-files=all").trim().split("\n");
  expect(untracked.filter((line) => !line.startsWith("?? content/observations/") && line !== "?? anh-xa.yaml" && line !== "?? hom-thu.csv")).toEqual([]);
  expect(untracked.filter((line) => line.startsWith("?? content/observations/"))).toHaveLength(rows);
  expect(readdirSync(join(repo.dir, ".git"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".lock"))).toEqual([]);
  expect(notes(repo)).toEqual([]);
  return branch as string;
}

let repo: Repository;
afterEach(() => repo.remove());

describe("dan-y import killed at each named step", () => {
  it.each([...IMPORT_CRASH_STEPS, ...CRASH_STEPS.submit])(
    "killed at %s: the same import again submits every row once",
    async (step) => {
      repo = createRepository();
      const log = writeLog(repo.dir);
      const killed = await danY(repo.dir, importArgs(log), { DAN_Y_CRASH_AT: step });
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      const madeBranch = step === "submit:after-ref";
      expect(branches(repo)).toHaveLength(madeBranch ? 1 : 0);

      const again = await danY(repo.dir, importArgs(log));
      expect(again.status, again.stdout + again.stderr).toBe(0);
      if (madeBranch) {
        // The branch was made: every row is recorded there, nothing is written or submitted again.
        expect(again.stdout).toContain(`Tổng cộng: 0 dòng hợp lệ sẽ ghi, 0 dòng bị từ chối, ${ROWS} dòng trùng (không ghi lại).`);
      } else {
        expect(again.stdout).toMatch(/Đã (ghi|nộp) 24 thông tin (và nộp )?trên nhánh submissions\/xa-ky-hoa\/2026-11-27-/);
        if (step !== "import:mid-files") {
          expect(again.stdout).toContain("đã thành tệp ở một lần nhập trước bị dừng giữa chừng, chưa nộp: dùng lại đúng các tệp đó");
          expect(again.stdout).toContain(`ghi mới 0 tệp, dùng lại ${ROWS} tệp của lần nhập trước bị dừng giữa chừng`);
        }
      }
      if (step === "submit:ref-locked") expect(again.stderr).toContain("Đã gỡ tệp khóa nhánh");
      expectSubmittedOnce(repo);

      // A third time: every row is recorded, in the one branch.
      const third = await danY(repo.dir, importArgs(log));
      expect(third.stdout).toContain(`Tổng cộng: 0 dòng hợp lệ sẽ ghi, 0 dòng bị từ chối, ${ROWS} dòng trùng (không ghi lại).`);
      expect(third.stdout).toMatch(/trùng với thông tin đã có xa-ky-hoa\/2026-10-02-/);
      expectSubmittedOnce(repo);
    },
    120_000,
  );
});

describe("after an import stopped between its files and its branch", () => {
  it("doctor names the import and the command that finishes it; that command, a day later, submits the files left, never overwriting one edited by hand", async () => {
    repo = createRepository();
    const log = writeLog(repo.dir);
    expect((await danY(repo.dir, importArgs(log), { DAN_Y_CRASH_AT: "import:after-files" })).signal).toBe("SIGKILL");
    const left = readdirSync(join(repo.dir, "content", "observations", "2026", "10"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    expect(left).toHaveLength(ROWS);

    const doctor = await danY(repo.dir, ["doctor"]);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(`Chưa sửa: Lần nhập sổ hom-thu.csv (đơn vị xa-ky-hoa, bắt đầu 2026-`);
    expect(doctor.stdout).toContain(
      `bị dừng trước khi nộp: ${ROWS} tệp đã ghi chưa có trong main hay nhánh bài nộp nào (content/observations/2026/10/xa-ky-hoa/`,
    );
    expect(doctor.stdout).toContain(
      `để nguyên các tệp; chạy lại lệnh nhập để nộp chúng một lần, không ghi lại: npx dan-y import hom-thu.csv --unit xa-ky-hoa --organisation mttq --as ${PEOPLE.communeMttq} --mapping anh-xa.yaml --yes`,
    );
    // Doctor left the files as they were.
    expect(left.every((path) => existsSync(path))).toBe(true);

    // One file edited by hand, one cut short as a killed write leaves it.
    const [edited, cut] = left as [string, string];
    const editedText = readFileSync(edited, "utf8").replace("bị sụt lún", "bị sụt lún nặng (đã xác minh)");
    writeFileSync(edited, editedText);
    writeFileSync(cut, readFileSync(cut, "utf8").slice(0, 40));

    const edit = await danY(repo.dir, ["doctor"]);
    expect(edit.stdout).toContain(`bị dừng trước khi nộp: ${ROWS - 2} tệp đã ghi chưa có`);
    expect(edit.stdout).toContain(
      `; 2 tệp khác của lần đó đã khác lúc ghi (${edited.slice(repo.dir.length + 1)}, …): lần nhập lại ghi lại cho đủ tệp bị ghi dở và không ghi đè tệp đã được sửa tay`,
    );

    const again = await danY(repo.dir, importArgs(log, "2026-11-28"));
    expect(again.status, again.stdout + again.stderr).toBe(1);
    const editedPath = edited.slice(repo.dir.length + 1);
    expect(again.stdout).toContain(`đã có tệp ${editedPath} chưa nộp và khác với dòng này (có thể đã được sửa tay): không ghi đè.`);
    expect(again.stdout).toContain("tệp của lần nhập trước bị ghi dở (cắt ngang): ghi lại cho đủ");
    expect(again.stdout).toContain(`Tổng cộng: ${ROWS - 1} dòng hợp lệ sẽ ghi, 1 dòng bị từ chối, 0 dòng trùng (không ghi lại).`);
    expect(again.stdout).toContain(`ghi mới 1 tệp, dùng lại ${ROWS - 2} tệp của lần nhập trước bị dừng giữa chừng`);
    // The hand edit is intact; the cut file is whole again (and as its row says).
    expect(readFileSync(edited, "utf8")).toBe(editedText);
    expect(readFileSync(cut, "utf8")).toMatch(/^---\n[\s\S]*\n---\n\nBà con thôn số \d+ đề nghị/);
    // Files taken over keep the day they were first recorded; the one written again says today.
    const [branch] = branches(repo) as [string];
    expect(branch).toMatch(/^submissions\/xa-ky-hoa\/2026-11-28-/);
    const submitted = repo.git("diff", "--name-only", "main", branch).trim().split("\n");
    expect(submitted).toHaveLength(ROWS - 1);
    expect(submitted).not.toContain(editedPath);
    const recordedOn = submitted.map((path) => /recorded_on: (\S+)/.exec(repo.git("show", `${branch}:${path}`))?.[1]);
    expect(recordedOn.filter((day) => day === "2026-11-27")).toHaveLength(ROWS - 2);
    expect(recordedOn.filter((day) => day === "2026-11-28")).toHaveLength(1);
    expect(notes(repo)).toEqual([]);
    repo.git("fsck", "--strict");

    // Doctor: nothing left over but the user's own edit, which is not an import's.
    const after = await danY(repo.dir, ["doctor"]);
    expect(after.stdout, after.stdout).toContain("Kho lành mạnh");
  }, 120_000);

  it("doctor drops the note of an import whose branch was made before it was killed", async () => {
    repo = createRepository();
    const log = writeLog(repo.dir);
    expect((await danY(repo.dir, importArgs(log), { DAN_Y_CRASH_AT: "submit:after-ref" })).signal).toBe("SIGKILL");
    expect(notes(repo)).toHaveLength(1);
    const doctor = await danY(repo.dir, ["doctor"]);
    expect(doctor.stdout).toContain(
      "Đã sửa: Ghi chú của lần nhập sổ hom-thu.csv (đơn vị xa-ky-hoa) còn lại dù các tệp của nó đã được nộp, đã bị xóa hoặc đã được sửa tay: đã xóa ghi chú.",
    );
    expect(notes(repo)).toEqual([]);
    expectSubmittedOnce(repo);
    expect((await danY(repo.dir, ["doctor"])).stdout).toContain("Kho lành mạnh");
  }, 120_000);
});

describe("dan-y import killed at random moments", () => {
  it("submits, after the same import again, every row of each log once (8 logs)", async () => {
    repo = createRepository();
    const rows = 150;
    const argsFor = (log: string) => importArgs(log).filter((arg) => arg !== "--mapping" && arg !== "anh-xa.yaml");
    // How long one import takes here, so the kills land anywhere in it.
    const started = performance.now();
    expect((await danY(repo.dir, argsFor(writeLog(repo.dir, rows, "so-0.csv", "ngập nước lần 0")))).status).toBe(0);
    const duration = performance.now() - started;
    let killedMidway = 0;
    for (let round = 1; round <= 8; round++) {
      const args = argsFor(writeLog(repo.dir, rows, `so-${round}.csv`, `ngập nước lần ${round}`));
      const child = spawn(process.execPath, [DAN_Y_BIN, ...args], { cwd: repo.dir, stdio: "ignore", env: { ...process.env, CONTENT_DIR: "content" } });
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), duration * (0.3 + 0.7 * Math.random()));
        child.on("exit", (code, signal) => {
          clearTimeout(timer);
          resolve(signal ?? String(code));
        });
      });
      if (outcome === "SIGKILL") killedMidway++;
      const again = await danY(repo.dir, args);
      expect(again.status, again.stdout + again.stderr).toBe(0);
      repo.git("fsck", "--strict");
      const all = branches(repo);
      expect(all).toHaveLength(round + 1);
      // Each branch holds one log's rows, and no row is in two branches.
      const submitted = all.map((branch) => repo.git("diff", "--name-only", "main", branch).trim().split("\n"));
      expect(submitted.map((files) => files.length)).toEqual(all.map(() => rows));
      expect(new Set(submitted.flat()).size).toBe((round + 1) * rows);
      expect(notes(repo)).toEqual([]);
    }
    expect(killedMidway).toBeGreaterThan(0);
  }, 300_000);
});
