/**
 * `dan-y bench office`: the office documents against their targets, each run
 * in a fresh process (three runs: the median time, the highest peak RSS): the province's annual consolidated
 * report as .docx with 100k observations (≤ 2 s), the .xlsx of a 10k-row search
 * export (≤ 3 s), the import of a 10k-row hotline log, written and submitted
 * (≤ 10 s); each ≤ 500 MB. Loading the record is timed apart: the site's build
 * and the workspace have it loaded already. `BENCH_SIZES=20000` changes the
 * record's size, `BENCH_ROWS=2000` the export's and the log's; `--only xlsx`
 * (or `docx`, `import`) measures one of the three.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { act, examples } from "../command-kit.ts";
import { generateBenchContent, median } from "../lib/bench.ts";

const OBSERVATIONS = Number(process.env.BENCH_SIZES?.split(",").pop() ?? 100_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const WORKER = new URL("../../adapters/office-bench.ts", import.meta.url).pathname;

interface Measured {
  runs: number[];
  peakMb: number;
  load?: number;
  addedMb?: number;
  [key: string]: unknown;
}

const RUNS = 3;

function measureOnce(...args: string[]): Measured {
  const result = spawnSync(process.execPath, [WORKER, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`bench office ${args[0]} thất bại (mã ${result.status}):\n${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Measured;
}

/** Three runs, each a fresh process: their times, the highest peak and added memory, the median load. */
function measure(...args: string[]): Measured {
  const runs = Array.from({ length: RUNS }, () => measureOnce(...args));
  const loads = runs.flatMap((run) => (run.load === undefined ? [] : [run.load]));
  const added = runs.flatMap((run) => (run.addedMb === undefined ? [] : [run.addedMb]));
  return {
    ...runs[0],
    runs: runs.flatMap((run) => run.runs),
    prepared: runs.flatMap((run) => (run.prepared as number[] | undefined) ?? []),
    peakMb: Math.max(...runs.map((run) => run.peakMb)),
    ...(loads.length > 0 ? { load: median(loads) } : {}),
    ...(added.length > 0 ? { addedMb: Math.max(...added) } : {}),
  };
}

const verdict = (value: number, target: number) => (value <= target ? "đạt" : "CHƯA ĐẠT");

function line(what: string, measured: Measured, targetSeconds: number): string {
  const time = median(measured.runs);
  const spread = `${Math.min(...measured.runs).toFixed(2)}–${Math.max(...measured.runs).toFixed(2)} s`;
  const memory = `RSS đỉnh cao nhất ${measured.peakMb.toFixed(0)} MB${measured.addedMb !== undefined ? ` (thêm ${Math.max(0, measured.addedMb).toFixed(0)} MB khi tạo tệp)` : ""}`;
  const load = measured.load !== undefined ? `; nạp nội dung ${measured.load.toFixed(2)} s, không tính` : "";
  return `${what}: ${time.toFixed(2)} s (trung vị ${measured.runs.length} lần, ${spread}) — mục tiêu ≤ ${targetSeconds} s: ${verdict(time, targetSeconds)}; ${memory} — mục tiêu ≤ 500 MB: ${verdict(measured.peakMb, 500)}${load}`;
}

const MEASUREMENTS = ["docx", "xlsx", "import"] as const;
type Measurement = (typeof MEASUREMENTS)[number];

async function benchOffice(options: { only?: Measurement }): Promise<void> {
  const wanted = (what: Measurement) => options.only === undefined || options.only === what;
  const root = mkdtempSync(join(tmpdir(), "dan-y-bench-office-"));
  try {
    const content = join(root, "content");
    // The import writes its own log; only the report and the export read a generated record.
    if (wanted("docx") || wanted("xlsx")) generateBenchContent(content, OBSERVATIONS);
    const today = "2026-12-15";
    if (wanted("docx")) {
      const docx = measure("docx", content, today);
      console.log(
        line(
          `DOCX báo cáo tổng hợp năm của tỉnh (${Number(docx.observations).toLocaleString("vi-VN")} thông tin trong kỳ, kho ${Number(docx.total).toLocaleString("vi-VN")})`,
          docx,
          2,
        ),
      );
    }
    if (wanted("xlsx")) {
      const results = join(root, "ket-qua.json");
      measureOnce("search-results", content, String(ROWS), results);
      const xlsx = measure("xlsx", results);
      console.log(line(`XLSX kết quả tìm kiếm ${Number(xlsx.rows).toLocaleString("vi-VN")} dòng (${(Number(xlsx.bytes) / 1024).toFixed(0)} kB)`, xlsx, 3));
    }
    if (!wanted("import")) return;
    const log = join(root, "so-duong-day-nong.xlsx");
    measureOnce("hotline-log", String(ROWS), log);
    const imported = measure("import", String(ROWS), log);
    console.log(
      line(
        `Nhập sổ đường dây nóng ${ROWS.toLocaleString("vi-VN")} dòng, ghi ${Number(imported.written).toLocaleString("vi-VN")} thông tin thành một bài nộp`,
        imported,
        10,
      ),
    );
    const prepared = median(imported.prepared as number[]);
    console.log(`  trong đó đọc, đối chiếu, kiểm tra: ${prepared.toFixed(2)} s; ghi tệp và nộp (submit): ${(median(imported.runs) - prepared).toFixed(2)} s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function register(bench: Command): void {
  const command = bench
    .command("office")
    .description(
      "Đo văn bản: DOCX báo cáo tổng hợp năm của tỉnh với 100.000 thông tin (mục tiêu ≤ 2 s), XLSX 10.000 kết quả tìm kiếm (≤ 3 s), nhập sổ đường dây nóng 10.000 dòng (≤ 10 s); mỗi phép ≤ 500 MB. Đổi cỡ bằng BENCH_SIZES và BENCH_ROWS.",
    );
  command.addOption(new Option("--only <phep-do>", "chỉ đo một phép: docx, xlsx hoặc import").choices(MEASUREMENTS));
  command.action(act(benchOffice));
  examples(command, [
    ["npx dan-y bench office", "đo với 100.000 thông tin và 10.000 dòng"],
    ["BENCH_SIZES=20000 BENCH_ROWS=2000 npx dan-y bench office", "đo nhanh với kho nhỏ"],
    ["npx dan-y bench office --only xlsx", "chỉ đo tệp Excel 10.000 kết quả tìm kiếm"],
  ]);
}
