/** The doctor on real repositories damaged as a crash or a hand edit would; native git judges the result. */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { doctor, formatDoctorReport } from "./doctor.ts";

const run = promisify(execFile);
const DRIVER = join(import.meta.dirname, "..", "test-support", "submissions-driver.ts");
const drive = async (dir: string, args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [DRIVER, dir, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    return { status: 0 as number | null, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failure.code === "number" ? failure.code : null, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
};

let repo: Repository;
afterEach(() => repo.remove());

const longAgo = new Date(Date.now() - 3600_000);

async function submitted(slug: string): Promise<{ file: string; branch: string }> {
  const { path, text } = observationText(slug);
  const file = repo.write(path, text);
  const result = await drive(repo.dir, ["submit", file, PEOPLE.communeMttq]);
  expect(result.status, result.stderr).toBe(0);
  return { file, branch: `submissions/xa-ky-hoa/2026-11-27-${slug}` };
}

describe("doctor", () => {
  it("finds nothing wrong in a sound repository", async () => {
    repo = createRepository();
    const report = await doctor(repo.dir);
    expect(report.healthy).toBe(true);
    expect(formatDoctorReport(report)).toContain("Kho lành mạnh");
  });

  it("removes locks left by dead processes, and keeps a fresh one", async () => {
    repo = createRepository();
    const gitdir = join(repo.dir, ".git");
    writeFileSync(join(gitdir, "index.lock"), "");
    writeFileSync(join(gitdir, "refs", "heads", "main.lock"), "");
    utimesSync(join(gitdir, "index.lock"), longAgo, longAgo);
    utimesSync(join(gitdir, "refs", "heads", "main.lock"), longAgo, longAgo);
    const report = await doctor(repo.dir);
    expect(formatDoctorReport(report)).toContain("Đã sửa: Tệp khóa index.lock do một lệnh đã dừng bỏ lại: đã xóa.");
    expect(formatDoctorReport(report)).toContain("Đã sửa: Tệp khóa refs/heads/main.lock");
    expect(existsSync(join(gitdir, "index.lock"))).toBe(false);
    repo.git("update-ref", "refs/heads/main", "HEAD");

    writeFileSync(join(gitdir, "index.lock"), "");
    const fresh = await doctor(repo.dir);
    expect(fresh.findings).toEqual([expect.objectContaining({ repaired: false, problem: "Tệp khóa index.lock đang có" })]);
    rmSync(join(gitdir, "index.lock"));
  });

  it("restores an emptied branch and an emptied main from the reflog", async () => {
    repo = createRepository();
    const main = repo.git("rev-parse", "main").trim();
    repo.git("branch", "submissions/xa-ky-hoa/2026-11-27-x", "main");
    const gitdir = join(repo.dir, ".git");
    writeFileSync(join(gitdir, "refs/heads/submissions/xa-ky-hoa/2026-11-27-x"), "");
    writeFileSync(join(gitdir, "refs/heads/main"), "");
    const report = await doctor(repo.dir);
    expect(
      report.findings.filter((finding) => finding.repaired && /rỗng hoặc hỏng: đã khôi phục/.test(formatDoctorReport({ findings: [finding], healthy: false }))),
    ).toHaveLength(2);
    expect(readFileSync(join(gitdir, "refs/heads/main"), "utf8").trim()).toBe(main);
    expect(repo.git("rev-parse", "submissions/xa-ky-hoa/2026-11-27-x").trim()).toBe(main);
    repo.git("fsck", "--strict");
    expect((await doctor(repo.dir)).healthy).toBe(true);
  });

  it("says plainly when a ref cannot be restored", async () => {
    repo = createRepository();
    const gitdir = join(repo.dir, ".git");
    writeFileSync(join(gitdir, "refs/heads/lac-loi"), "0123456789012345678901234567890123456789\n");
    const report = await doctor(repo.dir);
    expect(formatDoctorReport(report)).toContain("Chưa sửa: Tham chiếu refs/heads/lac-loi trỏ tới commit 0123456 không còn trong kho");
    expect(report.findings.some((finding) => !finding.repaired)).toBe(true);
    rmSync(join(gitdir, "refs/heads/lac-loi"));
  });

  it("rewrites a truncated blob from the identical working file, and drops an unreferenced damaged one", async () => {
    repo = createRepository();
    const { file, branch } = await submitted("doi-tuong-hong");
    const blob = repo.git("rev-parse", `${branch}:${file}`).trim();
    const gitdir = join(repo.dir, ".git");
    const path = join(gitdir, "objects", blob.slice(0, 2), blob.slice(2));
    rmSync(path);
    writeFileSync(path, "");
    writeFileSync(join(repo.dir, "rac.txt"), "không ai dùng\n");
    const orphan = repo.git("hash-object", "-w", "rac.txt").trim();
    rmSync(join(repo.dir, "rac.txt"));
    const orphanPath = join(gitdir, "objects", orphan.slice(0, 2), orphan.slice(2));
    truncateSync(orphanPath, 3);
    const report = formatDoctorReport(await doctor(repo.dir));
    expect(report).toContain(`Đã sửa: Đối tượng Git ${blob.slice(0, 7)} bị hỏng (tệp rỗng hoặc bị cắt): đã ghi lại từ tệp làm việc ${file}.`);
    expect(report).toContain(`Đã sửa: Đối tượng Git ${orphan.slice(0, 7)} bị hỏng (tệp rỗng hoặc bị cắt): không nhánh nào dùng đến: đã xóa.`);
    repo.git("fsck", "--strict");
    const approved = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq]);
    expect(approved.status, approved.stderr).toBe(0);
  });

  it("brings the working files up to a main moved by hand, leaving local edits alone", async () => {
    repo = createRepository();
    const first = await submitted("main-di-chuyen");
    const second = await submitted("sua-tay");
    repo.git("clean", "-fdq", "content/observations");
    // What a crash before this tool kept a journal left: main merged twice, working files and index as before.
    let main = repo.git("rev-parse", "main").trim();
    for (const { branch } of [first, second]) {
      const tip = repo.git("rev-parse", branch).trim();
      const tree = repo.git("merge-tree", "--write-tree", main, tip).trim();
      main = repo.git("commit-tree", "-p", main, "-p", tip, "-m", "Duyệt bằng tay", tree).trim();
    }
    repo.git("update-ref", "refs/heads/main", main);
    repo.write(second.file.replace(/^content\//, ""), "bản của người dùng\n");
    const report = formatDoctorReport(await doctor(repo.dir));
    expect(report).toContain(`nhưng 1 tệp làm việc vẫn là bản cũ (${first.file}): đã ghi bản mới của main.`);
    expect(report).toContain(`Chưa sửa: 1 tệp khác với main và có thay đổi chưa commit (${second.file}): để nguyên`);
    expect(existsSync(join(repo.dir, first.file))).toBe(true);
    expect(readFileSync(join(repo.dir, second.file), "utf8")).toBe("bản của người dùng\n");
  });

  it("completes an approval whose process died after moving main", async () => {
    repo = createRepository();
    const { file, branch } = await submitted("dung-giua-chung");
    repo.git("clean", "-fdq", "content/observations");
    const killed = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq], { DAN_Y_CRASH_AT: "approve:after-ref" });
    expect(killed.status).toBeNull();
    expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toHaveLength(1);
    const report = formatDoctorReport(await doctor(repo.dir));
    expect(report).toContain("nhưng dừng trước khi ghi xong 1 tệp làm việc: đã ghi lại cho đủ");
    expect(existsSync(join(repo.dir, file))).toBe(true);
    expect(repo.git("status", "--porcelain").trim()).toBe("");
    repo.git("fsck", "--strict");
  });
});

describe("an approval whose index.lock stays busy after main moved", () => {
  it("reports success, leaves the journal, and the next command writes the files: status clean, fsck --strict", async () => {
    repo = createRepository();
    const { file, branch } = await submitted("khoa-index-ban");
    repo.git("clean", "-fdq", "content/observations");
    // Another live process (a git command with its editor open) holds index.lock for longer than the approval waits.
    const holder = spawn("sleep", ["120"], { stdio: "ignore" });
    try {
      const lock = join(repo.dir, ".git", "index.lock");
      writeFileSync(lock, "");
      mkdirSync(join(repo.dir, ".git", "dan-y", "locks"), { recursive: true });
      writeFileSync(join(repo.dir, ".git", "dan-y", "locks", "index.lock.owner"), `${holder.pid}\n`);
      const approved = await drive(repo.dir, ["approve", branch, PEOPLE.provinceMttq], { DAN_Y_INDEX_LOCK_WAIT_MS: "1500" });
      expect(approved.status, approved.stderr).toBe(0);
      expect(approved.stderr).toContain("main đã được cập nhật, nhưng chưa ghi được tệp làm việc (Không ghi được .git/index: tệp khóa");
      expect(approved.stderr).toContain("lệnh dan-y tiếp theo sẽ ghi lại");
      expect(repo.git("ls-tree", "-r", "--name-only", "main")).toContain(file);
      // The files are written before the index, so the file is there but the index does not know it yet.
      expect(existsSync(join(repo.dir, file))).toBe(true);
      expect(repo.git("status", "--porcelain")).toContain(`D  ${file}`);
      expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toHaveLength(1);
      // While the holder lives, the next command waits for it too and says it will try again.
      const whileBusy = await drive(repo.dir, ["list"], { DAN_Y_INDEX_LOCK_WAIT_MS: "500" });
      expect(whileBusy.status, whileBusy.stderr).toBe(0);
      expect(whileBusy.stderr).toContain("sẽ thử lại ở lệnh sau");
      expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toHaveLength(1);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    // The holder died leaving its lock: the next command removes it and completes the approval.
    const next = await drive(repo.dir, ["list"]);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain("Đã gỡ tệp khóa .git/index");
    expect(next.stderr).toContain("nhưng dừng trước khi ghi xong 1 tệp làm việc: đã ghi lại cho đủ");
    expect(existsSync(join(repo.dir, file))).toBe(true);
    expect(existsSync(join(repo.dir, ".git", "index.lock"))).toBe(false);
    expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toHaveLength(0);
    expect(repo.git("status", "--porcelain").trim()).toBe("");
    repo.git("fsck", "--strict");
  });
});

describe("dan-y doctor", () => {
  it("exits 0 on a sound repository and 1 after repairing, in Vietnamese", async () => {
    repo = createRepository();
    const bin = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
    const doctorRun = () =>
      run(process.execPath, [bin, "doctor"], { cwd: repo.dir, encoding: "utf8", env: { ...process.env, CONTENT_DIR: "content" } }).then(
        (result) => ({ status: 0, stdout: result.stdout }),
        (error: { code: number; stdout: string }) => ({ status: error.code, stdout: error.stdout }),
      );
    expect(await doctorRun()).toEqual({ status: 0, stdout: expect.stringContaining("Kho lành mạnh") });
    writeFileSync(join(repo.dir, ".git", "index.lock"), "");
    utimesSync(join(repo.dir, ".git", "index.lock"), longAgo, longAgo);
    expect(await doctorRun()).toEqual({ status: 1, stdout: expect.stringContaining("Đã sửa: Tệp khóa index.lock") });
    expect(await doctorRun()).toEqual({ status: 0, stdout: expect.stringContaining("Kho lành mạnh") });
  });
});
