/** The fields (lĩnh vực) of plan section II with their sub-topics: `content/fields.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** One sub-topic listed under a field. Example: `{ id: quy-hoach, label: Công tác quy hoạch, quản lý quy hoạch }`. */
export const subtopicSchema = referenceEntry;

/** One field with its sub-topics. Example: `{ id: kinh-te, label: Lĩnh vực kinh tế, subtopics: [...] }`. */
export const fieldSchema = referenceEntry.extend({
  /** The sub-topics of this field, in the plan's order; may be empty (e.g. hot issues). */
  subtopics: z.array(subtopicSchema).default([]),
  /** Listed on its own on the home page, item by item (plan II.6, the hot issues). Example: `true`. */
  featured: z.boolean().default(false),
});

export const fieldsFileSchema = z.array(fieldSchema).min(1);

export type Subtopic = z.infer<typeof subtopicSchema>;
export type Field = z.infer<typeof fieldSchema>;
