/** The urgency levels (mức độ) of plan IV.2: `content/urgencies.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** One urgency level. Example: `{ id: khan, label: Khẩn, order: 3, urgent: true }`. */
export const urgencySchema = referenceEntry.extend({
  /** Position in increasing urgency, from 1; lists show them in this order and the most urgent items come first. Example: `3`. */
  order: z.int().min(1),
  /** Reported at once: listed in the urgent feed and on the home page, with a red badge. Example: `true`. */
  urgent: z.boolean(),
});

export const urgenciesFileSchema = z.array(urgencySchema).min(1);

export type UrgencyLevel = z.infer<typeof urgencySchema>;
