/**
 * `dan-y bench hotspots`: generates the demo province's 10k observations twice,
 * with and without planted surges (sub-topics and tags rising in k communes in
 * one month by a factor), runs the hot-spot detection on every month and
 * prints the share of planted surges found by size and the false alarms, with
 * the targets of issue 17 beside them: every surge of ≥ 3 communes × 3× found;
 * ≤ 1 false alarm a month without surges. Also the detection time per month
 * (median of three runs over all months). `BENCH_SURGES=8` surges per size.
 */
import type { Command } from "commander";
import type { Evaluation } from "../../generate/surge-evaluation.ts";
import { act, examples } from "../command-kit.ts";
import { median } from "../lib/bench.ts";

const PER_SIZE = Number(process.env.BENCH_SURGES ?? "8");

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((100 * part) / whole)}%`);

function print(evaluation: Evaluation, detectMs: number[], observations: number): void {
  console.log(`Điểm nóng trên ${observations.toLocaleString("vi-VN")} thông tin sinh ra, ${evaluation.months} tháng được kiểm định:`);
  for (const score of evaluation.scores) {
    const { communes, factor, baselineFloor } = score.size;
    const target = communes >= 3 && factor >= 3 && baselineFloor >= 2 ? " (mục tiêu: 100%)" : "";
    console.log(
      `  ${communes} xã × ${factor} lần mức nền (mức nền tối thiểu ${baselineFloor}/tháng, thêm ít nhất ${Math.round((factor - 1) * baselineFloor)} tin mỗi xã): tìm thấy ${score.found}/${score.planted} = ${percent(score.found, score.planted)}${target}; xã được nêu tên ${percent(score.communesNamed, score.communesPlanted)}`,
    );
  }
  const perMonth = evaluation.falseAlarmsUnplanted / Math.max(1, evaluation.months);
  console.log(
    `  Báo động sai trên dữ liệu không cài: ${evaluation.falseAlarmsUnplanted} trong ${evaluation.months} tháng (${perMonth.toFixed(2)}/tháng, nhiều nhất ${evaluation.worstMonthUnplanted} trong một tháng; mục tiêu ≤ 1/tháng)`,
  );
  console.log(`  Báo động sai trên dữ liệu có cài (điểm nóng không chứa tin cài nào): ${evaluation.falseAlarmsPlanted} trong ${evaluation.months} tháng`);
  console.log(`  Thời gian phát hiện: ${(median(detectMs) / evaluation.months).toFixed(0)} ms mỗi tháng (trung vị ${detectMs.length} lần)`);
}

async function benchHotspots(): Promise<void> {
  // Loaded here, not at the top: every dan-y command imports this file to describe itself.
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const { EVALUATION_MONTHS, EVALUATION_OPTIONS, evaluateSurges, inBaseTree, SURGE_SIZES, surgePlan, surgeTopics } = await import(
    "../../generate/surge-evaluation.ts"
  );
  const source = contentDir();
  const base = [...readContentFiles(source, listContentPaths(source).filter(inBaseTree))];
  const model = loadContent(base).model;
  const plan = surgePlan(SURGE_SIZES, EVALUATION_MONTHS, surgeTopics(), PER_SIZE);
  const runs = [0, 1, 2].map(() => evaluateSurges(base, model, EVALUATION_OPTIONS, SURGE_SIZES, plan));
  print(
    runs[0] as Evaluation,
    runs.map((run) => run.detectMs),
    EVALUATION_OPTIONS.observations,
  );
}

export function register(bench: Command): void {
  const command = bench
    .command("hotspots")
    .description(
      "Đo phát hiện điểm nóng: sinh 10.000 thông tin có và không có các đợt tăng cài sẵn (một chủ đề tăng ở k xã trong một tháng), in tỷ lệ tìm thấy theo cỡ và số báo động sai. Mục tiêu: mọi đợt tăng từ 3 xã × 3 lần trở lên đều được tìm thấy; ≤ 1 báo động sai mỗi tháng khi không cài.",
    );
  command.action(act(benchHotspots));
  examples(command, [["npx dan-y bench hotspots", "đo với 8 đợt tăng mỗi cỡ (BENCH_SURGES đổi số này)"]]);
}
