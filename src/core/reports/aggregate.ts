/**
 * What the site and reports consolidate, as pure functions over the model: the
 * observations of a unit's subtree in a window, counts in the plan's outline
 * with the change against the previous period, and the follow-up tracker.
 */
import { addDays, daysBetween } from "../calendar/dates.ts";
import { isPeriodic, type Period, parsePeriod, periodEnd, periodWindow, previousPeriod, type Window } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry, ReportEntry, UnitEntry } from "../content/content-model.ts";
import { shownDetails, WITHHELD_AUTHORITY } from "../site/visibility.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { type FollowUpOutcome, followUpOutcome, forwardsItem } from "./follow-up-outcome.ts";
import { boundary, reportIndex, subtopicOffsets, subtreeNotable, subtreeTally, type WindowTally } from "./window-tallies.ts";

// ------------------------------------------------------------------ which units a period has (the merger of 1 July 2025)

/** The part of the window in which the unit existed (its `valid_from`..`valid_to`), or undefined when it did not exist then. */
export function lifetimeIn(unit: Pick<UnitEntry, "valid_from" | "valid_to">, window: Window): Window | undefined {
  const start = unit.valid_from && unit.valid_from > window.start ? unit.valid_from : window.start;
  const end = unit.valid_to && unit.valid_to < window.end ? unit.valid_to : window.end;
  return start <= end ? { start, end } : undefined;
}

/** True when the unit existed on that day. */
export const existedOn = (unit: Pick<UnitEntry, "valid_from" | "valid_to">, date: string): boolean =>
  lifetimeIn(unit, { start: date, end: date }) !== undefined;

export interface UnitBelow {
  unit: UnitEntry;
  /** `child`: a sub-unit; `predecessor`: a former unit whose area passed into this one. */
  relation: "child" | "predecessor";
  /** Observations of its coverage in the window, counted only while it existed (so the rows add up to the total). */
  count: number;
}

/**
 * The one rule for which units a page, draft or filter lists under a unit for a
 * window: the sub-units that existed in it and, for a unit formed by a merger,
 * the predecessors that existed in it. Before 1 July 2025 a province lists its
 * old districts, after it the new communes; a successor's page for a period
 * before the merger lists the wards that merged into it; a unit that had ended
 * is never listed for a window after its end. Each counts its coverage's
 * observations inside its own lifetime, so a window across the merger date
 * counts every observation once.
 */
export function unitsBelow(model: ContentModel, tree: UnitTree, byUnit: Map<string, ObservationEntry[]>, unitId: string, window: Window): UnitBelow[] {
  const listed: UnitBelow[] = [];
  const add = (id: string, relation: UnitBelow["relation"]) => {
    const unit = model.units.get(id);
    const lifetime = unit && lifetimeIn(unit, window);
    if (unit && lifetime) listed.push({ unit, relation, count: subtreeTally(model, tree, byUnit, id, lifetime).total });
  };
  for (const id of tree.children(unitId)) add(id, "child");
  for (const id of tree.predecessors(unitId)) add(id, "predecessor");
  return listed;
}

// ------------------------------------------------------------------ like with like: a period in progress

export interface Comparison {
  /** The stretch of the previous period compared with. */
  window: Window;
  /** True when the current period is in progress and only its first `days` days are compared. */
  partial: boolean;
  /** Days of the current period so far (the whole period when it has ended). */
  days: number;
  /** How the comparison reads in a sentence: `so với tháng 10/2026`, `so với 7 ngày đầu kỳ trước`. */
  phrase: string;
}

/**
 * What a period is compared with: the whole previous period once the period has
 * ended, and while it is in progress the same number of days from the start of
 * the previous one (ten days are never compared with a whole month).
 */
export function comparisonWith(window: Window, previous: Window, today: string, previousLabel: string): Comparison {
  if (today >= window.end) return { window: previous, partial: false, days: daysBetween(window.start, window.end) + 1, phrase: `so với ${previousLabel}` };
  const days = Math.max(0, daysBetween(window.start, today) + 1);
  const end = addDays(previous.start, days - 1);
  return {
    window: { start: previous.start, end: [end, previous.end].sort()[0] as string },
    partial: true,
    days,
    phrase: `so với ${days} ngày đầu kỳ trước (${previousLabel})`,
  };
}

/** A count's change in words: `tăng 3`, `giảm 21`, `không đổi`. */
export function changePhrase(count: number, previous: number, format: (value: number) => string = String): string {
  return count === previous ? "không đổi" : count > previous ? `tăng ${format(count - previous)}` : `giảm ${format(previous - count)}`;
}

/** Observations of the unit's subtree (former units included) observed in the window, oldest first. */
export function observationsIn(model: ContentModel, tree: UnitTree, unit: string, window: Window): ObservationEntry[] {
  const covered = tree.coverage(unit);
  return [...model.observations.values()]
    .filter((entry) => covered.has(entry.unit) && entry.observed_on >= window.start && entry.observed_on <= window.end)
    .sort((a, b) => a.observed_on.localeCompare(b.observed_on) || a.id.localeCompare(b.id));
}

export interface Tally {
  id: string;
  label: string;
  count: number;
  /** The same count in the previous period. */
  previous: number;
}

export interface FieldTally extends Tally {
  subtopics: Tally[];
}

const tally = (
  id: string,
  label: string,
  current: readonly ObservationEntry[],
  previous: readonly ObservationEntry[],
  test: (entry: ObservationEntry) => boolean,
): Tally => ({
  id,
  label,
  count: current.filter(test).length,
  previous: previous.filter(test).length,
});

/** Counts per field and sub-topic, in the order of fields.yaml (the plan's outline). */
export function countByField(model: ContentModel, current: readonly ObservationEntry[], previous: readonly ObservationEntry[]): FieldTally[] {
  return model.fields.map((field) => ({
    ...tally(field.id, field.label, current, previous, (entry) => entry.field === field.id),
    subtopics: field.subtopics.map((subtopic) =>
      tally(subtopic.id, subtopic.label, current, previous, (entry) => entry.field === field.id && entry.subtopics.includes(subtopic.id)),
    ),
  }));
}

/** Counts per channel, in the order of channels.yaml. */
export function countByChannel(model: ContentModel, current: readonly ObservationEntry[], previous: readonly ObservationEntry[]): Tally[] {
  return model.channels.map((channel) => tally(channel.id, channel.label, current, previous, (entry) => entry.channel === channel.id));
}

// ------------------------------------------------------------------ follow-up tracker

export interface AwaitingAnswer {
  observation: ObservationEntry;
  authority: string;
  forwardedOn: string;
  days: number;
  overdue: boolean;
}

/** Items forwarded to an authority and not answered yet (their status `forwards`, statuses.yaml), longest waiting first. */
export function awaitingAnswer(model: ContentModel, observations: readonly ObservationEntry[], today: string, overdueDays: number): AwaitingAnswer[] {
  return observations
    .filter((entry) => forwardsItem(model, entry.status))
    .map((entry) => {
      const step = followUpOutcome(model, entry).lastForwarding;
      const forwardedOn = step?.date ?? entry.recorded_on;
      const days = daysBetween(forwardedOn, today);
      // A restricted item's authority is withheld (visibility.ts).
      const authority = shownDetails(entry).restricted ? WITHHELD_AUTHORITY : (step?.authority ?? entry.forwarded_to ?? "");
      return { observation: entry, authority, forwardedOn, days, overdue: days > overdueDays };
    })
    .sort((a, b) => b.days - a.days || a.observation.id.localeCompare(b.observation.id));
}

export interface Rates {
  key: string;
  /** Items ever forwarded to an authority. */
  forwarded: number;
  answered: number;
  resolved: number;
  answeredRate: number;
  resolvedRate: number;
}

/**
 * Answered and resolved rates of forwarded items, grouped by a key (authority, field, unit), largest group first.
 * Answered and resolved are read from each item's follow-up log (`followUpOutcome`), with the status roles of statuses.yaml.
 */
export function followUpRates(model: ContentModel, observations: readonly ObservationEntry[], keyOf: (entry: ObservationEntry) => string): Rates[] {
  const groups = new Map<string, FollowUpOutcome[]>();
  for (const entry of observations) {
    const outcome = followUpOutcome(model, entry);
    if (!outcome.firstForwarding) continue;
    const key = keyOf(entry);
    groups.set(key, [...(groups.get(key) ?? []), outcome]);
  }
  return [...groups]
    .map(([key, entries]) => {
      const answered = entries.filter((outcome) => outcome.answered).length;
      const resolved = entries.filter((outcome) => outcome.resolved).length;
      return { key, forwarded: entries.length, answered, resolved, answeredRate: answered / entries.length, resolvedRate: resolved / entries.length };
    })
    .sort((a, b) => b.forwarded - a.forwarded || a.key.localeCompare(b.key, "vi"));
}

/** The authority an item was last forwarded to, as pages may show it (restricted items are grouped under WITHHELD_AUTHORITY). */
export const authorityOf = (entry: ObservationEntry): string => {
  const shown = shownDetails(entry);
  return shown.restricted ? WITHHELD_AUTHORITY : (shown.forwardedTo ?? "(chưa ghi cơ quan)");
};

// ------------------------------------------------------------------ consolidated report of a unit and period

const groupedByModel = new WeakMap<ContentModel, Map<string, ObservationEntry[]>>();

const byDate = (a: ObservationEntry, b: ObservationEntry) =>
  a.observed_on < b.observed_on ? -1 : a.observed_on > b.observed_on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Observations grouped by unit, each group in date order (once per model), so a
 * page takes a subtree's share of a window by binary search, not by scanning.
 */
export function observationsByUnit(model: ContentModel): Map<string, ObservationEntry[]> {
  const known = groupedByModel.get(model);
  if (known) return known;
  const groups = new Map<string, ObservationEntry[]>();
  for (const entry of model.observations.values()) {
    const group = groups.get(entry.unit);
    if (group) group.push(entry);
    else groups.set(entry.unit, [entry]);
  }
  for (const group of groups.values()) group.sort(byDate);
  groupedByModel.set(model, groups);
  return groups;
}

/** The observations of some units inside a window, in date order. `byUnit` lists must be date-ordered (as `observationsByUnit` gives). */
export function observationsOfUnitsIn(byUnit: Map<string, ObservationEntry[]>, units: Iterable<string>, window: Window): ObservationEntry[] {
  const found: ObservationEntry[] = [];
  for (const unit of units) {
    const sorted = byUnit.get(unit);
    if (!sorted) continue;
    const end = boundary(sorted, window.end, true);
    for (let index = boundary(sorted, window.start, false); index < end; index++) found.push(sorted[index] as ObservationEntry);
  }
  return found.sort(byDate);
}

export interface Consolidation {
  window: Window;
  /** What the counts are compared with; undefined for an ad-hoc period. */
  comparison: Comparison | undefined;
  /** True when today falls inside the window (the counts are "đến hôm nay"). */
  inProgress: boolean;
  /** Observations of the subtree in the window. */
  count: number;
  /** Of them, those whose status forwards the matter to an authority (`forwards` in statuses.yaml). */
  forwarded: number;
  /** Of them, those forwarded and neither answered nor closed by their status. */
  waiting: number;
  fields: FieldTally[];
  /** Per field id: the notable observations, urgent first, at most `notablePerField`. */
  notable: Map<string, ObservationEntry[]>;
  /** Reports of this unit for the period (every organisation). */
  own: ReportEntry[];
  /** Reports of units below and member organisations whose period ends in the window. */
  lower: ReportEntry[];
}

/** Counts per field and sub-topic from the subtree's tallies of the window and of what it is compared with. */
function fieldTallies(model: ContentModel, current: WindowTally, previous: WindowTally | undefined): FieldTally[] {
  const offsets = subtopicOffsets(model);
  return model.fields.map((field, index) => ({
    id: field.id,
    label: field.label,
    count: current.fields[index] ?? 0,
    previous: previous?.fields[index] ?? 0,
    subtopics: field.subtopics.map((subtopic, position) => {
      const at = (offsets[index] ?? 0) + position;
      return { id: subtopic.id, label: subtopic.label, count: current.subtopics[at] ?? 0, previous: previous?.subtopics[at] ?? 0 };
    }),
  }));
}

/**
 * The consolidation of a unit's subtree for a period: its counts against the period compared
 * with, its notable items, its own reports and those below. The sums come from `subtreeTally`,
 * kept per model, so the pages of every unit and period share them.
 */
export function consolidate(
  model: ContentModel,
  tree: UnitTree,
  byUnit: Map<string, ObservationEntry[]>,
  unit: string,
  period: Period,
  today: string,
  previousLabel: (period: Period) => string,
  notablePerField = 5,
): Consolidation | undefined {
  const schedule = model.schedule;
  if (!schedule) return undefined;
  const window = periodWindow(period, schedule);
  if (!window) return undefined;
  const before = isPeriodic(period) ? previousPeriod(period, schedule) : undefined;
  const beforeWindow = before && periodWindow(before, schedule);
  const comparison = before && beforeWindow ? comparisonWith(window, beforeWindow, today, previousLabel(before)) : undefined;
  const current = subtreeTally(model, tree, byUnit, unit, window);
  const previous = comparison && subtreeTally(model, tree, byUnit, unit, comparison.window);
  const reports = reportIndex(model, (report) => {
    const reportPeriod = parsePeriod(report.period);
    return reportPeriod ? periodEnd(reportPeriod, schedule) : undefined;
  });
  // A copy: each caller used to get its own list.
  const own = [...(reports.own.get(`${unit}|${period.id}`) ?? [])];
  const lower: { report: ReportEntry; order: number }[] = [];
  for (const member of tree.coverage(unit)) {
    if (member === unit) continue;
    for (const item of reports.byUnit.get(member) ?? []) if (item.end >= window.start && item.end <= window.end) lower.push(item);
  }
  const inProgress = today >= window.start && today < window.end;
  return {
    window,
    comparison,
    inProgress,
    count: current.total,
    forwarded: current.forwarded,
    waiting: current.waiting,
    fields: fieldTallies(model, current, previous),
    notable: subtreeNotable(model, tree, byUnit, unit, window, notablePerField),
    own,
    lower: lower.sort((a, b) => a.order - b.order).map((item) => item.report),
  };
}
