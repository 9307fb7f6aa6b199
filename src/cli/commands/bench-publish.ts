/**
 * `dan-y bench publish`: on generated content (100k observations by default),
 * a full publish (check, site, search index), then one change at a time
 * published incrementally: a new observation, a changed follow-up, a new
 * report, one unit's data. In the same run, the same observations built by Hugo
 * and indexed by the Pagefind CLI, the anchor the full publish is compared with.
 * Targets: one approved change ≤ 15 s and ≤ 2 GB; full publish ≤ 1.0 × Hugo +
 * Pagefind CLI at ≤ 2 GB; search index alone ≤ 45 s. `BENCH_FULL_ONLY=1` stops after the
 * full publish and the anchor.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { ExitError } from "../errors.ts";
import { generateBenchContent } from "../lib/bench.ts";
import { DAN_Y_BIN, PROJECT_ROOT } from "../lib/entry.ts";
import { type RoleUsage, sampleTreeMemory } from "../lib/process-tree-memory.ts";

const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const TODAY = "2026-11-27";

/**
 * The step of a publish a process belongs to, by its command line: what the full publish's time and
 * memory are spent on, each step's own peak beside the whole tree's.
 */
function publishRole(commandLine: string[]): string | undefined {
  const has = (ending: string) => commandLine.some((arg) => arg.endsWith(ending));
  if (commandLine.length === 0) return undefined;
  if (basename(commandLine[0] as string).startsWith("pagefind")) return "Pagefind CLI (chỉ mục từng phần)";
  if (has("search-records-process.ts")) return "bản ghi tìm kiếm (tiến trình con)";
  if (has("astro.mjs")) return "Astro build";
  if (has("dan-y.js") && commandLine.includes("check")) return "kiểm tra (dan-y check)";
  if (has("dan-y.js") && commandLine.includes("publish")) return "dan-y publish (điều phối, trang chỉ mục)";
  return `khác: ${basename(commandLine[0] as string)}`;
}

/**
 * The search index writes its scratch pages in memory-backed /dev/shm (search-index.ts): what that
 * folder holds above what it held when the step started is memory of the publish too.
 */
function sharedMemoryFiles(): { role: string; kb: () => number } | undefined {
  const usedKb = () => {
    try {
      const stats = statfsSync("/dev/shm");
      return ((stats.blocks - stats.bfree) * stats.bsize) / 1024;
    } catch {
      return 0;
    }
  };
  const before = usedKb();
  return { role: "tệp tạm trong /dev/shm (bộ nhớ)", kb: () => Math.max(0, usedKb() - before) };
}

/** Runs a command to the end, measuring wall time and the peak memory of its process tree (and of each role in it). */
function timed(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; role?: (commandLine: string[]) => string | undefined } = {},
): Promise<{ seconds: number; peakMb: number; output: string; roles: RoleUsage[] }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  const memory = sampleTreeMemory(child.pid as number, 100, options.role, options.role ? sharedMemoryFiles() : undefined);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      const peakMb = memory.stop();
      if (code !== 0) reject(new ExitError(`Bước đo thất bại: ${command} ${args.join(" ")} thoát với mã ${code}:\n${output.slice(-3000)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb, output, roles: memory.roles() });
    });
  });
}

const hasCommand = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

/** Hugo, from Debian's package: found, or installed when this machine lets us (root with apt). */
function findHugo(): string | undefined {
  if (hasCommand("hugo")) return "hugo";
  if (process.getuid?.() === 0 && hasCommand("apt-get")) {
    console.log("Chưa có Hugo: cài gói hugo của Debian…");
    spawnSync("apt-get", ["install", "-y", "-qq", "hugo"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (hasCommand("hugo")) return "hugo";
  }
  return undefined;
}

/** A Hugo site rendering each observation as a page whose body Pagefind indexes. */
function hugoSite(root: string, observations: string): string {
  const site = join(root, "hugo");
  mkdirSync(join(site, "layouts", "_default"), { recursive: true });
  writeFileSync(
    join(site, "hugo.toml"),
    `baseURL = "/"\nlanguageCode = "vi"\ncontentDir = ${JSON.stringify(observations)}\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = false\n`,
  );
  writeFileSync(
    join(site, "layouts", "_default", "single.html"),
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n',
  );
  writeFileSync(join(site, "layouts", "_default", "list.html"), '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body></body></html>\n');
  return site;
}

function pagefindBinary(): string {
  return join(PROJECT_ROOT, "node_modules", ".bin", "pagefind");
}

const line = (label: string, value: string, target: string) => console.log(`  ${label.padEnd(44)} ${value.padEnd(26)} mục tiêu: ${target}`);

async function benchPublish(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-publish-"));
  try {
    const content = join(root, "content");
    generateBenchContent(content, SIZE);
    const site = join(root, "site");
    const publishArgs = (incremental: boolean) => [DAN_Y_BIN, "publish", "--site", site, "--today", TODAY, ...(incremental ? ["--incremental"] : [])];
    const env = { CONTENT_DIR: content };
    console.log(`Xuất bản ${SIZE.toLocaleString("vi-VN")} thông tin sinh ra:`);
    const full = await timed(process.execPath, publishArgs(false), { env, cwd: PROJECT_ROOT, role: publishRole });
    const searchSeconds = Number(/chỉ mục .*?\(([\d.]+) s\)/.exec(full.output)?.[1] ?? Number.NaN);
    const siteSeconds = Number(/dựng ([\d.]+) s\)/.exec(full.output)?.[1] ?? Number.NaN);
    const roleOf = (name: string) => full.roles.find((usage) => usage.role.startsWith(name));
    const check = roleOf("kiểm tra");
    line("xuất bản toàn bộ (kiểm tra + trang + chỉ mục)", `${full.seconds.toFixed(1)} s, ${full.peakMb.toFixed(0)} MB`, "≤ 1,0 × Hugo + Pagefind, ≤ 2 GB");
    if (check) line("  kiểm tra", `${(check.lastSeconds - check.firstSeconds).toFixed(1)} s`, "");
    // Site and index times as publish reports them, counted from its start (after the check).
    line("  trang (Astro)", `${siteSeconds.toFixed(1)} s`, "");
    line("  chỉ mục tìm kiếm", `${searchSeconds.toFixed(1)} s`, "≤ 45 s");
    console.log("  Từng tiến trình (lấy mẫu /proc mỗi 0,1 s: thấy từ giây – đến giây, RSS đỉnh của chính nó):");
    for (const usage of full.roles) {
      console.log(
        `    ${usage.role.padEnd(44)} ${usage.firstSeconds.toFixed(1).padStart(6)} – ${usage.lastSeconds.toFixed(1).padStart(6)} s, ${usage.peakMb.toFixed(0).padStart(5)} MB${usage.processes > 1 ? ` (${usage.processes} tiến trình)` : ""}`,
      );
    }

    const hugo = findHugo();
    let anchor: number | undefined;
    if (hugo) {
      const hugoDir = hugoSite(root, join(content, "observations"));
      const built = await timed(hugo, ["--source", hugoDir, "--destination", join(root, "hugo-out"), "--quiet"]);
      const indexed = await timed(pagefindBinary(), ["--site", join(root, "hugo-out"), "--force-language", "vi", "--silent"]);
      anchor = built.seconds + indexed.seconds;
      const pages = readdirSync(join(root, "hugo-out"), { recursive: true }).filter((path) => String(path).endsWith(".html")).length;
      line("mốc: Hugo", `${built.seconds.toFixed(1)} s, ${built.peakMb.toFixed(0)} MB, ${pages.toLocaleString("vi-VN")} trang`, "");
      line("mốc: Pagefind CLI trên trang Hugo", `${indexed.seconds.toFixed(1)} s, ${indexed.peakMb.toFixed(0)} MB`, "");
      line("tỉ lệ xuất bản toàn bộ / (Hugo + Pagefind)", (full.seconds / anchor).toFixed(2), "≤ 1,0");
    } else {
      console.log("  Không có Hugo trên máy này (cài bằng: apt-get install hugo): bỏ qua phép so sánh với mốc.");
    }

    const changes: [string, () => void][] = [
      [
        "một thông tin mới",
        () => {
          const folder = join(content, "observations", "2026", "11");
          const unit = readdirSync(folder)[0] as string;
          const sample = readdirSync(join(folder, unit)).find((name) => name.endsWith(".md")) as string;
          const text = readFileSync(join(folder, unit, sample), "utf8").replace(/^title: .*$/m, "title: Thông tin mới để đo xuất bản từng phần");
          // On the sample's own day (its file name's date), so its follow-up steps stay valid whatever the sample.
          writeFileSync(join(folder, unit, `${sample.slice(0, 10)}-do-xuat-ban-tung-phan.md`), text);
        },
      ],
      [
        "một bước theo dõi đổi",
        () => {
          const folder = join(content, "observations", "2026", "10");
          const unit = readdirSync(folder)[0] as string;
          const file = join(folder, unit, readdirSync(join(folder, unit)).find((name) => name.endsWith(".md")) as string);
          // The note of a step: changing an authority would also need forwarded_to to follow it (a check rule).
          writeFileSync(file, readFileSync(file, "utf8").replace(/ {4}note: (.*)/, "    note: $1 (đã bổ sung)"));
        },
      ],
      [
        "một báo cáo mới",
        () => {
          const reports = join(content, "reports");
          const period = readdirSync(reports).sort().reverse()[0] as string;
          const unit = readdirSync(join(reports, period))[0] as string;
          const file = join(reports, period, unit, readdirSync(join(reports, period, unit))[0] as string);
          appendFileSync(file, "\nBổ sung một đoạn để đo xuất bản từng phần.\n");
        },
      ],
      [
        "dữ liệu một đơn vị đổi",
        () => {
          const units = join(content, "units");
          const file = join(units, readdirSync(units).find((name) => name.startsWith("xa-")) as string);
          writeFileSync(file, readFileSync(file, "utf8").replace(/^name: (.*)$/m, "name: $1 (đổi tên)"));
        },
      ],
    ];
    if (process.env.BENCH_FULL_ONLY === "1") return;
    // The workspace's publish after an approval: publishSite itself, without the check (its send checked already).
    // A script file, not `-e`: the records' process is forked with this process's options, and `--input-type` would stop it.
    const workspaceScript = join(root, "xuat-ban-nhu-ban-lam-viec.mjs");
    writeFileSync(
      workspaceScript,
      `const { publishSite } = await import(${JSON.stringify(join(PROJECT_ROOT, "src", "adapters", "publish.ts"))});
const result = await publishSite({ projectDir: ${JSON.stringify(PROJECT_ROOT)}, contentDir: ${JSON.stringify(content)}, siteDir: ${JSON.stringify(site)}, incremental: true, today: ${JSON.stringify(TODAY)} });
console.log(\`Đã xuất bản \${result.pages.toLocaleString("vi-VN")} trang (\${result.pagesRestored.toLocaleString("vi-VN")} trang không đổi; lập lại \${result.shardsWritten.length} phần, giữ nguyên \${result.shards - result.shardsWritten.length} phần\`);\n`,
    );
    const workspaceArgs = [workspaceScript];
    const workspaceStep: [string, () => void] = [
      "một thông tin mới, như bàn làm việc (publishSite, không kiểm tra)",
      () => {
        const folder = join(content, "observations", "2026", "11");
        const unit = readdirSync(folder)[1] as string;
        const sample = readdirSync(join(folder, unit)).find((name) => name.endsWith(".md")) as string;
        const text = readFileSync(join(folder, unit, sample), "utf8").replace(/^title: .*$/m, "title: Thông tin mới thứ hai để đo xuất bản từng phần");
        writeFileSync(join(folder, unit, `${sample.slice(0, 10)}-do-xuat-ban-ban-lam-viec.md`), text);
      },
    ];
    console.log("Xuất bản từng phần sau mỗi thay đổi (dan-y publish --incremental, cả kiểm tra):");
    for (const [label, apply] of [...changes, workspaceStep]) {
      apply();
      const asWorkspace = label === workspaceStep[0];
      // Every step's time span inside the publish (DAN_Y_PUBLISH_TIMINGS): the records' process and Astro's lines.
      const run = await timed(process.execPath, asWorkspace ? workspaceArgs : publishArgs(true), {
        env: { ...env, DAN_Y_PUBLISH_TIMINGS: "1" },
        cwd: PROJECT_ROOT,
      });
      const summary = /lập lại (\d+) phần(?:, giữ nguyên (\d+) phần)?/.exec(run.output);
      const number = (pattern: RegExp) => Number((pattern.exec(run.output)?.[1] ?? "0").replace(/\./g, ""));
      const pages = number(/Đã xuất bản ([\d.]+) trang/);
      const restored = number(/\(([\d.]+) trang không đổi/);
      line(label, `${run.seconds.toFixed(1)} s, ${run.peakMb.toFixed(0)} MB`, "≤ 15 s, ≤ 2 GB");
      console.log(
        `    ${(pages - restored).toLocaleString("vi-VN")} trang dựng lại, ${restored.toLocaleString("vi-VN")} trang lấy lại; ${summary?.[1] ?? "?"} phần chỉ mục lập lại, ${summary?.[2] ?? "0"} phần giữ nguyên`,
      );
      // The steps: the records' process (read, records, shards, cache, check), Astro's start, first and last page.
      const lines = run.output.split("\n");
      const astroLines = lines.filter((text) => text.startsWith("[Astro "));
      const astroMarks = [
        astroLines.find((text) => /\[dữ liệu trang\]/.test(text)),
        astroLines.find((text) => /generating static routes/i.test(text)),
        astroLines.filter((text) => /\(\+\d+ms\)|\(\+[\d.]+s\)/.test(text)).at(-1),
        astroLines.find((text) => /page\(s\) built/.test(text)),
      ].filter((text): text is string => text !== undefined);
      // And the publish's own: how long moving in the unchanged pages linked beside Astro took, and the wait for the index.
      const ownMarks = lines.filter((text) => text.startsWith("[bản ghi tìm kiếm]") || text.startsWith("[xuất bản]"));
      for (const text of [...ownMarks, ...astroMarks]) console.log(`      ${text.trim()}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("publish")
    .description(
      "Đo xuất bản: toàn bộ trên 100.000 thông tin sinh ra, so với Hugo + Pagefind CLI trên cùng tệp (cài hugo của Debian nếu được), rồi từng phần sau mỗi thay đổi. Mục tiêu: một thay đổi ≤ 15 s và ≤ 2 GB; toàn bộ ≤ 1,0 × mốc, ≤ 2 GB; chỉ mục ≤ 45 s. Đổi cỡ bằng BENCH_SIZE.",
    );
  command.action(act(benchPublish));
  examples(command, [
    ["npx dan-y bench publish", "đo trên 100.000 thông tin (mất vài phút)"],
    ["BENCH_SIZE=10000 npx dan-y bench publish", "đo trên 10.000 thông tin"],
  ]);
}
