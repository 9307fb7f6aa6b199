/**
 * The site's collections, read through the same schemas and loader as
 * `npm run check` (so the site sees exactly what was validated: NFC text, dates
 * as strings, no JavaScript front matter). `CONTENT_DIR` selects the content.
 *
 * Observations are deliberately not a collection: copying 100k of them into
 * Astro's data store took 23 s and hundreds of MB at build time (measured), and
 * the pages read them from the same validated model (`src/site/load-model.ts`).
 */
import { defineCollection } from "astro:content";
import type { z } from "zod";
import { bodySchema, channelSchema, fieldSchema, levelSchema, organisationSchema, reportSchema, unitSchema } from "../schemas/index.ts";
import type { ContentModel } from "./core/content/content-model.ts";
import { loadSiteModel as model } from "./site/load-model.ts";

interface Stored {
  id: string;
  data: Record<string, unknown>;
  body?: string;
}

/** A loader over one part of the model; `pick` returns schema fields only (the schemas are strict). */
function collection<S extends z.ZodType>(name: string, schema: S, entries: (content: ContentModel) => Stored[]) {
  return defineCollection({
    schema,
    loader: {
      name: `dan-y-${name}`,
      load: async ({ store, generateDigest }) => {
        store.clear();
        for (const entry of entries(model())) {
          store.set({ ...entry, digest: generateDigest(entry.data) });
        }
      },
    },
  });
}

function withoutDerived<T extends { id: string; source: unknown }>(entry: T): Record<string, unknown> {
  const { id: _id, source: _source, ...data } = entry as T & { path?: unknown; body?: unknown };
  delete (data as { path?: unknown }).path;
  delete (data as { body?: unknown }).body;
  return data;
}

export const collections = {
  reports: collection("reports", reportSchema, (content) =>
    [...content.reports.values()].map((entry) => ({ id: entry.id, data: withoutDerived(entry), ...(entry.body !== undefined ? { body: entry.body } : {}) })),
  ),
  units: collection("units", unitSchema, (content) => [...content.units.values()].map((entry) => ({ id: entry.id, data: withoutDerived(entry) }))),
  bodies: collection("bodies", bodySchema, (content) =>
    [...content.bodies.values()].map((entry) => {
      const { unit: _unit, organisation: _organisation, ...data } = withoutDerived(entry);
      return { id: entry.id, data };
    }),
  ),
  levels: collection("levels", levelSchema, (content) => content.levels.map((entry) => ({ id: entry.id, data: entry }))),
  organisations: collection("organisations", organisationSchema, (content) => content.organisations.map((entry) => ({ id: entry.id, data: entry }))),
  fields: collection("fields", fieldSchema, (content) => content.fields.map((entry) => ({ id: entry.id, data: entry }))),
  channels: collection("channels", channelSchema, (content) => content.channels.map((entry) => ({ id: entry.id, data: entry }))),
};
