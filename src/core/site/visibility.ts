/**
 * What of an observation the internal site, its feed and its search index may
 * show: the one place that applies the confidentiality level. A restricted
 * observation is shown by title, labels and classification only; its body,
 * follow-up notes and location are withheld everywhere.
 */
import type { ObservationEntry } from "../content/content-model.ts";

export interface ShownDetails {
  restricted: boolean;
  body: string | undefined;
  location: string | undefined;
  /** The note of each follow-up step, in order (undefined where withheld or absent). */
  notes: (string | undefined)[];
}

export function shownDetails(entry: ObservationEntry): ShownDetails {
  const restricted = entry.confidentiality === "han-che";
  return {
    restricted,
    body: restricted ? undefined : entry.body,
    location: restricted ? undefined : entry.location,
    notes: entry.follow_up.map((step) => (restricted ? undefined : step.note)),
  };
}
