/**
 * What every page view shares: the build's context, label look-ups (one place
 * for each list, so that lists becoming data changes one function), number
 * formats and the highlight of an observation (title, unit, date; never an id).
 * Views return plain data; pages only render it. Links are root-relative:
 * pages put the site's base path in front.
 */
import { formatDateVi } from "../../core/calendar/dates.ts";
import type { ContentModel, ObservationEntry, UnitEntry } from "../../core/content/content-model.ts";
import { isUrgent, statusLabel, urgencyLabel } from "../../core/content/labels.ts";
import { observationHref } from "../../core/site/links.ts";
import type { UnitTree } from "../../core/units/unit-tree.ts";

export interface ViewContext {
  model: ContentModel;
  tree: UnitTree;
  /** The build's date in Vietnam. */
  today: string;
}

const numberFormat = new Intl.NumberFormat("vi-VN");
const percentFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
/** Formatted counts, kept: Intl formatting was a tenth of the consolidated pages' time, and counts repeat. */
const formattedCounts: string[] = [];
export const formatNumber = (value: number): string => {
  if (!Number.isInteger(value) || value < 0 || value >= 100_000 || Object.is(value, -0)) return numberFormat.format(value);
  let text = formattedCounts[value];
  if (text === undefined) {
    text = numberFormat.format(value);
    formattedCounts[value] = text;
  }
  return text;
};
export const formatPercent = (value: number): string => `${percentFormat.format(value * 100)}%`;
export const collator = new Intl.Collator("vi");

/** An organisation's name: its full label in headings and sentences, its short name (`Hội LHPN`) in table cells. */
export function organisationName(model: ContentModel, id: string, form: "label" | "short" = "label"): string {
  const organisation = model.organisations.find((candidate) => candidate.id === id);
  return (form === "short" ? organisation?.short : organisation?.label) ?? id;
}

export const unitName = (model: ContentModel, id: string): string => model.units.get(id)?.name ?? id;

export const fieldLabel = (model: ContentModel, id: string): string => model.fields.find((field) => field.id === id)?.label ?? id;

export const channelLabel = (model: ContentModel, id: string): string => model.channels.find((channel) => channel.id === id)?.label ?? id;

export const levelLabel = (model: ContentModel, id: string): string => model.levels.find((level) => level.id === id)?.label ?? id;

/** Labels of the urgency levels and statuses and which levels are urgent: data (`content/urgencies.yaml`, `statuses.yaml`), read in the core. */
export { isUrgent, statusLabel, urgencyLabel };

/** Whether an observation's urgency level is marked `urgent` in `content/urgencies.yaml` (đột xuất, khẩn in the demo). */
export const isUrgentEntry =
  (model: ContentModel) =>
  (entry: ObservationEntry): boolean =>
    isUrgent(model, entry.urgency);

/** The schedule, which `npm run check` guarantees before a build. */
export function requireSchedule(model: ContentModel): NonNullable<ContentModel["schedule"]> {
  if (!model.schedule) throw new Error("schedule.yaml is missing or invalid: run npm run check");
  return model.schedule;
}

/** The province: the current unit without a parent. */
export function rootUnit(model: ContentModel): UnitEntry {
  const root = [...model.units.values()].find((unit) => !unit.parent && !unit.valid_to) ?? [...model.units.values()][0];
  if (!root) throw new Error("no units: run npm run check");
  return root;
}

/** Sorted by Vietnamese name. */
export const byName = (a: { name: string }, b: { name: string }): number => collator.compare(a.name, b.name);

/** Units by id, the missing left out, by name. */
export function unitsNamed(model: ContentModel, ids: Iterable<string>): UnitEntry[] {
  return [...ids]
    .map((id) => model.units.get(id))
    .filter((unit): unit is UnitEntry => unit !== undefined)
    .sort(byName);
}

/** One observation as pages and drafts name it. */
export interface Highlight {
  title: string;
  href: string;
  unit: string;
  /** `14/03/2026`. */
  date: string;
  /** The urgency's label when its level is urgent (`content/urgencies.yaml`). */
  urgency: string | undefined;
}

export function highlight(model: ContentModel, entry: ObservationEntry): Highlight {
  return {
    title: entry.title,
    href: observationHref(entry),
    unit: unitName(model, entry.unit),
    date: formatDateVi(entry.observed_on),
    urgency: isUrgent(model, entry.urgency) ? urgencyLabel(model, entry.urgency) : undefined,
  };
}

/** A row of a table of numbers: a label (linked or not), an indent for sub-rows, its cells already formatted. */
export interface NumberRow {
  label: string;
  href?: string | undefined;
  sub?: boolean;
  cells: string[];
}
