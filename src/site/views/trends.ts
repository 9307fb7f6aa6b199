/** Counts over a run of periods, grouped (by field, sub-topic, channel, organisation or unit): the numbers behind every trend chart and its table. */
import type { PeriodicKind } from "../../../schemas/schedule.ts";
import { type Period, type PeriodicPeriod, periodContaining, periodLabel, periodWindow, previousPeriod, type Window } from "../../core/calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../../core/content/content-model.ts";
import { LazyChart, type SeriesChart, smallMultiples } from "../chart.ts";
import { formatNumber, type NumberRow } from "./common.ts";

export interface Series {
  id: string;
  label: string;
  href?: string | undefined;
  counts: number[];
}

export interface Trend {
  /** Short period labels, oldest first (`11/2026`, `Quý I/2026`). */
  columns: string[];
  series: Series[];
  totals: number[];
}

export interface Group {
  id: string;
  label: string;
  href?: string | undefined;
  test: (entry: ObservationEntry) => boolean;
}

/** The column label of a period in a trend: months without the word "Tháng". */
export const shortPeriodLabel = (period: Period): string => periodLabel(period).replace(/^Tháng /, "");

/** Counts of each group in each period's window, and the totals, for observations already narrowed to what the trend is about. */
export function trend(model: ContentModel, observations: readonly ObservationEntry[], periods: readonly Period[], groups: readonly Group[]): Trend {
  const schedule = model.schedule;
  const windows = periods.map((period) => (schedule && periodWindow(period, schedule)) as Window);
  const buckets = windows.map((window) => observations.filter((entry) => entry.observed_on >= window.start && entry.observed_on <= window.end));
  return {
    columns: periods.map(shortPeriodLabel),
    series: groups.map((group) => ({ id: group.id, label: group.label, href: group.href, counts: buckets.map((bucket) => bucket.filter(group.test).length) })),
    totals: buckets.map((bucket) => bucket.length),
  };
}

/** A trend as table rows: one per series, then the total. */
export function trendRows(value: Trend, withTotal = true): NumberRow[] {
  return [
    ...value.series.map((series) => ({ label: series.label, href: series.href, cells: series.counts.map(formatNumber) })),
    ...(withTotal ? [{ label: "Tổng", cells: value.totals.map(formatNumber) }] : []),
  ];
}

export const byField = (model: ContentModel, link = true): Group[] =>
  model.fields.map((field) => ({
    id: field.id,
    label: field.label,
    href: link ? `/linh-vuc/${field.id}/` : undefined,
    test: (entry) => entry.field === field.id,
  }));

export const byChannel = (model: ContentModel): Group[] =>
  model.channels.map((channel) => ({ id: channel.id, label: channel.label, test: (entry) => entry.channel === channel.id }));

export const byOrganisation = (model: ContentModel): Group[] =>
  model.organisations.map((organisation) => ({ id: organisation.id, label: organisation.label, test: (entry) => entry.organisation === organisation.id }));

// ------------------------------------------------------------------ ranges and charts

export interface Range {
  id: string;
  /** `12 tháng gần nhất`. */
  label: string;
  /** The x axis's name: `Tháng`, `Quý`, `Năm`. */
  xLabel: string;
  periods: PeriodicPeriod[];
}

/** The ranges a reader can choose on trend pages: the last 12 months, the last 8 quarters, the years since the first record (at most 5). */
export function trendRanges(model: ContentModel, today: string): Range[] {
  const schedule = model.schedule;
  if (!schedule) return [];
  const last = (kind: PeriodicKind, count: number) => {
    const periods: PeriodicPeriod[] = [periodContaining(kind, today, schedule)];
    while (periods.length < count) periods.unshift(previousPeriod(periods[0] as PeriodicPeriod, schedule));
    return periods;
  };
  const first = [...model.observations.values()].reduce((earliest, entry) => (entry.observed_on < earliest ? entry.observed_on : earliest), today);
  const years = Math.min(5, Math.max(1, Number(periodContaining("year", today, schedule).id) - Number(periodContaining("year", first, schedule).id) + 1));
  return [
    { id: "thang", label: "12 tháng gần nhất", xLabel: "Tháng", periods: last("month", 12) },
    { id: "quy", label: "8 quý gần nhất", xLabel: "Quý", periods: last("quarter", 8) },
    { id: "nam", label: years > 1 ? `${years} năm gần nhất` : "Năm nay", xLabel: "Năm", periods: last("year", years) },
  ];
}

export interface RangeTrend {
  id: string;
  label: string;
  columns: string[];
  /** The total's chart, when the figure shows one. */
  total: LazyChart | undefined;
  /** One small chart per series. */
  multiples: SeriesChart[];
  rows: NumberRow[];
}

/**
 * A trend figure for each range: the total's chart (optional), a small chart per
 * series on a shared scale, and the table of the same numbers.
 */
export function rangeTrends(
  model: ContentModel,
  observations: readonly ObservationEntry[],
  ranges: readonly Range[],
  groups: readonly Group[],
  options: { what: string; total?: boolean; maxSeries?: number },
): RangeTrend[] {
  return ranges.map((range) => trendFigure(trend(model, observations, range.periods, groups), range, options));
}

/** The figure of one range from its counts: the total's chart (optional), the series' small charts, the table. */
export function trendFigure(value: Trend, range: Range, options: { what: string; total?: boolean; maxSeries?: number }): RangeTrend {
  // The busiest series first when only some are drawn; the table lists them all.
  const drawn =
    options.maxSeries !== undefined
      ? [...value.series]
          .sort((a, b) => sum(b.counts) - sum(a.counts))
          .slice(0, options.maxSeries)
          .filter((series) => sum(series.counts) > 0)
      : value.series;
  return {
    id: range.id,
    label: range.label,
    columns: value.columns,
    total: options.total
      ? new LazyChart(
          value.columns.map((label, index) => ({ label, value: value.totals[index] ?? 0 })),
          { title: `${options.what}, ${range.label.toLowerCase()}`, xLabel: range.xLabel, yLabel: "Số thông tin" },
        )
      : undefined,
    multiples: smallMultiples(value.columns, drawn, `${options.what.toLowerCase()}, ${range.label.toLowerCase()}`, range.xLabel),
    rows: trendRows(value),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
