/** A small province for hot-spot tests: eight communes (one formed in a merger), a residential area, steady months of observations. */

import type { ContentModel, ObservationEntry, UnitEntry } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { minimalContent, toContentFiles } from "./content-fixtures.ts";

const SOURCE = { file: "", yaml: "", lineOffset: 0 };

/** The repository's levels and schedule, a province with eight communes (one formed in a merger) and a residential area. */
export function province(): ContentModel {
  const refs = Object.fromEntries(Object.entries(minimalContent()).filter(([path]) => !path.includes("/")));
  const model = loadContent(toContentFiles(refs)).model;
  model.units = new Map();
  model.observations = new Map();
  const unit = (id: string, level: string, parent?: string, extra: Partial<UnitEntry> = {}) =>
    model.units.set(id, { id, name: id, level, ...(parent ? { parent } : {}), source: SOURCE, ...extra });
  unit("tinh", "tinh");
  for (let index = 1; index <= 8; index++) unit(`xa-${index}`, "xa", "tinh");
  // xa-8 was formed in 2026 from xa-cu, whose history it inherits.
  model.units.set("xa-8", { ...(model.units.get("xa-8") as UnitEntry), valid_from: "2026-04-01" });
  unit("xa-cu", "xa", "tinh", { valid_to: "2026-03-31", merged_into: ["xa-8"] });
  unit("xa-1-thon-a", "khu-dan-cu", "xa-1");
  return model;
}

let serial = 0;
export function add(
  model: ContentModel,
  unit: string,
  date: string,
  subtopic: string,
  options: { tags?: string[]; urgency?: ObservationEntry["urgency"]; confidentiality?: ObservationEntry["confidentiality"] } = {},
) {
  const id = `${unit}/${date}-tin-${++serial}`;
  model.observations.set(id, {
    id,
    path: { year: date.slice(0, 4), month: date.slice(5, 7), unit, date },
    source: SOURCE,
    title: `Tin ${serial}`,
    observed_on: date,
    recorded_on: date,
    unit,
    organisation: "mttq",
    field: "kinh-te",
    subtopics: [subtopic],
    channel: "hom-thu-gop-y",
    urgency: options.urgency ?? "thuong-xuyen",
    tags: options.tags ?? [],
    status: "moi",
    follow_up: [],
    related: [],
    confidentiality: options.confidentiality ?? "binh-thuong",
    reviewed_flags: [],
  } as ObservationEntry);
  return id;
}

export const BASELINE = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];

/** Every commune, every month: one observation on `quy-hoach` and nine on other topics (xa-8's history filed under xa-cu before April). */
export function steady(model: ContentModel, months: readonly string[]) {
  for (const month of months) {
    for (let index = 1; index <= 8; index++) {
      const unit = index === 8 && month < "2026-04" ? "xa-cu" : `xa-${index}`;
      add(model, unit, `${month}-10`, "quy-hoach");
      for (let other = 0; other < 9; other++) add(model, unit, `${month}-${String(11 + other).padStart(2, "0")}`, `chu-de-${other % 3}`);
    }
  }
}
