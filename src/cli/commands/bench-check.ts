/**
 * `dan-y bench check`: generates 10k and 100k observations (deterministic) and
 * times `check` on each in a fresh process, printing wall time and peak memory;
 * three runs each, the median reported. Target: 100k in ≤ 5 s and ≤ 1 GB.
 * Then the largest tree is committed to a Git repository (git CLI), one more
 * observation is committed, and `check --changed HEAD~1..HEAD` is timed
 * (target ≤ 1 s). `BENCH_SIZES=1000,5000` changes the sizes. First, the
 * generated Markdown shapes that `check` accepts are rendered and their ms per
 * kB printed beside prose (target ≤ 3 ms/kB, issue 12).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { generateBenchContent, median, PEAK_PROBE, peakMbOf } from "../lib/bench.ts";
import { DAN_Y_BIN } from "../lib/entry.ts";
import { progress } from "../progress.ts";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const RUNS = 3;
interface Run {
  wall: number;
  peak: number;
}

/** Runs check on a content directory in a fresh process, three times. */
function timeCheck(directory: string, args: string[]): Run[] {
  const bar = progress(`Đo check ${args.join(" ")}`, RUNS, "lần");
  const runs = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["--import", PEAK_PROBE, DAN_Y_BIN, "check", "--quiet", ...args], {
      cwd: directory,
      env: { ...process.env, CONTENT_DIR: directory },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 0) console.error(`check ${args.join(" ")} exited ${result.status}: ${(result.stdout + result.stderr).slice(0, 500)}`);
    bar.advance();
    return { wall, peak: peakMbOf(result.stderr) };
  });
  bar.stop();
  return runs;
}

/** The median, and the spread beside it: on a shared 2-core machine one run can be a third slower than the next. */
const describe = (runs: Run[]) => {
  const walls = runs.map((run) => run.wall);
  const spread = `nhanh nhất ${Math.min(...walls).toFixed(2)} s, chậm nhất ${Math.max(...walls).toFixed(2)} s`;
  return `${median(walls).toFixed(2)} s (trung vị ${RUNS} lần; ${spread}), RSS đỉnh ${median(runs.map((run) => run.peak)).toFixed(0)} MB`;
};

/** The first observation file of a generated tree. */
function firstObservation(directory: string): string {
  let path = "observations";
  for (let depth = 0; depth < 4; depth++) path = `${path}/${readdirSync(join(directory, path)).sort()[0]}`;
  return path;
}

/** Renders each generated shape that check accepts and prints its ms per kB, slowest first. */
async function printMarkdownShapes(): Promise<void> {
  const { renderMarkdown } = await import("../../core/site/render-markdown.ts");
  const { MARKDOWN_SHAPES, medianMs } = await import("../../core/site/render-markdown-shapes.ts");
  const { checkWith } = await import("../../test-support/check-fixture.ts");
  const { VALID_OBSERVATION, VALID_OBSERVATION_PATH } = await import("../../test-support/content-fixtures.ts");
  const figures = MARKDOWN_SHAPES.flatMap(([name, body]) => {
    const file = VALID_OBSERVATION.replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}`);
    const refused = checkWith({ [VALID_OBSERVATION_PATH]: file }).some((issue) => issue.rule === "markdown-shape" || issue.rule === "control-characters");
    if (refused) return [];
    renderMarkdown(body);
    return [{ name, perKb: medianMs(() => renderMarkdown(body)) / (Buffer.byteLength(body) / 1024) }];
  }).sort((a, b) => b.perKb - a.perKb);
  const prose = figures.find((figure) => figure.name === "prose")?.perKb ?? 0;
  console.log(
    `Dựng Markdown check còn nhận (${figures.length}/${MARKDOWN_SHAPES.length} dạng, trung vị 5 lần), ms/kB, mục tiêu ≤ 3 (văn xuôi ${prose.toFixed(2)}): ${figures.map((figure) => `${figure.name} ${figure.perKb.toFixed(2)}`).join("; ")}`,
  );
}

async function benchCheck(): Promise<void> {
  await printMarkdownShapes();
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-"));
  try {
    let largest = "";
    for (const size of SIZES) {
      largest = join(root, String(size));
      generateBenchContent(largest, size);
      console.log(`check ${size.toLocaleString("vi-VN")} thông tin: ${describe(timeCheck(largest, ["--format", "json"]))}`);
    }

    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.vn", ...args], { cwd: largest, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "bench content");
    const sample = firstObservation(largest);
    writeFileSync(join(largest, sample.replace(/\.md$/, "-ban-sao.md")), readFileSync(join(largest, sample)));
    git("add", "-A");
    git("commit", "-qm", "one more observation");
    console.log(
      `check --changed HEAD~1..HEAD (1 tệp mới, kho ${SIZES[SIZES.length - 1]?.toLocaleString("vi-VN")} thông tin): ${describe(timeCheck(largest, ["--changed", "HEAD~1..HEAD"]))}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("check")
    .description(
      "Đo tốc độ kiểm tra: sinh 10.000 và 100.000 thông tin, chạy check mỗi cỡ 3 lần trong tiến trình mới, in trung vị thời gian và bộ nhớ đỉnh; rồi đo check --changed trên kho Git. Mục tiêu: 100.000 thông tin ≤ 5 s và ≤ 1 GB; --changed ≤ 1 s. Đổi cỡ bằng biến môi trường BENCH_SIZES.",
    );
  command.action(act(benchCheck));
  examples(command, [
    ["npx dan-y bench check", "đo với 10.000 và 100.000 thông tin"],
    ["BENCH_SIZES=1000,5000 npx dan-y bench check", "đo nhanh với kho nhỏ"],
  ]);
}
