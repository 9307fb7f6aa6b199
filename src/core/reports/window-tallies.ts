/**
 * Counts of a unit's subtree in a window, computed once per model: every
 * consolidated page, its trend and its list of units below read the same sums
 * over the unit tree (a province's page re-summed every commune's observations,
 * which the communes' own pages had summed too; each page's trend re-counted the
 * periods before it). Here each unit's own observations in a window are counted
 * once (by field, sub-topic and follow-up status), and a subtree's counts are
 * the sum of its coverage's (tree.coverage: sub-units and merged predecessors,
 * each once), kept per model for the next page that asks.
 */
import type { Window } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry, ReportEntry } from "../content/content-model.ts";
import { referenceLabels } from "../content/labels.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { byNotability } from "./notability.ts";

export interface WindowTally {
  /** Observations in the window. */
  total: number;
  /** Of them, those whose status forwards the matter to an authority (`forwards` in statuses.yaml). */
  forwarded: number;
  /** Of them, those forwarded and neither answered nor closed by their status: what the Word report calls waiting. */
  waiting: number;
  /** Per field, in the order of fields.yaml. */
  fields: Int32Array;
  /** Per field's sub-topics, field after field (see `subtopicOffsets`). */
  subtopics: Int32Array;
}

interface Tallies {
  fieldIndex: Map<string, number>;
  /** Where each field's sub-topics start in `WindowTally.subtopics`. */
  offsets: number[];
  subtopicCount: number;
  statusRole: Map<string, { forwarded: boolean; waiting: boolean }>;
  /** Per unit, then window (`start|end`): the unit's own observations counted. */
  own: Map<string, WindowTally>;
  /** Per unit and window: its coverage's counts. */
  subtree: Map<string, WindowTally>;
  notable: Map<string, Map<string, ObservationEntry[]>>;
}

const talliesByModel = new WeakMap<ContentModel, Tallies>();

function talliesOf(model: ContentModel): Tallies {
  let tallies = talliesByModel.get(model);
  if (!tallies) {
    const offsets: number[] = [];
    let subtopicCount = 0;
    for (const field of model.fields) {
      offsets.push(subtopicCount);
      subtopicCount += field.subtopics.length;
    }
    const statusRole = new Map<string, { forwarded: boolean; waiting: boolean }>();
    for (const [id, role] of referenceLabels(model).statuses) {
      statusRole.set(id, { forwarded: role.forwards === true, waiting: role.forwards === true && !role.closes && !role.answers });
    }
    tallies = {
      fieldIndex: new Map(model.fields.map((field, index) => [field.id, index])),
      offsets,
      subtopicCount,
      statusRole,
      own: new Map(),
      subtree: new Map(),
      notable: new Map(),
    };
    talliesByModel.set(model, tallies);
  }
  return tallies;
}

const emptyTally = (model: ContentModel, tallies: Tallies): WindowTally => ({
  total: 0,
  forwarded: 0,
  waiting: 0,
  fields: new Int32Array(model.fields.length),
  subtopics: new Int32Array(tallies.subtopicCount),
});

/** First index in a date-ordered list whose date is not below `date` (or above it, with `after`). */
export function boundary(sorted: readonly ObservationEntry[], date: string, after: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const observed = (sorted[middle] as ObservationEntry).observed_on;
    if (observed < date || (after && observed === date)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A unit's own observations in the window, from its date-ordered list. */
function ownInWindow(byUnit: Map<string, ObservationEntry[]>, unit: string, window: Window): ObservationEntry[] {
  const sorted = byUnit.get(unit);
  if (!sorted) return [];
  return sorted.slice(boundary(sorted, window.start, false), boundary(sorted, window.end, true));
}

function countOwn(model: ContentModel, tallies: Tallies, entries: readonly ObservationEntry[]): WindowTally {
  const tally = emptyTally(model, tallies);
  for (const entry of entries) {
    tally.total++;
    const role = tallies.statusRole.get(entry.status);
    if (role?.forwarded) tally.forwarded++;
    if (role?.waiting) tally.waiting++;
    const index = tallies.fieldIndex.get(entry.field);
    if (index === undefined) continue;
    tally.fields[index] = (tally.fields[index] as number) + 1;
    const offset = tallies.offsets[index] as number;
    (model.fields[index]?.subtopics ?? []).forEach((subtopic, position) => {
      if (entry.subtopics.includes(subtopic.id)) tally.subtopics[offset + position] = (tally.subtopics[offset + position] as number) + 1;
    });
  }
  return tally;
}

/**
 * The counts of a unit's subtree (its coverage) in a window. `byUnit` is the model's
 * observations grouped by unit in date order (`observationsByUnit`).
 */
export function subtreeTally(model: ContentModel, tree: UnitTree, byUnit: Map<string, ObservationEntry[]>, unit: string, window: Window): WindowTally {
  const tallies = talliesOf(model);
  const key = `${unit}|${window.start}|${window.end}`;
  const known = tallies.subtree.get(key);
  if (known) return known;
  const sum = emptyTally(model, tallies);
  for (const member of tree.coverage(unit)) {
    if (!byUnit.has(member)) continue;
    const ownKey = `${member}|${window.start}|${window.end}`;
    let own = tallies.own.get(ownKey);
    if (!own) {
      own = countOwn(model, tallies, ownInWindow(byUnit, member, window));
      tallies.own.set(ownKey, own);
    }
    if (own.total === 0) continue;
    sum.total += own.total;
    sum.forwarded += own.forwarded;
    sum.waiting += own.waiting;
    for (let index = 0; index < sum.fields.length; index++) sum.fields[index] = (sum.fields[index] as number) + (own.fields[index] as number);
    for (let index = 0; index < sum.subtopics.length; index++) sum.subtopics[index] = (sum.subtopics[index] as number) + (own.subtopics[index] as number);
  }
  tallies.subtree.set(key, sum);
  return sum;
}

/** Where each field's sub-topics start in `WindowTally.subtopics` (fields in the order of fields.yaml). */
export const subtopicOffsets = (model: ContentModel): readonly number[] => talliesOf(model).offsets;

/**
 * Per field id, the subtree's most notable observations in the window (`byNotability`), at most
 * `perField`. Each unit's own few are found once; the subtree's are the best of theirs, which are
 * the best of all since the order is total.
 */
export function subtreeNotable(
  model: ContentModel,
  tree: UnitTree,
  byUnit: Map<string, ObservationEntry[]>,
  unit: string,
  window: Window,
  perField: number,
): Map<string, ObservationEntry[]> {
  const tallies = talliesOf(model);
  const order = byNotability(model);
  const best = (entries: ObservationEntry[]) => entries.sort(order).slice(0, perField);
  const key = `${unit}|${window.start}|${window.end}|${perField}`;
  const known = tallies.notable.get(key);
  if (known) return known;
  const candidates = new Map<string, ObservationEntry[]>(model.fields.map((field) => [field.id, []]));
  for (const member of tree.coverage(unit)) {
    if (!byUnit.has(member)) continue;
    const ownKey = `#own|${member}|${window.start}|${window.end}|${perField}`;
    let own = tallies.notable.get(ownKey);
    if (!own) {
      const perFieldEntries = new Map<string, ObservationEntry[]>();
      for (const entry of ownInWindow(byUnit, member, window)) {
        const list = perFieldEntries.get(entry.field);
        if (list) list.push(entry);
        else perFieldEntries.set(entry.field, [entry]);
      }
      own = new Map([...perFieldEntries].map(([field, entries]) => [field, best(entries)]));
      tallies.notable.set(ownKey, own);
    }
    for (const [field, entries] of own) candidates.get(field)?.push(...entries);
  }
  const result = new Map([...candidates].map(([field, entries]) => [field, best(entries)]));
  tallies.notable.set(key, result);
  return result;
}

interface ReportIndex {
  /** `unit|period` → the unit's reports for the period, in the model's order. */
  own: Map<string, ReportEntry[]>;
  /** unit → its reports with the day their period ends and their place in the model's order. */
  byUnit: Map<string, { report: ReportEntry; end: string; order: number }[]>;
}

const reportsByModel = new WeakMap<ContentModel, ReportIndex>();

/** The model's reports by unit and period, and by unit with their period's last day (`endOf`), once per model. */
export function reportIndex(model: ContentModel, endOf: (report: ReportEntry) => string | undefined): ReportIndex {
  let index = reportsByModel.get(model);
  if (!index) {
    index = { own: new Map(), byUnit: new Map() };
    let order = 0;
    for (const report of model.reports.values()) {
      const key = `${report.unit}|${report.period}`;
      const own = index.own.get(key);
      if (own) own.push(report);
      else index.own.set(key, [report]);
      const end = endOf(report);
      if (end !== undefined) {
        const list = index.byUnit.get(report.unit);
        const item = { report, end, order };
        if (list) list.push(item);
        else index.byUnit.set(report.unit, [item]);
      }
      order++;
    }
    reportsByModel.set(model, index);
  }
  return index;
}
