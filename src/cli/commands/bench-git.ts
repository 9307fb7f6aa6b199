/**
 * `dan-y bench git`: on a repository of 100k generated observations, times
 * submitting one observation, listing 200 pending submissions and approving one,
 * each beside native git doing the same steps (`git add` + `git commit`,
 * `git merge --no-ff`) on the same repository in the same run. Medians of 3.
 * Then what crash safety costs (the same submit and approve with the flushes
 * to disk turned off: temporary files and renames stay), and ten approval
 * processes started at once against one approval process (all ten must be on
 * main). Targets: submit and approve no slower than native git (ratio ≤ 1.0);
 * list ≤ 2 s; ten approvals at once within 10× one.
 * `BENCH_OBSERVATIONS=10000` for a smaller repository.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Command } from "commander";
import { parse } from "yaml";
import { act, examples } from "../command-kit.ts";
import { generateBenchContent, median } from "../lib/bench.ts";

const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 100_000);
const RUNS = 3;
const PENDING = 200;
const AT_ONCE = 10;
const SEALED = Number(process.env.BENCH_SEALED ?? 10_000);
/** Issue 13's targets, seconds. */
const HOOK_TARGET = 1;
const SEAL_TARGET = 5;
/** The ratios to native git this benchmark printed before crash safety and compare-and-swap (README, 2026-11). */
const BEFORE = { submit: 0.21, approve: 0.44 };
const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js");

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

async function benchGit(): Promise<void> {
  if (!process.env.BENCH_TRUST_ONLY) await benchRecord();
  await benchTrust();
}

/** The hook per push and sealing, medians, wall and CPU, beside the targets. */
async function benchTrust(): Promise<void> {
  const { benchHook, benchSealing } = await import("../../demo/trust-bench.ts");
  const dir = mkdtempSync(join(tmpdir(), "dan-y-bench-trust-"));
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const verdict = (ms: number, target: number) => (ms / 1000 <= target ? "đạt" : "chưa đạt");
  try {
    const hook = await benchHook(join(dir, "moc"), OBSERVATIONS, RUNS);
    console.log(`Móc pre-receive trên kho lịch sử mẫu + ${OBSERVATIONS.toLocaleString("vi-VN")} thông tin, trung vị ${RUNS} lần:`);
    console.log(
      `Móc kiểm tra một commit duyệt: ${seconds(hook.approvalMs)} s (CPU của móc ${seconds(hook.approvalCpuMs)} s) · mục tiêu ≤ ${HOOK_TARGET} s: ${verdict(hook.approvalMs, HOOK_TARGET)}`,
    );
    console.log(
      `Đẩy một bài nộp (git push, cả truyền dữ liệu và móc): ${seconds(hook.submissionMs)} s · mục tiêu ≤ ${HOOK_TARGET} s: ${verdict(hook.submissionMs, HOOK_TARGET)}`,
    );
    const sealing = await benchSealing(join(dir, "khoa"), SEALED, 4, RUNS);
    console.log(
      `Mã hóa ${SEALED.toLocaleString("vi-VN")} thông tin hạn chế (${sealing.readers} cơ quan đọc mỗi tệp, ${sealing.sets} nhóm người đọc), trung vị ${RUNS} lần:`,
    );
    console.log(
      `Mã hóa: ${seconds(sealing.sealMs)} s (CPU ${seconds(sealing.sealCpuMs)} s) · mục tiêu ≤ ${SEAL_TARGET} s: ${verdict(sealing.sealMs, SEAL_TARGET)}`,
    );
    console.log(
      `Giải mã: ${seconds(sealing.unsealMs)} s (CPU ${seconds(sealing.unsealCpuMs)} s) · mục tiêu ≤ ${SEAL_TARGET} s: ${verdict(sealing.unsealMs, SEAL_TARGET)}`,
    );
  } finally {
    if (process.env.BENCH_KEEP) console.log(`Giữ lại kho đo: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function benchRecord(): Promise<void> {
  // Loaded here, not at the top: every dan-y command imports this file to describe itself.
  const { editTree, refTarget, setBranch, treeOf, writeBlob, writeCommit } = await import("../../adapters/git.ts");
  const { setDurable } = await import("../../adapters/git-store.ts");
  const { approve, openWorkspace, pendingSubmissions, submit } = await import("../../adapters/submissions.ts");
  const dir = mkdtempSync(join(tmpdir(), "dan-y-bench-git-"));
  const content = join(dir, "content");
  try {
    generateBenchContent(content, OBSERVATIONS);
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.vn", ...args], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "bench content");
    process.chdir(dir);
    const space = await openWorkspace("content", "2026-11-27");

    // A commune's MTTQ focal point and a template observation of that commune.
    const unit = "xa-thach-ha";
    const submitter = (parse(readFileSync(join(content, "bodies", unit, "mttq.yaml"), "utf8")) as { focal_points: { id: string }[] }).focal_points[0]
      ?.id as string;
    const reviewer = (parse(readFileSync(join(content, "bodies", "ha-tinh", "mttq.yaml"), "utf8")) as { focal_points: { id: string }[] }).focal_points[0]
      ?.id as string;
    const template = readFileSync(
      join(content, "observations/2026/11", unit, readdirSync(join(content, "observations/2026/11", unit)).filter((name) => name.endsWith(".md"))[0] as string),
      "utf8",
    )
      .replace(/^organisation: .*$/m, "organisation: mttq")
      .replace(/^observed_on: .*$/m, "observed_on: 2026-11-20")
      .replace(/^recorded_on: .*$/m, "recorded_on: 2026-11-21")
      .replace(/^status: .*$/m, "status: moi")
      .replace(/^forwarded_to: .*\n/m, "")
      .replace(/^follow_up:\n(?: {2}.*\n)*/m, "follow_up: []\n")
      .replace(/^related:\n(?: {2}.*\n)*/m, "related: []\n");
    const newFile = (slug: string) => {
      const path = `content/observations/2026/11/${unit}/2026-11-20-${slug}.md`;
      writeFileSync(join(dir, path), template);
      return path;
    };

    const ours = { submit: [] as number[], approve: [] as number[] };
    const native = { submit: [] as number[], approve: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const [submitSeconds, submitted] = await timed(() => submit(space, [newFile(`bench-${run}`)], submitter, undefined));
      ours.submit.push(submitSeconds);
      const [approveSeconds] = await timed(() => approve(space, submitted.branch, reviewer));
      ours.approve.push(approveSeconds);

      git("switch", "-q", "-c", `native-${run}`);
      const file = newFile(`native-${run}`);
      const [nativeSubmit] = await timed(() => {
        git("add", file);
        git("commit", "-qm", "native submit");
      });
      native.submit.push(nativeSubmit);
      git("switch", "-q", "main");
      const [nativeMerge] = await timed(() => git("merge", "-q", "--no-ff", "-m", "native merge", `native-${run}`));
      native.approve.push(nativeMerge);
      git("reset", "-q", "--hard", "HEAD~1");
    }

    // The same without flushing to disk: what crash safety costs.
    const unflushed = { submit: [] as number[], approve: [] as number[] };
    setDurable(false);
    for (let run = 0; run < RUNS; run++) {
      const [submitSeconds, submitted] = await timed(() => submit(space, [newFile(`khong-fsync-${run}`)], submitter, undefined));
      unflushed.submit.push(submitSeconds);
      const [approveSeconds] = await timed(() => approve(space, submitted.branch, reviewer));
      unflushed.approve.push(approveSeconds);
    }
    setDurable(true);

    // Approval processes (the command line, as a reviewer runs it): one alone, then ten at once.
    const approveInProcess = (branch: string) =>
      promisify(execFile)(process.execPath, [BIN, "review", "approve", branch, "--as", reviewer, "--today", "2026-11-27"], {
        cwd: dir,
        env: { ...process.env, CONTENT_DIR: "content" },
        encoding: "utf8",
      });
    const waiting: string[] = [];
    for (let index = 0; index < RUNS + AT_ONCE; index++) waiting.push((await submit(space, [newFile(`cung-luc-${index}`)], submitter, undefined)).branch);
    const alone: number[] = [];
    for (const branch of waiting.slice(0, RUNS)) alone.push((await timed(() => approveInProcess(branch)))[0]);
    const together = waiting.slice(RUNS);
    const [atOnce, outputs] = await timed(() => Promise.all(together.map(approveInProcess)));
    const retries = outputs.filter((output) => /sau \d+ lần/.test(output.stdout)).length;
    const onMain = together.filter((branch) => git("merge-base", "--is-ancestor", branch, "main") === "").length;

    // 200 pending submissions, written with plumbing (not timed), then listed.
    const main = (await refTarget(dir, "main")) as string;
    const mainTree = await treeOf(dir, main);
    const blob = await writeBlob(dir, new TextEncoder().encode(template));
    for (let index = 0; index < PENDING; index++) {
      const tree = await editTree(dir, mainTree, [{ path: `content/observations/2026/11/${unit}/2026-11-20-cho-duyet-${index}.md`, oid: blob }]);
      const commit = await writeCommit(dir, {
        tree,
        parents: [main],
        author: { name: "x", email: "x@example.vn" },
        message: `Nộp\n\nFocal-point: ${submitter}`,
      });
      await setBranch(dir, `submissions/${unit}/cho-duyet-${index}`, commit);
    }
    const listed: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const [seconds, pending] = await timed(() => pendingSubmissions(space));
      listed.push(seconds);
      count = pending.length;
    }

    const line = (name: string, mine: number[], theirs: number[]) =>
      `${name}: Dân ý ${median(mine).toFixed(3)} s · git ${median(theirs).toFixed(3)} s · tỉ lệ ${(median(mine) / median(theirs)).toFixed(2)}`;
    console.log(`Kho ${OBSERVATIONS.toLocaleString("vi-VN")} thông tin, trung vị ${RUNS} lần:`);
    console.log(line("Nộp một thông tin (kiểm tra + commit) / git add + git commit", ours.submit, native.submit));
    console.log(line("Duyệt (kiểm tra + hợp nhất) / git merge --no-ff", ours.approve, native.approve));
    console.log(`Liệt kê ${count} bài nộp chờ duyệt: ${median(listed).toFixed(3)} s (lần đầu, chưa có bộ nhớ đệm: ${(listed[0] as number).toFixed(3)} s)`);
    const cost = (name: keyof typeof ours) =>
      `${median(ours[name]).toFixed(3)} s có ghi đĩa an toàn (fsync) · ${median(unflushed[name]).toFixed(3)} s không fsync · tỉ lệ với git ${(median(ours[name]) / median(native[name])).toFixed(2)} (trước đây ${BEFORE[name].toFixed(2)}, mục tiêu ≤ 1,00)`;
    console.log(`Chi phí an toàn khi sập máy, nộp: ${cost("submit")}`);
    console.log(`Chi phí an toàn khi sập máy, duyệt: ${cost("approve")}`);
    console.log(
      `${AT_ONCE} lượt duyệt cùng lúc (${AT_ONCE} tiến trình): ${atOnce.toFixed(3)} s tổng, ${onMain}/${AT_ONCE} có trên main, ${retries} lượt phải hợp nhất lại · một lượt duyệt (một tiến trình) ${median(alone).toFixed(3)} s · tỉ lệ ${(atOnce / median(alone)).toFixed(2)} (mục tiêu ≤ ${AT_ONCE})`,
    );
  } finally {
    if (process.env.BENCH_KEEP) console.log(`Giữ lại kho đo: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("git")
    .description(
      "Đo Git: trên kho 100.000 thông tin, đo nộp một thông tin, liệt kê 200 bài nộp chờ duyệt và duyệt một bài, bên cạnh git gốc làm cùng việc (trung vị 3 lần); chi phí ghi đĩa an toàn (có và không fsync); 10 lượt duyệt cùng lúc so với một lượt. Mục tiêu: nộp và duyệt không chậm hơn git (tỉ lệ ≤ 1,0); liệt kê ≤ 2 s; 10 lượt cùng lúc ≤ 10 lần một lượt. Rồi móc pre-receive mỗi lần đẩy (mục tiêu ≤ 1 s) và mã hóa, giải mã 10.000 thông tin hạn chế (mục tiêu ≤ 5 s mỗi chiều). Đổi cỡ bằng BENCH_OBSERVATIONS, BENCH_SEALED; chỉ đo phần móc và mã hóa bằng BENCH_TRUST_ONLY=1; giữ kho đo bằng BENCH_KEEP=1.",
    );
  command.action(act(benchGit));
  examples(command, [
    ["npx dan-y bench git", "đo trên kho 100.000 thông tin"],
    ["BENCH_OBSERVATIONS=10000 npx dan-y bench git", "đo trên kho nhỏ hơn"],
    ["BENCH_KEEP=1 npx dan-y bench git", "giữ lại kho đo để xem"],
    ["BENCH_TRUST_ONLY=1 npx dan-y bench git", "chỉ đo móc pre-receive và mã hóa thông tin hạn chế"],
  ]);
}
