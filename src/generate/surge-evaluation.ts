/**
 * How well hot-spot detection finds what was planted: generates the same
 * content with and without surges, runs the detector on every month and
 * scores it. Pure (the base tree comes in as files); the test and
 * `npm run bench:hotspots` share it.
 */

import type { ContentModel } from "../core/content/content-model.ts";
import type { ContentFile } from "../core/content/load-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { type Hotspot, type HotspotMonth, hotspotDetector, topicKey } from "../core/reports/hotspots.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { type GeneratedFile, type GenerateOptions, generateContentWithTruth, type PlantedSurge, type SurgeRequest } from "./generate-content.ts";
import { TEMPLATES } from "./observation-templates.ts";

export interface SurgeSize {
  communes: number;
  factor: number;
  /** The least baseline a month the factor applies to (see `SurgeRequest.baselineFloor`). */
  baselineFloor: number;
}

export interface SurgeScore {
  size: SurgeSize;
  planted: number;
  /** Surges whose topic was reported as a hot spot in that month naming at least one planted commune. */
  found: number;
  /** Planted communes named by the hot spot, over all planted communes. */
  communesNamed: number;
  communesPlanted: number;
}

export interface Evaluation {
  scores: SurgeScore[];
  /** Months tested (those with enough history). */
  months: number;
  /** Hot spots on the data without surges: every one is a false alarm. */
  falseAlarmsUnplanted: number;
  /** The largest number of them in one month. */
  worstMonthUnplanted: number;
  /** Hot spots on the planted data that match no planted surge. */
  falseAlarmsPlanted: number;
  /** Detection time over all months of one data set, in milliseconds. */
  detectMs: number;
}

const encoder = new TextEncoder();

/** The model of a base tree (reference lists and units) plus generated files, as the site would load it. */
export function modelOf(base: readonly ContentFile[], generated: readonly GeneratedFile[]): ContentModel {
  const files: ContentFile[] = [
    ...base,
    ...generated.map((file) => {
      const bytes = encoder.encode(file.text);
      return { relative: file.path, display: `content/${file.path}`, size: bytes.length, symlink: false, bytes };
    }),
  ];
  return loadContent(files).model;
}

function allMonths(model: ContentModel): { results: HotspotMonth[]; ms: number } {
  const detector = hotspotDetector(model, buildUnitTree(model));
  const started = performance.now();
  const results = detector.months.map((month) => detector.detect(month)).filter((result): result is HotspotMonth => result !== undefined);
  return { results, ms: performance.now() - started };
}

const sameTopic = (hotspot: Hotspot, surge: PlantedSurge) => topicKey(hotspot.topic) === topicKey(surge.topic);

/**
 * The surge plan: for each size, `perSize` surges, months and topics taken in
 * turn so that a month holds surges of several sizes and topics.
 */
export function surgePlan(sizes: readonly SurgeSize[], months: readonly string[], topics: readonly SurgeRequest["topic"][], perSize: number): SurgeRequest[] {
  const requests: SurgeRequest[] = [];
  let turn = 0;
  for (const size of sizes) {
    for (let index = 0; index < perSize; index++) {
      const month = months[turn % months.length] as string;
      const topic = topics[turn % topics.length] as SurgeRequest["topic"];
      requests.push({ topic, month, units: size.communes, factor: size.factor, baselineFloor: size.baselineFloor });
      turn++;
    }
  }
  return requests;
}

/** The demo province's generator settings (as `npm run generate`), 10k observations over 23 months. */
export const EVALUATION_OPTIONS: GenerateOptions = {
  seed: 1,
  observations: 10_000,
  from: "2025-01-02",
  to: "2026-11-26",
  residentialUnder: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son"],
  reportingUnits: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son", "huyen-ky-anh"],
};

/** Months with a full baseline on the generated range (history from January 2025). */
export const EVALUATION_MONTHS: readonly string[] = [
  "2025-08",
  "2025-09",
  "2025-10",
  "2025-11",
  "2025-12",
  "2026-01",
  "2026-02",
  "2026-03",
  "2026-04",
  "2026-05",
  "2026-06",
  "2026-07",
  "2026-08",
  "2026-09",
  "2026-10",
  "2026-11",
];

/** Whether a content path belongs to the base tree the generator starts from: reference lists and units, without the demo's residential areas. */
export function inBaseTree(path: string): boolean {
  return path in REFERENCE_FILES || (path.startsWith("units/") && !path.includes("-thon-") && !path.includes("-to-dan-pho-"));
}

/**
 * The sizes measured. On 10k observations a commune's sub-topic averages about
 * 0.25 a month, so "three times the baseline" needs a floor to mean anything:
 * floor 2 adds 4 observations per commune, floor 1 adds 2.
 */
export const SURGE_SIZES: readonly SurgeSize[] = [
  { communes: 3, factor: 3, baselineFloor: 2 },
  { communes: 5, factor: 3, baselineFloor: 2 },
  { communes: 2, factor: 3, baselineFloor: 2 },
  { communes: 1, factor: 5, baselineFloor: 2 },
  { communes: 3, factor: 3, baselineFloor: 1 },
  { communes: 5, factor: 3, baselineFloor: 1 },
];

/** Topics to plant: every sub-topic and tag of the templates, in turn. */
export function surgeTopics(): SurgeRequest["topic"][] {
  const subtopics = [...new Set(TEMPLATES.flatMap((template) => template.subtopics))].map((id) => ({ kind: "subtopic" as const, id }));
  const tags = [...new Set(TEMPLATES.flatMap((template) => template.tags.filter((tag) => !template.subtopics.includes(tag))))].map((id) => ({
    kind: "tag" as const,
    id,
  }));
  return [...subtopics, ...tags];
}

export function evaluateSurges(
  base: readonly ContentFile[],
  baseModel: ContentModel,
  options: GenerateOptions,
  sizes: readonly SurgeSize[],
  plan: readonly SurgeRequest[],
): Evaluation {
  const plain = generateContentWithTruth(baseModel, { ...options, surges: [] });
  const unplanted = allMonths(modelOf(base, plain.files));
  const withSurges = generateContentWithTruth(baseModel, { ...options, surges: plan });
  const planted = allMonths(modelOf(base, withSurges.files));
  const byMonth = new Map(planted.results.map((result) => [result.period.id, result]));

  const scores = sizes.map((size) => ({ size, planted: 0, found: 0, communesNamed: 0, communesPlanted: 0 }));
  withSurges.planted.forEach((surge, index) => {
    const request = plan[index] as SurgeRequest;
    const score = scores.find(
      (candidate) =>
        candidate.size.communes === request.units && candidate.size.factor === request.factor && candidate.size.baselineFloor === request.baselineFloor,
    );
    if (!score) return;
    score.planted++;
    score.communesPlanted += surge.units.length;
    const hotspot = byMonth.get(surge.month)?.hotspots.find((candidate) => sameTopic(candidate, surge));
    const named = hotspot ? surge.units.filter((unit) => hotspot.units.some((signal) => signal.unit === unit.unit)).length : 0;
    if (named > 0) score.found++;
    score.communesNamed += named;
  });
  // On planted data, a hot spot is false when it holds none of the planted observations (a planted sub-topic also raises its templates' tags).
  const plantedIds = new Set(withSurges.planted.flatMap((surge) => surge.units.flatMap((unit) => unit.added)));
  let falseAlarmsPlanted = 0;
  for (const result of planted.results) {
    falseAlarmsPlanted += result.hotspots.filter((hotspot) => !hotspot.units.some((unit) => unit.observations.some((id) => plantedIds.has(id)))).length;
  }
  return {
    scores,
    months: unplanted.results.length,
    falseAlarmsUnplanted: unplanted.results.reduce((sum, result) => sum + result.hotspots.length, 0),
    worstMonthUnplanted: Math.max(0, ...unplanted.results.map((result) => result.hotspots.length)),
    falseAlarmsPlanted,
    detectMs: unplanted.ms,
  };
}
