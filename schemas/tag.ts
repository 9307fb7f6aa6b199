/** The tags (từ khóa) observations may carry, with their Vietnamese labels: `content/tags.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** One tag. Example: `{ id: sap-xep-bo-may, label: Sắp xếp bộ máy }`. */
export const tagSchema = referenceEntry;

export const tagsFileSchema = z.array(tagSchema);

export type Tag = z.infer<typeof tagSchema>;
