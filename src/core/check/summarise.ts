/** A short account of what the content holds, for the end of a check; computed per slice and added up. */
import type { ContentModel } from "../content/content-model.ts";

export interface ContentSummary {
  units: number;
  activeUnits: number;
  bodies: number;
  observations: number;
  restricted: number;
  firstDate: string | undefined;
  lastDate: string | undefined;
  /** In the order of fields.yaml. */
  byField: { label: string; count: number }[];
  reports: number;
}

/** `withShared` counts units and bodies too (one slice only, so they are counted once). */
export function summarise(model: ContentModel, withShared: boolean): ContentSummary {
  const counts = new Map(model.fields.map((field) => [field.id, 0]));
  let restricted = 0;
  let firstDate: string | undefined;
  let lastDate: string | undefined;
  for (const observation of model.observations.values()) {
    counts.set(observation.field, (counts.get(observation.field) ?? 0) + 1);
    if (observation.confidentiality === "han-che") restricted++;
    if (!firstDate || observation.observed_on < firstDate) firstDate = observation.observed_on;
    if (!lastDate || observation.observed_on > lastDate) lastDate = observation.observed_on;
  }
  const units = [...model.units.values()];
  return {
    units: withShared ? units.length : 0,
    activeUnits: withShared ? units.filter((unit) => !unit.valid_to).length : 0,
    bodies: withShared ? model.bodies.size : 0,
    observations: model.observations.size,
    restricted,
    firstDate,
    lastDate,
    byField: model.fields.map((field) => ({ label: field.label, count: counts.get(field.id) ?? 0 })),
    reports: model.reports.size,
  };
}

const earliest = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a < b ? a : b);
const latest = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);

export function addSummaries(a: ContentSummary, b: ContentSummary): ContentSummary {
  return {
    units: a.units + b.units,
    activeUnits: a.activeUnits + b.activeUnits,
    bodies: a.bodies + b.bodies,
    observations: a.observations + b.observations,
    restricted: a.restricted + b.restricted,
    firstDate: earliest(a.firstDate, b.firstDate),
    lastDate: latest(a.lastDate, b.lastDate),
    byField: a.byField.map((entry, index) => ({ label: entry.label, count: entry.count + (b.byField[index]?.count ?? 0) })),
    reports: a.reports + b.reports,
  };
}

const number = new Intl.NumberFormat("vi-VN");

export function formatSummary(summary: ContentSummary): string {
  const range = summary.firstDate && summary.lastDate ? ` (từ ${summary.firstDate} đến ${summary.lastDate}; ${number.format(summary.restricted)} hạn chế)` : "";
  return [
    `Đơn vị: ${number.format(summary.units)} (${number.format(summary.activeUnits)} đang hoạt động, ${number.format(summary.units - summary.activeUnits)} đã sáp nhập hoặc giải thể)`,
    `Cơ quan có đầu mối: ${number.format(summary.bodies)}`,
    `Thông tin nắm được: ${number.format(summary.observations)}${range}`,
    ...summary.byField.map((entry) => `  - ${entry.label}: ${number.format(entry.count)}`),
    `Báo cáo: ${number.format(summary.reports)}`,
  ].join("\n");
}
