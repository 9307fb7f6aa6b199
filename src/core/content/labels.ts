/**
 * Labels and roles of the reference lists, for pages, feeds, search and
 * documents: urgency levels, follow-up statuses and tags are data
 * (`content/urgencies.yaml`, `statuses.yaml`, `tags.yaml`), never code. Lookups
 * are maps built once per model; an unknown id reads as itself (check reports it).
 */
import type { FollowUpStatus, Tag, UrgencyLevel } from "../../../schemas/index.ts";
import type { ContentModel } from "./content-model.ts";

export interface ReferenceLabels {
  urgencies: ReadonlyMap<string, UrgencyLevel>;
  statuses: ReadonlyMap<string, FollowUpStatus>;
  tags: ReadonlyMap<string, Tag>;
  /** The status of an item without follow-up steps (`initial: true`), `moi` in the demo. */
  initialStatus: string | undefined;
}

const cache = new WeakMap<ContentModel, ReferenceLabels>();

export function referenceLabels(model: ContentModel): ReferenceLabels {
  let labels = cache.get(model);
  if (!labels) {
    labels = {
      urgencies: new Map(model.urgencies.map((urgency) => [urgency.id, urgency])),
      statuses: new Map(model.statuses.map((status) => [status.id, status])),
      tags: new Map(model.tags.map((tag) => [tag.id, tag])),
      initialStatus: model.statuses.find((status) => status.initial)?.id,
    };
    cache.set(model, labels);
  }
  return labels;
}

/** "Khẩn" for `khan`. */
export const urgencyLabel = (model: ContentModel, id: string): string => referenceLabels(model).urgencies.get(id)?.label ?? id;
/** Whether items of this urgency go to the urgent feed and carry the red badge. */
export const isUrgent = (model: ContentModel, id: string): boolean => referenceLabels(model).urgencies.get(id)?.urgent ?? false;
/** Position in increasing urgency (0 for an unknown id): sort by it, descending, for the most urgent first. */
export const urgencyOrder = (model: ContentModel, id: string): number => referenceLabels(model).urgencies.get(id)?.order ?? 0;

/** The urgent levels' labels in increasing urgency, lower-cased, for sentences and headings: "đột xuất, khẩn" in the demo. */
export const urgentLevelsPhrase = (model: ContentModel): string =>
  [...model.urgencies]
    .filter((urgency) => urgency.urgent)
    .sort((a, b) => a.order - b.order)
    .map((urgency) => urgency.label.toLocaleLowerCase("vi"))
    .join(", ");

/** "Đã thông tin lại cho Nhân dân" for `da-thong-tin-lai`. */
export const statusLabel = (model: ContentModel, id: string): string => referenceLabels(model).statuses.get(id)?.label ?? id;
/** Whether an item in this status needs no more follow-up. */
export const closesItem = (model: ContentModel, id: string): boolean => referenceLabels(model).statuses.get(id)?.closes ?? false;

/** "Sắp xếp bộ máy" for `sap-xep-bo-may`. */
export const tagLabel = (model: ContentModel, id: string): string => referenceLabels(model).tags.get(id)?.label ?? id;

/** The lists in their order, for choices and filters. */
export const urgencyChoices = (model: ContentModel): UrgencyLevel[] => [...model.urgencies].sort((a, b) => a.order - b.order);
export const statusChoices = (model: ContentModel): FollowUpStatus[] => [...model.statuses].sort((a, b) => a.order - b.order);
