/**
 * Figures for the trust layer, for `bench git` (issue 13's targets): the
 * pre-receive hook's time per push on a repository of `observations` files
 * (target ≤ 1 s), and the cost of encrypting and decrypting `count` restricted
 * observations (target ≤ 5 s each way). Both print medians, wall and CPU.
 *
 * The big repository is the demo history (every body, real reporting lines)
 * plus one administrator commit adding `observations` generated observation
 * files through `git fast-import`: what the hook reads does not depend on how
 * they got there.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateBodyKey, NATIVE_KEYS, readBodyIdentities } from "../adapters/encryption.ts";
import { installHook } from "../adapters/hook.ts";
import { forgetGroupKeys, sealObservation, unsealObservation } from "../core/crypto/sealed-observation.ts";
import { buildDemoRepository } from "./build-demo-repo.ts";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export interface HookFigures {
  files: number;
  /** Median over `runs` pushes of one submission branch, and of one approval merge (ms). */
  submissionMs: number;
  approvalMs: number;
  /** CPU (user + system) of the hook process itself, median, ms. */
  approvalCpuMs: number;
}

const SAMPLE = (index: number) => `---
title: Người dân phản ánh việc số ${index}
observed_on: 2026-10-${String((index % 28) + 1).padStart(2, "0")}
recorded_on: 2026-10-${String((index % 28) + 1).padStart(2, "0")}
unit: xa-thach-ha
organisation: mttq
field: kinh-te
subtopics: []
channel: hop-doan-the-thon
urgency: thuong-xuyen
status: moi
---

Nội dung số ${index}.
`;

/** Builds the big bare repository in `root` and measures pushes through the installed hook (file transport, account from DAN_Y_ACCOUNT). */
export async function benchHook(root: string, files: number, runs = 5): Promise<HookFigures> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const bare = join(root, "kho.git");
  await buildDemoRepository({ contentDirectory: join(import.meta.dirname, "..", "..", "content"), out: bare, bare: true, keyDirectory: null });
  // One administrator commit with `files` observations, streamed into the repository.
  const main = execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" }).trim();
  const chunks: string[] = [
    "commit refs/heads/main",
    "author Trần Thị Thu Hà <tran.thi.thu.ha@example.vn> 1764547200 +0700",
    "committer Trần Thị Thu Hà <tran.thi.thu.ha@example.vn> 1764547200 +0700",
  ];
  const message = "Nhập dữ liệu cũ";
  chunks.push(`data ${Buffer.byteLength(message)}`, message, `from ${main}`);
  for (let index = 0; index < files; index++) {
    const text = SAMPLE(index);
    chunks.push(`M 100644 inline content/observations/2026/10/xa-thach-ha-cu/2026-10-01-viec-${index}.md`, `data ${Buffer.byteLength(text)}`, text);
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: bare, input: `${chunks.join("\n")}\n`, maxBuffer: 1 << 30 });
  installHook(bare);

  const work = join(root, "lam-viec");
  execFileSync("git", ["clone", "-q", bare, work]);
  const submitter = { name: "Nguyễn Văn An", email: "nguyen.van.an@example.vn", id: "xa-thach-ha-hoi-phu-nu-nguyen-van-an" };
  const body = readFileSync(join(work, "content", "bodies", "xa-thach-ha", "mttq.yaml"), "utf8");
  const reviewerName = /name: (.+)/.exec(body)?.[1] as string;
  const reviewerEmail = /email: (.+)/.exec(body)?.[1] as string;
  const reviewerId = /id: (.+)/.exec(body)?.[1] as string;
  const as = (who: { name: string; email: string }, account: string) => ({
    ...process.env,
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    DAN_Y_ACCOUNT: account,
  });
  const submissionTimes: number[] = [];
  const approvalTimes: number[] = [];
  const approvalCpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const branch = `submissions/xa-thach-ha/2026-11-30-do-${run}`;
    const path = `content/observations/2026/11/xa-thach-ha/2026-11-30-do-${run}.md`;
    execFileSync("git", ["checkout", "-q", "-B", branch, "origin/main"], { cwd: work });
    mkdirSync(join(work, "content/observations/2026/11/xa-thach-ha"), { recursive: true });
    writeFileSync(
      join(work, path),
      SAMPLE(run)
        .replace("organisation: mttq", "organisation: hoi-phu-nu")
        .replace("2026-10-", "2026-11-")
        .replace(/observed_on: .*/, "observed_on: 2026-11-30")
        .replace(/recorded_on: .*/, "recorded_on: 2026-11-30"),
    );
    execFileSync("git", ["add", path], { cwd: work });
    execFileSync("git", ["commit", "-qm", `nộp\n\nFocal-point: ${submitter.id}`], { cwd: work, env: as(submitter, submitter.id) });
    let started = performance.now();
    const pushed = spawnSync("git", ["push", "-q", "origin", branch], { cwd: work, env: as(submitter, submitter.id), encoding: "utf8" });
    submissionTimes.push(performance.now() - started);
    if (pushed.status !== 0) throw new Error(`submission push refused: ${pushed.stderr}`);
    execFileSync("git", ["checkout", "-q", "-B", "duyet", "origin/main"], { cwd: work });
    const reviewer = { name: reviewerName, email: reviewerEmail };
    execFileSync("git", ["merge", "-q", "--no-ff", "-m", `Duyệt ${branch}\n\nFocal-point: ${submitter.id}\nReviewer: ${reviewerId}`, branch], {
      cwd: work,
      env: as(reviewer, reviewerId),
    });
    // The hook alone, with its CPU: the same judgement git runs, on the objects already sent.
    const tip = execFileSync("git", ["rev-parse", "HEAD"], { cwd: work, encoding: "utf8" }).trim();
    // Objects in, without a hook: the server fetches the approval from the clone into a ref outside refs/heads.
    execFileSync("git", ["branch", "-f", `duyet-${run}`, tip], { cwd: work });
    execFileSync("git", ["fetch", "-q", work, `refs/heads/duyet-${run}:refs/dan-y-bench/${run}`], { cwd: bare });
    const old = execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" }).trim();
    started = performance.now();
    const judged = spawnSync("sh", ["hooks/pre-receive"], {
      cwd: bare,
      input: `${old} ${tip} refs/heads/main\n`,
      env: as(reviewer, reviewerId),
      encoding: "utf8",
    });
    approvalTimes.push(performance.now() - started);
    if (judged.status !== 0) throw new Error(`approval refused: ${judged.stderr}`);
    const usage = spawnSync("bash", ["-c", "TIMEFORMAT='%U %S'; time sh hooks/pre-receive"], {
      cwd: bare,
      input: `${old} ${tip} refs/heads/main\n`,
      env: as(reviewer, reviewerId),
      encoding: "utf8",
    });
    const [user, system] = (usage.stderr.trim().split("\n").at(-1) ?? "0 0").split(" ").map(Number);
    approvalCpu.push(((user ?? 0) + (system ?? 0)) * 1000);
    execFileSync("git", ["update-ref", "-d", `refs/dan-y-bench/${run}`], { cwd: bare });
  }
  return { files, submissionMs: median(submissionTimes), approvalMs: median(approvalTimes), approvalCpuMs: median(approvalCpu) };
}

export interface SealingFigures {
  count: number;
  readers: number;
  /** Distinct reader sets the files are spread over (each draws its own group key). */
  sets: number;
  runs: number;
  /** Medians over `runs` (ms). */
  sealMs: number;
  unsealMs: number;
  sealCpuMs: number;
  unsealCpuMs: number;
}

/**
 * Seals and unseals `count` restricted observations (native X25519), one
 * process, in turn, `runs` times: the files are spread over `sets` reader sets
 * of `readers` bodies each, as a province's communes are, so each set's group
 * key is drawn (and opened) once per run. Key generation is not timed.
 */
export async function benchSealing(
  keyFolder: string,
  count: number,
  readers = 4,
  runs = 3,
  sets = Math.max(1, Math.round(count / 40)),
): Promise<SealingFigures> {
  rmSync(keyFolder, { recursive: true, force: true });
  const groups = Array.from({ length: sets }, (_, set) => {
    const bodies = Array.from({ length: readers }, (_, index) => `don-vi-${set}-${index}/mttq`);
    const recipients = bodies.map((body) => generateBodyKey(keyFolder, body));
    return { bodies, recipients, identity: readBodyIdentities(keyFolder, bodies[0] as string) };
  });
  const text = SAMPLE(1)
    .replace("status: moi", "location: Thôn Trung Hòa\nstatus: moi")
    .replace("urgency: thuong-xuyen", "urgency: thuong-xuyen\nconfidentiality: han-che");
  const seal: number[] = [];
  const unseal: number[] = [];
  const sealCpu: number[] = [];
  const unsealCpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    forgetGroupKeys();
    let cpu = process.cpuUsage();
    let started = performance.now();
    const sealed: string[] = [];
    for (let index = 0; index < count; index++) {
      const group = groups[index % sets] as (typeof groups)[number];
      sealed.push(await sealObservation(text.replace("số 1", `số ${index}`), group, NATIVE_KEYS));
    }
    seal.push(performance.now() - started);
    let used = process.cpuUsage(cpu);
    sealCpu.push((used.user + used.system) / 1000);
    cpu = process.cpuUsage();
    started = performance.now();
    for (const [index, file] of sealed.entries()) await unsealObservation(file, (groups[index % sets] as (typeof groups)[number]).identity, NATIVE_KEYS);
    unseal.push(performance.now() - started);
    used = process.cpuUsage(cpu);
    unsealCpu.push((used.user + used.system) / 1000);
  }
  return { count, readers, sets, runs, sealMs: median(seal), unsealMs: median(unseal), sealCpuMs: median(sealCpu), unsealCpuMs: median(unsealCpu) };
}
