import { join } from "node:path";
import { expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { loadContent } from "../core/content/load-content.ts";
import { EVALUATION_MONTHS, EVALUATION_OPTIONS, evaluateSurges, inBaseTree, SURGE_SIZES, surgePlan, surgeTopics } from "./surge-evaluation.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");

it("finds planted surges in 10k generated observations and raises no false alarm without them", { timeout: 180_000 }, () => {
  const base = [...readContentFiles(CONTENT, listContentPaths(CONTENT).filter(inBaseTree))];
  const plan = surgePlan(SURGE_SIZES, EVALUATION_MONTHS, surgeTopics(), 8);
  const evaluation = evaluateSurges(base, loadContent(base).model, EVALUATION_OPTIONS, SURGE_SIZES, plan);
  const share = (communes: number, factor: number, floor: number) => {
    const score = evaluation.scores.find((item) => item.size.communes === communes && item.size.factor === factor && item.size.baselineFloor === floor);
    return score ? score.found / score.planted : Number.NaN;
  };
  console.log(
    evaluation.scores
      .map((score) => `${score.size.communes} xã × ${score.size.factor} (sàn ${score.size.baselineFloor}): ${score.found}/${score.planted}`)
      .join("; "),
    `; báo động sai (không cài): ${evaluation.falseAlarmsUnplanted} trong ${evaluation.months} tháng`,
  );
  expect(evaluation.months).toBeGreaterThanOrEqual(17);
  // Targets (issue 17): every surge of ≥ 3 communes × 3× found; ≤ 1 false alarm a month without surges.
  expect(share(3, 3, 2)).toBe(1);
  expect(share(5, 3, 2)).toBe(1);
  expect(evaluation.worstMonthUnplanted).toBeLessThanOrEqual(1);
  expect(evaluation.falseAlarmsUnplanted / evaluation.months).toBeLessThanOrEqual(1);
  expect(evaluation.falseAlarmsPlanted / evaluation.months).toBeLessThanOrEqual(1);
});
