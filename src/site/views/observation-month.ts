/** The page of one unit's observations in one month: its title, the neighbouring months, the table of contents. */

import { formatDateVi } from "../../core/calendar/dates.ts";
import type { ObservationEntry } from "../../core/content/content-model.ts";
import { observationAnchor, observationPagePath, observationPages } from "../../core/site/links.ts";
import { formatNumber, unitName, type ViewContext } from "./common.ts";

/** `tháng 03/2026` from `2026-03`. */
export const monthPhrase = (month: string): string => `tháng ${month.slice(5)}/${month.slice(0, 4)}`;

export interface MonthPageProps {
  unit: string;
  month: string;
  entries: ObservationEntry[];
  previous: string | undefined;
  next: string | undefined;
}

/** Every unit-month page with its observations and its neighbours, as `getStaticPaths` props. */
export function observationMonthPages(observations: Iterable<ObservationEntry>): MonthPageProps[] {
  const pages = observationPages(observations);
  const monthsByUnit = new Map<string, string[]>();
  for (const key of pages.keys()) {
    const [unit, month] = key.split("/") as [string, string];
    monthsByUnit.set(unit, [...(monthsByUnit.get(unit) ?? []), month]);
  }
  for (const months of monthsByUnit.values()) months.sort();
  return [...pages].map(([key, entries]) => {
    const [unit, month] = key.split("/") as [string, string];
    const months = monthsByUnit.get(unit) ?? [];
    const at = months.indexOf(month);
    return { unit, month, entries, previous: months[at - 1], next: months[at + 1] };
  });
}

export function observationMonthView(context: ViewContext, props: MonthPageProps) {
  const name = unitName(context.model, props.unit);
  const neighbour = (month: string | undefined) =>
    month ? { href: observationPagePath(props.unit, month), label: `Tháng ${month.slice(5)}/${month.slice(0, 4)}` } : undefined;
  return {
    title: `Thông tin nắm được — ${name}, ${monthPhrase(props.month)}`,
    heading: `Thông tin nắm được tại ${name}, ${monthPhrase(props.month)}`,
    unitName: name,
    unitHref: `/don-vi/${props.unit}/`,
    count: `${formatNumber(props.entries.length)} thông tin, theo ngày nắm được.`,
    previous: neighbour(props.previous),
    next: neighbour(props.next),
    contents: props.entries.map((entry) => ({ href: `#${observationAnchor(entry)}`, title: entry.title, date: formatDateVi(entry.observed_on) })),
  };
}
