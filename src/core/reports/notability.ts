/**
 * How notable an observation is for a report: the more urgent its level (`order` in
 * `content/urgencies.yaml`: khẩn before đột xuất before thường xuyên in the demo),
 * then more people concerned.
 */
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { urgencyOrder } from "../content/labels.ts";

/** Most urgent first, then by id (stable). */
export const byUrgency =
  (model: ContentModel) =>
  (a: ObservationEntry, b: ObservationEntry): number =>
    urgencyOrder(model, b.urgency) - urgencyOrder(model, a.urgency) || a.id.localeCompare(b.id);

/** Most notable first: urgency, then people concerned, then id (stable). */
export const byNotability =
  (model: ContentModel) =>
  (a: ObservationEntry, b: ObservationEntry): number =>
    urgencyOrder(model, b.urgency) - urgencyOrder(model, a.urgency) || (b.people_count ?? 0) - (a.people_count ?? 0) || a.id.localeCompare(b.id);
