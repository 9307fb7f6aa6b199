/**
 * Emerging hot spots (điểm nóng): a topic — a sub-topic or a tag — whose
 * observations in a reporting month rise above that topic's own baseline in
 * several communes at once, or far above it in one.
 *
 * Method, per reporting month M (the monthly window of schedule.yaml):
 * 1. Each observation is counted in its commune-level unit (a residential area
 *    in its commune; a former commune in the commune(s) it merged into, split
 *    evenly), so a baseline that crosses the 2025 merger compares like with like.
 * 2. Baseline: the previous 6–12 months. For topic t and commune u, S
 *    observations on t among the commune's N observations. The commune's share
 *    of t gets an empirical-Bayes Gamma prior centred on the province share
 *    (Clayton–Kaldor; its weight from how much communes truly differ), so a
 *    short or empty history is not a zero rate. Expected this month: the
 *    commune's volume V this month times that share — a commune that simply
 *    records more this month is not a hot spot on every topic.
 * 3. The count is tested one-sided against the negative-binomial predictive
 *    (the Poisson–Gamma mixture: baseline uncertainty included; widened again
 *    when the topic's months vary more than chance, Pearson dispersion > 1.2).
 *    A single observation never counts as a rise.
 * 4. Per topic, the cells with p ≤ τ (0.01) are combined by their product
 *    (truncated product method), its null computed exactly for these discrete
 *    cells; Benjamini–Hochberg over the month's topics, and over all its
 *    topic × commune cells, control the false-discovery rate (5%).
 * 5. A topic is a hot spot when its q-value is at most 5% and at least two
 *    communes each have p ≤ 0.05, two or more observations and twice their
 *    expected count; or when one commune's own q-value is at most 5% at five
 *    times its expected count. Tags rising with the same observations as a
 *    stronger hot spot are folded into it.
 * Urgent items (đột xuất, khẩn) on the same topic in the neighbouring communes
 * (siblings under the same parent) are listed beside it.
 */

import { type Period, type PeriodicPeriod, parsePeriod, periodContaining, periodWindow, previousPeriod, type Window } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { isUrgent } from "../content/labels.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { benjaminiHochberg, type DiscreteTerm, negativeBinomialPmf, negativeBinomialUpperTail, sumUpperTail } from "./hotspots-stats.ts";

export interface HotspotSettings {
  /** Months of history the baseline uses at most. */
  baselineMonths: number;
  /** Months of history needed before a month is tested at all. */
  minBaselineMonths: number;
  /** False-discovery rate, for cells and for topics. */
  fdr: number;
  /** The truncation point of the product: only cells with p ≤ tau add to a topic's score. */
  tau: number;
  /** A commune is named as rising in a hot spot when its own p-value is at most this. */
  unitP: number;
  /** Communes needed for a several-commune hot spot. */
  minUnits: number;
  /** Each such commune's count against its baseline. */
  unitMinRatio: number;
  /** One commune alone: its count against its baseline. */
  singleUnitRatio: number;
  /** Pearson dispersion above which the negative-binomial widens. */
  dispersionThreshold: number;
  /**
   * Bounds of the prior's weight, in observations of the unit: the weight is
   * estimated from how much the topic's share truly differs between units
   * (Clayton–Kaldor empirical Bayes) and kept within these bounds.
   */
  priorObservations: { least: number; most: number };
  /** Fewest observations of the month in a unit that can count as a rise there. */
  minCount: number;
}

export const DEFAULT_HOTSPOT_SETTINGS: HotspotSettings = {
  baselineMonths: 12,
  minBaselineMonths: 6,
  fdr: 0.05,
  tau: 0.01,
  unitP: 0.05,
  minUnits: 2,
  unitMinRatio: 2,
  singleUnitRatio: 5,
  dispersionThreshold: 1.2,
  priorObservations: { least: 10, most: 500 },
  minCount: 2,
};

export type TopicKind = "subtopic" | "tag";

export interface Topic {
  kind: TopicKind;
  id: string;
}

export interface UnitSignal {
  unit: string;
  count: number;
  /** Expected count in the month (baseline mean with its prior). */
  expected: number;
  /** Plain mean of the baseline months, without the prior. */
  baselineMean: number;
  pValue: number;
  qValue: number;
  /** Ids of the month's observations on the topic in this unit. */
  observations: string[];
}

export interface NeighbourItem {
  unit: string;
  observation: string;
}

export interface Hotspot {
  topic: Topic;
  reason: "nhieu-don-vi" | "mot-don-vi";
  /** The rising units, highest count first. */
  units: UnitSignal[];
  /** The topic's combined p-value and its q-value among the month's topics. */
  pValue: number;
  qValue: number;
  count: number;
  expected: number;
  /** Urgent observations on the topic in sibling units that are not rising themselves. */
  neighbours: NeighbourItem[];
  /** Topics rising with the same observations (a sub-topic's tags), folded into this one. */
  relatedTopics: Topic[];
}

export interface HotspotMonth {
  period: Period;
  window: Window;
  /** Baseline months used. */
  baselineMonths: number;
  /** Topic × unit tests made. */
  tests: number;
  topics: number;
  units: number;
  hotspots: Hotspot[];
  /** Every topic tested, with its combined p-value and q-value, in topic order. */
  topicTests: { topic: Topic; pValue: number; qValue: number; count: number }[];
}

export function topicKey(topic: Topic): string {
  return `${topic.kind}:${topic.id}`;
}

function topicsOf(entry: ObservationEntry): Topic[] {
  const subtopics = entry.subtopics.map((id) => ({ kind: "subtopic" as const, id }));
  // A tag spelled like one of the entry's sub-topics says the same thing twice.
  const tags = entry.tags.filter((id) => !entry.subtopics.includes(id)).map((id) => ({ kind: "tag" as const, id }));
  return [...subtopics, ...tags];
}

/** The level counted: the one above the lowest (communes above residential areas), or the only one. */
export function analysisLevel(model: ContentModel): string | undefined {
  const levels = model.levels.map((level) => level.id);
  return levels.length >= 2 ? levels[levels.length - 2] : levels[0];
}

export interface HotspotDetector {
  /** Monthly period ids that hold observations, oldest first. */
  months: string[];
  detect(monthId: string): HotspotMonth | undefined;
}

/** Prepares the model once (month of each observation, unit mapping) for many months. */
export function hotspotDetector(model: ContentModel, tree: UnitTree, settings: HotspotSettings = DEFAULT_HOTSPOT_SETTINGS): HotspotDetector {
  const schedule = model.schedule;
  const level = analysisLevel(model);
  const byMonth = new Map<string, ObservationEntry[]>();
  if (schedule) {
    const monthOfDay = new Map<string, string>();
    for (const entry of model.observations.values()) {
      let month = monthOfDay.get(entry.observed_on);
      if (!month) {
        month = periodContaining("month", entry.observed_on, schedule).id;
        monthOfDay.set(entry.observed_on, month);
      }
      const list = byMonth.get(month);
      if (list) list.push(entry);
      else byMonth.set(month, [entry]);
    }
  }
  const months = [...byMonth.keys()].sort();
  const firstMonth = months[0];

  const resolved = new Map<string, [string, number][]>();
  /** The level-`level` units existing on `day` that hold this unit's area, with shares. */
  function resolve(unitId: string, day: string, seen = new Set<string>()): [string, number][] {
    const key = `${unitId}|${day}`;
    const known = resolved.get(key);
    if (known) return known;
    let result: [string, number][] = [];
    const holder = [unitId, ...tree.ancestors(unitId)].map((id) => model.units.get(id)).find((unit) => unit?.level === level);
    if (holder && !seen.has(holder.id)) {
      seen.add(holder.id);
      if (tree.existsOn(holder, day)) result = [[holder.id, 1]];
      else if (holder.merged_into && (!holder.valid_to || holder.valid_to < day)) {
        const share = 1 / holder.merged_into.length;
        for (const successor of holder.merged_into) {
          for (const [unit, weight] of resolve(successor, day, seen)) result.push([unit, weight * share]);
        }
      }
    }
    resolved.set(key, result);
    return result;
  }

  function detect(monthId: string): HotspotMonth | undefined {
    const period = parsePeriod(monthId);
    if (!schedule || !level || !period || period.kind !== "month" || firstMonth === undefined) return undefined;
    const window = periodWindow(period, schedule);
    if (!window) return undefined;
    const baselineIds: string[] = [];
    let cursor: PeriodicPeriod = period;
    for (let index = 0; index < settings.baselineMonths; index++) {
      cursor = previousPeriod(cursor, schedule);
      if (cursor.id < firstMonth) break;
      baselineIds.push(cursor.id);
    }
    if (baselineIds.length < settings.minBaselineMonths) return undefined;
    const day = window.end;
    const units = [...model.units.values()].filter((unit) => unit.level === level && tree.existsOn(unit, day));
    const unitIds = units.map((unit) => unit.id);
    const unitIndex = new Map(unitIds.map((id, index) => [id, index]));
    const months = baselineIds.length;

    // history.get(topic)[month][unit] = weighted count; volume[month][unit] = all observations.
    const history = new Map<string, Float64Array[]>();
    const volume = baselineIds.map(() => new Float64Array(unitIds.length));
    const currentVolume = new Float64Array(unitIds.length);
    const current = new Map<string, Map<number, ObservationEntry[]>>();
    const topicOf = new Map<string, Topic>();
    const add = (row: Float64Array, index: number, weight: number) => {
      row[index] = (row[index] ?? 0) + weight;
    };
    baselineIds.forEach((id, monthIndex) => {
      const volumeRow = volume[monthIndex] as Float64Array;
      for (const entry of byMonth.get(id) ?? []) {
        const holders = resolve(entry.unit, day).flatMap(([unit, weight]) => {
          const index = unitIndex.get(unit);
          return index === undefined ? [] : [[index, weight] as const];
        });
        if (holders.length === 0) continue;
        for (const [index, weight] of holders) add(volumeRow, index, weight);
        for (const topic of topicsOf(entry)) {
          const key = topicKey(topic);
          let counts = history.get(key);
          if (!counts) {
            counts = baselineIds.map(() => new Float64Array(unitIds.length));
            history.set(key, counts);
            topicOf.set(key, topic);
          }
          const row = counts[monthIndex] as Float64Array;
          for (const [index, weight] of holders) add(row, index, weight);
        }
      }
    });
    for (const entry of byMonth.get(monthId) ?? []) {
      const holders = resolve(entry.unit, day);
      // Observations of the month are filed under units of the month: one holder.
      const index = holders.length === 1 ? unitIndex.get((holders[0] as [string, number])[0]) : undefined;
      if (index === undefined) continue;
      add(currentVolume, index, 1);
      for (const topic of topicsOf(entry)) {
        const key = topicKey(topic);
        topicOf.set(key, topic);
        let cells = current.get(key);
        if (!cells) {
          cells = new Map();
          current.set(key, cells);
        }
        const list = cells.get(index);
        if (list) list.push(entry);
        else cells.set(index, [entry]);
      }
    }
    const unitVolume = new Float64Array(unitIds.length);
    for (const row of volume) for (let unit = 0; unit < unitIds.length; unit++) add(unitVolume, unit, row[unit] ?? 0);
    const totalVolume = unitVolume.reduce((sum, value) => sum + value, 0);

    interface Cell {
      topic: string;
      unit: number;
      count: number;
      expected: number;
      baselineMean: number;
      pValue: number;
      /** −ln p in steps of SCORE_STEP when p ≤ τ, else 0: the cell's part of the topic's truncated product. */
      score: number;
      /** The distribution of that score under the baseline, computed only for topics that score at all. */
      term: () => DiscreteTerm;
    }
    const cellsByTopic = new Map<string, Cell[]>();
    const allCells: Cell[] = [];
    const topicKeys = [...topicOf.keys()].sort();
    for (const key of topicKeys) {
      const counts = history.get(key) ?? [];
      const sums = new Float64Array(unitIds.length);
      for (const month of counts) for (let unit = 0; unit < unitIds.length; unit++) add(sums, unit, month[unit] ?? 0);
      const total = sums.reduce((sum, value) => sum + value, 0);
      // The topic's province-wide share, at least one observation's worth: the prior's centre.
      const share = Math.max(total, 1) / Math.max(totalVolume, 1);
      const strength = priorStrength(sums, unitVolume, share, settings);
      // Pearson dispersion of the monthly counts around each unit's own share of its monthly volume.
      let pearson = 0;
      let freedom = 0;
      for (let unit = 0; unit < unitIds.length; unit++) {
        const sum = sums[unit] as number;
        const unitTotal = unitVolume[unit] as number;
        if (sum <= 0 || unitTotal <= 0) continue;
        let used = 0;
        counts.forEach((month, monthIndex) => {
          const expected = ((volume[monthIndex] as Float64Array)[unit] as number) * (sum / unitTotal);
          if (expected <= 0) return;
          pearson += ((month[unit] as number) - expected) ** 2 / expected;
          used++;
        });
        freedom += Math.max(0, used - 1);
      }
      const dispersion = freedom > 0 ? pearson / freedom : 1;
      const overDispersed = dispersion > settings.dispersionThreshold;
      const cells: Cell[] = [];
      const currentCells = current.get(key);
      for (let unit = 0; unit < unitIds.length; unit++) {
        const sum = sums[unit] as number;
        const shape = sum + strength * share;
        const expected = ((currentVolume[unit] as number) * shape) / ((unitVolume[unit] as number) + strength);
        const count = currentCells?.get(unit)?.length ?? 0;
        let pValue = 1;
        const size = overDispersed ? 1 / (1 / shape + (dispersion - 1) / expected) : shape;
        // A single observation is never a rise: such cells keep p = 1, which leaves the test valid (p only larger) and rare topics quiet.
        if (count >= settings.minCount) pValue = negativeBinomialUpperTail(count, expected, size);
        const score = pValue <= settings.tau ? Math.floor(-Math.log(pValue) / SCORE_STEP) : 0;
        cells.push({ topic: key, unit, count, expected, baselineMean: sum / months, pValue, score, term: () => cellTerm(expected, size, settings) });
      }
      cellsByTopic.set(key, cells);
      allCells.push(...cells);
    }
    const cellQ = benjaminiHochberg(allCells.map((cell) => cell.pValue));
    const qOfCell = new Map(allCells.map((cell, index) => [cell, cellQ[index] as number]));
    const topicP = topicKeys.map((key) => {
      const cells = cellsByTopic.get(key) ?? [];
      const observed = cells.reduce((sum, cell) => sum + cell.score, 0);
      return observed === 0
        ? 1
        : sumUpperTail(
            observed,
            cells.map((cell) => cell.term()).filter((term) => term.length > 1),
            SCORE_CAP,
          );
    });
    const topicQ = benjaminiHochberg(topicP);

    const signal = (cell: Cell): UnitSignal => ({
      unit: unitIds[cell.unit] as string,
      count: cell.count,
      expected: cell.expected,
      baselineMean: cell.baselineMean,
      pValue: cell.pValue,
      qValue: qOfCell.get(cell) as number,
      observations: (current.get(cell.topic)?.get(cell.unit) ?? []).map((entry) => entry.id).sort(),
    });
    const hotspots: Hotspot[] = [];
    topicKeys.forEach((key, index) => {
      const cells = cellsByTopic.get(key) ?? [];
      const rising = cells.filter(
        (cell) => cell.pValue <= settings.unitP && cell.count >= settings.minCount && cell.count >= settings.unitMinRatio * cell.expected,
      );
      const single = cells.filter((cell) => (qOfCell.get(cell) as number) <= settings.fdr && cell.count >= settings.singleUnitRatio * cell.expected);
      const q = topicQ[index] as number;
      let reason: Hotspot["reason"] | undefined;
      let chosen: Cell[] = [];
      if (q <= settings.fdr && rising.length >= settings.minUnits) {
        reason = "nhieu-don-vi";
        chosen = rising;
      } else if (single.length > 0) {
        reason = "mot-don-vi";
        chosen = single;
      }
      if (!reason) return;
      const listed = chosen.map(signal).sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit));
      const hot = new Set(listed.map((item) => item.unit));
      const topic = topicOf.get(key) as Topic;
      hotspots.push({
        topic,
        reason,
        units: listed,
        pValue: topicP[index] as number,
        qValue: q,
        count: listed.reduce((sum, item) => sum + item.count, 0),
        expected: listed.reduce((sum, item) => sum + item.expected, 0),
        neighbours: urgentNeighbours(model, tree, byMonth.get(monthId) ?? [], topic, hot, resolve, day),
        relatedTopics: [],
      });
    });
    hotspots.sort((a, b) => a.qValue - b.qValue || b.count - a.count || topicKey(a.topic).localeCompare(topicKey(b.topic)));
    return {
      period,
      window,
      baselineMonths: months,
      tests: allCells.length,
      topics: topicKeys.length,
      units: unitIds.length,
      hotspots: foldRelatedTopics(hotspots),
      topicTests: topicKeys.map((key, index) => ({
        topic: topicOf.get(key) as Topic,
        pValue: topicP[index] as number,
        qValue: topicQ[index] as number,
        count: (cellsByTopic.get(key) ?? []).reduce((sum, cell) => sum + cell.count, 0),
      })),
    };
  }

  return { months, detect };
}

/**
 * The prior's weight A for a topic (Clayton & Kaldor 1987, method of moments):
 * unit shares vary around the province share π with variance σ² beyond what
 * chance gives, Σ(S − Nπ)² ≈ Σ Nπ + σ² Σ N²; a Gamma prior of mean π and
 * variance σ² weighs A = π / σ² observations. Units that all look alike pool
 * strongly; units that truly differ keep their own history.
 */
function priorStrength(sums: Float64Array, volumes: Float64Array, share: number, settings: HotspotSettings): number {
  let squares = 0;
  let chance = 0;
  let volumeSquares = 0;
  for (let unit = 0; unit < sums.length; unit++) {
    const volume = volumes[unit] as number;
    if (volume <= 0) continue;
    squares += ((sums[unit] as number) - volume * share) ** 2;
    chance += volume * share;
    volumeSquares += volume * volume;
  }
  const variance = volumeSquares > 0 ? Math.max(0, (squares - chance) / volumeSquares) : 0;
  const strength = variance > 0 ? share / variance : Number.POSITIVE_INFINITY;
  return Math.min(settings.priorObservations.most, Math.max(settings.priorObservations.least, strength));
}

/** Resolution and ceiling of the topic score (−ln of the product of its small p-values). */
const SCORE_STEP = 0.05;
const SCORE_CAP = 1200;

/**
 * The distribution of a cell's score under its baseline: 0 unless the count
 * reaches a p-value ≤ τ (and the minimum count), else the score of that count;
 * the last value holds the whole remaining tail (which only makes the test
 * more conservative).
 */
function cellTerm(expected: number, size: number, settings: HotspotSettings): DiscreteTerm {
  let count = settings.minCount;
  let tail = negativeBinomialUpperTail(count, expected, size);
  while (tail > settings.tau) {
    tail -= negativeBinomialPmf(count, expected, size);
    count++;
    if (count > 10_000) return [[0, 1]];
  }
  if (tail < 1e-14) return [[0, 1]];
  const term: [number, number][] = [[0, 1 - tail]];
  for (let step = 0; step < 40 && tail > 1e-14; step++, count++) {
    const p = negativeBinomialUpperTail(count, expected, size);
    const score = Math.floor(-Math.log(p) / SCORE_STEP);
    const mass = step === 39 ? p : negativeBinomialPmf(count, expected, size);
    term.push([score, mass]);
    tail = p - mass;
  }
  return term;
}

/**
 * One cluster of observations raises its sub-topic and its tags together; a
 * hot spot half of whose observations already belong to a stronger one is
 * listed with it as a related topic, not as a hot spot of its own.
 */
function foldRelatedTopics(hotspots: readonly Hotspot[]): Hotspot[] {
  const kept: Hotspot[] = [];
  const owner = new Map<string, Hotspot>();
  // Sub-topics (the fields' own vocabulary) host the tags that rise with them.
  const subtopicsFirst = [...hotspots.filter((hotspot) => hotspot.topic.kind === "subtopic"), ...hotspots.filter((hotspot) => hotspot.topic.kind === "tag")];
  for (const hotspot of subtopicsFirst) {
    const ids = hotspot.units.flatMap((unit) => unit.observations);
    const shared = new Map<Hotspot, number>();
    for (const id of ids) {
      const holder = owner.get(id);
      if (holder) shared.set(holder, (shared.get(holder) ?? 0) + 1);
    }
    const [host, overlap] = [...shared.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    if (host && overlap * 2 >= ids.length) {
      host.relatedTopics.push(hotspot.topic);
      continue;
    }
    kept.push(hotspot);
    for (const id of ids) if (!owner.has(id)) owner.set(id, hotspot);
  }
  return hotspots.filter((hotspot) => kept.includes(hotspot));
}

function urgentNeighbours(
  model: ContentModel,
  tree: UnitTree,
  observations: readonly ObservationEntry[],
  topic: Topic,
  hot: ReadonlySet<string>,
  resolve: (unit: string, day: string) => [string, number][],
  day: string,
): NeighbourItem[] {
  const siblings = new Set<string>();
  for (const unit of hot) {
    const parent = model.units.get(unit)?.parent;
    for (const sibling of parent ? tree.children(parent) : []) if (!hot.has(sibling)) siblings.add(sibling);
  }
  const items: NeighbourItem[] = [];
  for (const entry of observations) {
    if (!isUrgent(model, entry.urgency)) continue;
    if (!(topic.kind === "subtopic" ? entry.subtopics : entry.tags).includes(topic.id)) continue;
    const holder = resolve(entry.unit, day)[0]?.[0];
    if (holder && siblings.has(holder)) items.push({ unit: holder, observation: entry.id });
  }
  return items.sort((a, b) => a.observation.localeCompare(b.observation));
}

/** The monthly period containing a day (the month a page or a draft speaks of). */
export function monthOf(model: ContentModel, day: string): string | undefined {
  return model.schedule ? periodContaining("month", day, model.schedule).id : undefined;
}
