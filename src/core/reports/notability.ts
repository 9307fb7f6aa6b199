/** How notable an observation is for a report: khẩn before đột xuất before thường xuyên, then more people concerned. */
import type { ObservationEntry } from "../content/content-model.ts";

export const urgencyRank = (entry: ObservationEntry): number => (entry.urgency === "khan" ? 0 : entry.urgency === "dot-xuat" ? 1 : 2);

/** Most notable first: urgency, then people concerned, then id (stable). */
export function byNotability(a: ObservationEntry, b: ObservationEntry): number {
  return urgencyRank(a) - urgencyRank(b) || (b.people_count ?? 0) - (a.people_count ?? 0) || a.id.localeCompare(b.id);
}
