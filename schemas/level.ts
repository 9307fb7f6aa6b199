/** Administrative levels (cấp), top to bottom: `content/levels.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** One level of the unit tree. Example: `{ id: xa, label: Cấp xã }`. */
export const levelSchema = referenceEntry;

/** The ordered list of levels, from the top (province) down. */
export const levelsFileSchema = z.array(levelSchema).min(1);

export type Level = z.infer<typeof levelSchema>;
