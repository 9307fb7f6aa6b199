/**
 * Where observations and reports live on the site. Observations are grouped: one
 * page per unit and month (`/thong-tin/<unit>/<yyyy-mm>/`), each observation an
 * anchor on it, so a 100k-observation site has thousands of pages, not 100k. A
 * report is an anchored article on its unit and period's consolidated page.
 */
import type { ObservationEntry, ReportEntry } from "../content/content-model.ts";

type Located = Pick<ObservationEntry, "id" | "unit">;

/** The observation's own part of its id (`<yyyy-mm-dd>-<slug>`), used as its anchor. */
export function observationAnchor(entry: Located): string {
  return entry.id.slice(entry.unit.length + 1);
}

/** The month of the observation's file name (`yyyy-mm`), which picks its page. */
export function observationMonth(entry: Located): string {
  return observationAnchor(entry).slice(0, 7);
}

/** The site path of the unit-month page holding the observation, without the base path. */
export function observationPagePath(unit: string, month: string): string {
  return `/thong-tin/${unit}/${month}/`;
}

/** The link to one observation: its page and its anchor. */
export function observationHref(entry: Located): string {
  return `${observationPagePath(entry.unit, observationMonth(entry))}#${observationAnchor(entry)}`;
}

/** Observations grouped by page key `<unit>/<yyyy-mm>`, each group in date order. */
export function observationPages(observations: Iterable<ObservationEntry>): Map<string, ObservationEntry[]> {
  const pages = new Map<string, ObservationEntry[]>();
  for (const entry of observations) {
    const key = `${entry.unit}/${observationMonth(entry)}`;
    const page = pages.get(key);
    if (page) page.push(entry);
    else pages.set(key, [entry]);
  }
  for (const page of pages.values()) page.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return pages;
}

/** The anchor of a body's own report on the consolidated page of its unit and period. */
export function reportAnchor(organisation: string): string {
  return `bao-cao-${organisation}`;
}

/** The link to one report: its unit and period's consolidated page and its anchor. */
export function reportHref(report: Pick<ReportEntry, "unit" | "period" | "organisation">): string {
  return `/bao-cao/${report.unit}/${report.period}/#${reportAnchor(report.organisation)}`;
}
