/**
 * `dan-y import` beside other runs, as real processes: a second import while a
 * first is still running on the same content folder is refused (it would take
 * the first's files, written and not yet submitted, as leftovers of a stopped
 * import); and a branch of an earlier run that still cannot be pushed does not
 * hide this run's success: the success is said first, then the push failure.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createRepository, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { startGitHttpServer } from "../test-support/git-http-server.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
const ARGS = ["--unit", "xa-ky-hoa", "--organisation", "mttq", "--as", PEOPLE.communeMttq, "--yes", "--today", "2026-11-27"];
const ROWS = [
  "20/11/2026;Người dân phản ánh nhà văn hóa xuống cấp;Văn hóa - xã hội;Hòm thư góp ý",
  "21/11/2026;Đường tràn bị ngập sau mưa;Kinh tế;Hòm thư góp ý",
  "22/11/2026;Bà con hỏi về lịch tiêm chủng;Văn hóa - xã hội;Hòm thư góp ý",
];

let repo: Repository;
const started: ChildProcess[] = [];
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  repo.remove();
});

const writeLog = (rows: readonly string[]) => {
  const csv = join(repo.dir, "so.csv");
  writeFileSync(csv, `Ngày;Nội dung;Lĩnh vực;Kênh\n${rows.join("\n")}\n`);
  return csv;
};

/** `dan-y import` in a process of its own, never throwing: status, stdout, stderr. */
async function importLog(csv: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, "import", csv, ...ARGS], {
      cwd: repo.dir,
      env: { ...process.env, CONTENT_DIR: "content", ...env },
      encoding: "utf8",
      timeout: 90_000,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failure.code === "number" ? failure.code : -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

const notes = () => {
  const folder = join(repo.dir, ".git", "dan-y", "imports");
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".json")) : [];
};
const stopped = (pid: number) => existsSync(`/proc/${pid}/stat`) && readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("T");
const submissionBranches = () => repo.git("branch", "--list", "--format=%(refname:short)", "submissions/*").trim().split("\n").filter(Boolean);

it("refuses a second import while the first still runs on the same folder, and the first then finishes alone", async () => {
  const csv = writeLog(ROWS.slice(0, 2));
  // The first import stops (alive) right after writing its files, before it submits them.
  const first = spawn(process.execPath, [BIN, "import", csv, ...ARGS], {
    cwd: repo.dir,
    env: { ...process.env, CONTENT_DIR: "content", DAN_Y_PAUSE_AT: "import:after-files" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(first);
  let firstOut = "";
  first.stdout?.on("data", (chunk: Buffer) => {
    firstOut += chunk.toString();
  });
  first.stderr?.on("data", (chunk: Buffer) => {
    firstOut += chunk.toString();
  });
  const firstExit = new Promise<number | null>((resolve) => first.on("exit", resolve));
  const deadline = Date.now() + 60_000;
  while (!stopped(first.pid as number)) {
    expect(Date.now() < deadline, firstOut).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(notes()).toHaveLength(1);
  const written = repo.git("status", "--porcelain", "--untracked-files=all", "content/observations").trim().split("\n");
  expect(written).toHaveLength(2);

  const second = await importLog(csv);
  expect(second.stderr).toContain(`Một lần nhập sổ khác đang chạy trên thư mục nội dung này (sổ so.csv, đơn vị xa-ky-hoa, tiến trình ${first.pid}`);
  expect(second.stderr).toContain("chờ lần đó xong rồi chạy lại lệnh này. Chưa ghi gì.");
  expect(second.status).toBe(1);
  // Nothing of the first's taken or touched: its files and its note are as it left them, no branch made.
  expect(repo.git("status", "--porcelain", "--untracked-files=all", "content/observations").trim().split("\n")).toEqual(written);
  expect(notes()).toHaveLength(1);
  expect(submissionBranches()).toEqual([]);

  first.kill("SIGCONT");
  expect(await firstExit, firstOut).toBe(0);
  expect(firstOut).toMatch(/Đã ghi 2 thông tin và nộp trên nhánh submissions\/xa-ky-hoa\//);
  expect(submissionBranches()).toHaveLength(1);
  expect(notes()).toEqual([]);
  // Once it is done, the same import writes nothing again.
  const third = await importLog(csv);
  expect(third.stdout).toContain("Không có dòng nào để ghi.");
  expect(submissionBranches()).toHaveLength(1);
  repo.git("fsck", "--strict", "--no-progress");
}, 180_000);

it("says this run's submission first, then that an earlier run's branch still could not be pushed", async () => {
  const root = mkdtempSync(join(tmpdir(), "dan-y-server-"));
  const server = await startGitHttpServer(root);
  const credentials = { DAN_Y_GIT_USERNAME: "can-bo", DAN_Y_GIT_PASSWORD: "mat-khau" };
  try {
    const bare = join(root, "kho.git");
    repo.git("init", "-q", "--bare", bare);
    repo.git("push", "-q", bare, "main");
    // Out of reach first: nothing listens on port 9. The branch is made, its push fails.
    repo.git("remote", "add", "origin", "http://127.0.0.1:9/kho.git");
    const earlier = await importLog(writeLog(ROWS.slice(0, 2)), credentials);
    expect(earlier.status).toBe(3);
    const [branch] = submissionBranches() as [string];
    // The server meanwhile holds another commit under that branch's name: pushing ours is refused (not a fast-forward).
    const git = (...args: string[]) => repo.git("--git-dir", bare, ...args);
    const other = git("commit-tree", "-p", "main", "-m", "Một commit khác", `${git("rev-parse", "main").trim()}^{tree}`).trim();
    git("update-ref", `refs/heads/${branch}`, other);
    repo.git("remote", "set-url", "origin", `${server.url}/kho.git`);

    const result = await importLog(writeLog(ROWS), credentials);
    const made = submissionBranches().filter((name) => name !== branch);
    expect(made).toHaveLength(1);
    expect(result.stdout).toContain(`Đã ghi 1 thông tin và nộp trên nhánh ${made[0]}.`);
    expect(result.stdout).toContain("Bước tiếp theo: chờ cơ quan cấp trên duyệt");
    expect(result.stderr).toContain(`Lỗi Git: Không đẩy được nhánh "${branch}" lên origin: máy chủ từ chối`);
    expect(result.stderr).toContain("chạy lại đúng lệnh này để đẩy khi máy chủ nhận");
    expect(result.status).toBe(3);
    // This run's branch is on the server; the earlier one is still the server's own.
    expect(git("rev-parse", made[0] as string).trim()).toBe(repo.git("rev-parse", made[0] as string).trim());
    expect(git("rev-parse", branch).trim()).toBe(other);
    repo.git("fsck", "--strict", "--no-progress");
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}, 180_000);
