/**
 * What a person creating an entry may pick, given what they picked so far:
 * only units that exist on the observation date and have a body to write for
 * them, only organisations with a body at the chosen unit, only sub-topics of
 * the chosen field, only focal points of the chosen body. Pure: the prompts of
 * `dan-y new` (and any form) show these lists and nothing else.
 */
import { bodyFor } from "../units/jurisdiction.ts";
import type { ContentModel, UnitEntry } from "./content-model.ts";
import { urgencyChoices as orderedUrgencies } from "./labels.ts";

export interface Choice {
  value: string;
  name: string;
}

const existsOn = (unit: UnitEntry, date: string) => (!unit.valid_from || unit.valid_from <= date) && (!unit.valid_to || date <= unit.valid_to);

/** Whether some body writes the records of `unit` for `organisation` (its own, or its successor's after a merger). */
const writable = (model: ContentModel, unit: string, organisation: string) => bodyFor(model, unit, organisation) !== undefined;

/**
 * Units an observation dated `date` may belong to: units that existed that day
 * and for which a body (of `organisation`, when chosen) writes records.
 */
export function unitChoices(model: ContentModel, date: string, organisation?: string): Choice[] {
  const organisations = organisation ? [organisation] : model.organisations.map((entry) => entry.id);
  return [...model.units.values()]
    .filter((unit) => existsOn(unit, date) && organisations.some((id) => writable(model, unit.id, id)))
    .map((unit) => ({ value: unit.id, name: `${unit.name} (${unit.id})` }));
}

/** Organisations that have a body writing for `unit`. */
export function organisationChoices(model: ContentModel, unit: string): Choice[] {
  return model.organisations.filter((entry) => writable(model, unit, entry.id)).map((entry) => ({ value: entry.id, name: entry.label }));
}

export function fieldChoices(model: ContentModel): Choice[] {
  return model.fields.map((entry) => ({ value: entry.id, name: entry.label }));
}

/** The sub-topics of `field` (none for an unknown field). */
export function subtopicChoices(model: ContentModel, field: string): Choice[] {
  return (model.fields.find((entry) => entry.id === field)?.subtopics ?? []).map((entry) => ({ value: entry.id, name: entry.label }));
}

export function channelChoices(model: ContentModel): Choice[] {
  return model.channels.map((entry) => ({ value: entry.id, name: entry.label }));
}

/** The urgency levels of `content/urgencies.yaml`, routine first. */
export function urgencyChoices(model: ContentModel): Choice[] {
  return orderedUrgencies(model).map((entry) => ({ value: entry.id, name: entry.label }));
}

/** Focal points of the body that writes for `unit` × `organisation`. */
export function authorChoices(model: ContentModel, unit: string, organisation: string): Choice[] {
  return (bodyFor(model, unit, organisation)?.focal_points ?? []).map((person) => ({ value: person.id, name: `${person.name} — ${person.title}` }));
}
