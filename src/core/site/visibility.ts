/**
 * What of an observation the internal site, its feed, its tracker and its search
 * index may show: the one place that applies the confidentiality level. A
 * restricted observation is shown by title, labels and classification only; its
 * body, location, follow-up notes and the authorities it went to (forwarded_to
 * and each step's authority) are withheld everywhere.
 */
import type { ObservationEntry } from "../content/content-model.ts";

export interface ShownDetails {
  restricted: boolean;
  body: string | undefined;
  location: string | undefined;
  /** The note of each follow-up step, in order (undefined where withheld or absent). */
  notes: (string | undefined)[];
  /** The authority of each follow-up step, in order (undefined where withheld or absent). */
  authorities: (string | undefined)[];
  /** The authority it was last forwarded to (undefined where withheld or absent). */
  forwardedTo: string | undefined;
}

/** What pages write in place of a withheld authority (the tracker groups restricted items under it). */
export const WITHHELD_AUTHORITY = "(thông tin hạn chế)";

export function shownDetails(entry: ObservationEntry): ShownDetails {
  const restricted = entry.confidentiality === "han-che";
  return {
    restricted,
    body: restricted ? undefined : entry.body,
    location: restricted ? undefined : entry.location,
    notes: entry.follow_up.map((step) => (restricted ? undefined : step.note)),
    authorities: entry.follow_up.map((step) => (restricted ? undefined : step.authority)),
    forwardedTo: restricted ? undefined : entry.forwarded_to,
  };
}
