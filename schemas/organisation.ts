/** Organisations present at every unit: `content/organisations.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** MTTQ or one of the member organisations. Example: `{ id: hoi-phu-nu, label: Hội Liên hiệp Phụ nữ, short: Hội LHPN }`. */
export const organisationSchema = referenceEntry.extend({
  /** Short name for tables and badges. Example: `Hội LHPN`. */
  short: z.string().trim().min(1),
  /**
   * True for the organisation that consolidates every channel at each level
   * (MTTQ, plan section IV.2); its body at the parent unit reviews every body below.
   * Exactly one organisation has it. Example: `true`.
   */
  lead: z.boolean().default(false),
});

export const organisationsFileSchema = z.array(organisationSchema).min(1);

export type Organisation = z.infer<typeof organisationSchema>;
