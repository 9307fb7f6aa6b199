/**
 * Focal points' contacts kept out of the repository (issue 13): which keys a
 * body's contacts are sealed to. The province declares `publishing_keys` on the
 * lead organisation's body of its root unit; every body below it then seals its
 * focal points' contacts to those keys plus its own `public_keys`. Pure.
 */
import type { FocalPoint } from "../../../schemas/index.ts";
import type { BodyEntry, ContentModel } from "../content/content-model.ts";

/** The contact fields that are sealed together. */
export const CONTACT_FIELDS = ["phone", "email", "zalo", "facebook"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** What the site shows for a person whose contacts are sealed and the build has no key. */
export const CONTACTS_KEPT_PRIVATE = "Liên hệ được giữ kín";

/** The root unit of `unitId` (itself when it has no parent); stops on a cycle. */
function rootOf(model: ContentModel, unitId: string): string {
  const seen = new Set<string>();
  let id = unitId;
  for (;;) {
    const parent = model.units.get(id)?.parent;
    if (!parent || seen.has(parent)) return id;
    seen.add(id);
    id = parent;
  }
}

/** The publishing keys that apply to a body: those on its root unit's lead-organisation body (none when not declared). */
export function publishingKeysOf(model: ContentModel, body: Pick<BodyEntry, "unit">): string[] {
  const lead = model.organisations.find((organisation) => organisation.lead)?.id;
  if (!lead) return [];
  return model.bodies.get(`${rootOf(model, body.unit)}/${lead}`)?.publishing_keys ?? [];
}

/** The keys a body's contacts are sealed to: the publishing keys, then the body's own, without repeats. */
export function contactRecipients(model: ContentModel, body: Pick<BodyEntry, "unit" | "public_keys">): string[] {
  return [...new Set([...publishingKeysOf(model, body), ...(body.public_keys ?? [])])];
}

/** The contact fields a person has in plain text. */
export function plainContacts(person: FocalPoint): Partial<Record<ContactField, string>> {
  const contacts: Partial<Record<ContactField, string>> = {};
  for (const field of CONTACT_FIELDS) if (person[field] !== undefined) contacts[field] = person[field];
  return contacts;
}
