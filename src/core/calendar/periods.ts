/**
 * Reporting periods, windows and due dates (plan IV.2), from the schedule data.
 * A periodic window ends on its due date and starts the day after the previous
 * due date of the same kind.
 */
import { PERIOD_PATTERN } from "../../../schemas/report.ts";
import type { PeriodicKind, Schedule } from "../../../schemas/schedule.ts";
import { romanNumeral } from "../reports/roman-numeral.ts";
import { addDays, formatDateVi, fromParts } from "./dates.ts";

export type Period = { kind: PeriodicKind; id: string; year: number; index: number } | { kind: "adhoc"; id: string; year: number; date: string; slug: string };

/** A month, quarter, half-year or year (not an ad-hoc period): the periods with a due date in the schedule. */
export type PeriodicPeriod = Extract<Period, { kind: PeriodicKind }>;

export const isPeriodic = (period: Period): period is PeriodicPeriod => period.kind !== "adhoc";

export interface Window {
  /** First day included. */
  start: string;
  /** Last day included; the due date for periodic reports. */
  end: string;
}

/** Parses a period id such as `2026-03`, `2026-q1`, `2026-h2`, `2026` or `2026-03-15-bao-lu`. */
export function parsePeriod(id: string): Period | undefined {
  const groups = PERIOD_PATTERN.exec(id)?.groups;
  if (!groups) return undefined;
  const year = Number(groups.year);
  if (groups.month) return { kind: "month", id, year, index: Number(groups.month) };
  if (groups.quarter) return { kind: "quarter", id, year, index: Number(groups.quarter) };
  if (groups.half) return { kind: "half", id, year, index: Number(groups.half) };
  if (groups.adhocDate && groups.adhocSlug) {
    return { kind: "adhoc", id, year, date: `${groups.year}-${groups.adhocDate}`, slug: groups.adhocSlug };
  }
  return { kind: "year", id, year, index: 1 };
}

export function periodId(kind: PeriodicKind, year: number, index: number): string {
  switch (kind) {
    case "month":
      return `${year}-${String(index).padStart(2, "0")}`;
    case "quarter":
      return `${year}-q${index}`;
    case "half":
      return `${year}-h${index}`;
    case "year":
      return String(year);
  }
}

/** Due date of a periodic period, or undefined when the schedule has no such period. */
export function dueDate(period: Period, schedule: Schedule): string | undefined {
  if (period.kind === "adhoc") return undefined;
  const due = schedule[period.kind].due[period.index - 1];
  return due ? fromParts(period.year, due.month, due.day) : undefined;
}

/** The day a period ends: an ad-hoc period's own date, a periodic one's due date. */
export function periodEnd(period: Period, schedule: Schedule): string | undefined {
  return period.kind === "adhoc" ? period.date : dueDate(period, schedule);
}

/** The period of the same kind just before. */
export function previousPeriod(period: PeriodicPeriod, schedule: Schedule): PeriodicPeriod {
  if (period.index > 1) return { ...period, index: period.index - 1, id: periodId(period.kind, period.year, period.index - 1) };
  const last = schedule[period.kind].due.length;
  return { kind: period.kind, year: period.year - 1, index: last, id: periodId(period.kind, period.year - 1, last) };
}

/** The reporting window. Ad-hoc reports cover the 30 days up to their date. */
export function periodWindow(period: Period, schedule: Schedule): Window | undefined {
  if (period.kind === "adhoc") return { start: addDays(period.date, -30), end: period.date };
  const end = dueDate(period, schedule);
  const before = dueDate(previousPeriod(period, schedule), schedule);
  if (!end || !before) return undefined;
  return { start: addDays(before, 1), end };
}

/**
 * The ids of the periods of the given kinds that contain a date, in the kinds'
 * order, each date computed once: thousands of entries share a day.
 */
export function periodIdsOfDay(kinds: readonly PeriodicKind[], schedule: Schedule): (date: string) => string[] {
  const known = new Map<string, string[]>();
  return (date) => {
    let ids = known.get(date);
    if (!ids) {
      ids = kinds.map((kind) => periodContaining(kind, date, schedule).id);
      known.set(date, ids);
    }
    return ids;
  };
}

/** The period of a kind whose window contains the date. */
export function periodContaining(kind: PeriodicKind, date: string, schedule: Schedule): PeriodicPeriod {
  const year = Number(date.slice(0, 4));
  for (const candidateYear of [year, year + 1]) {
    const dues = schedule[kind].due;
    for (let index = 1; index <= dues.length; index++) {
      const period: PeriodicPeriod = { kind, year: candidateYear, index, id: periodId(kind, candidateYear, index) };
      const end = dueDate(period, schedule) as string;
      if (end >= date) return period;
    }
  }
  throw new Error(`No ${kind} period contains ${date}`);
}

/** The label inside a sentence: `tháng 3/2026`, `quý I/2026` (only the first letter lowered; numerals stay). */
export function periodPhrase(period: Period): string {
  return periodLabel(period).replace(/^./, (first) => first.toLowerCase());
}

/** Vietnamese name of a period: `Tháng 3/2026`, `Quý I/2026`, `6 tháng đầu năm 2026`, … */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case "month":
      return `Tháng ${period.index}/${period.year}`;
    case "quarter":
      return `Quý ${romanNumeral(period.index)}/${period.year}`;
    case "half":
      return period.index === 1 ? `6 tháng đầu năm ${period.year}` : `6 tháng cuối năm ${period.year}`;
    case "year":
      return `Năm ${period.year}`;
    case "adhoc":
      return `Đột xuất ngày ${formatDateVi(period.date)}`;
  }
}
