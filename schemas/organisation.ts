/** Organisations present at every unit: `content/organisations.yaml`. */
import { z } from "zod";
import { label, referenceEntry } from "./base.ts";

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
  /**
   * How the organisation's documents name it (Hướng dẫn 91/HD-MTTW-BTT). Leave out
   * for the label in capitals, "BAN THƯỜNG TRỰC" (lead) or "BAN THƯỜNG VỤ",
   * "CHỦ TỊCH" and the short name's capitals.
   */
  document: z
    .strictObject({
      /** First line of the letterhead, before the unit's name, in capitals. Example: `ỦY BAN MTTQ VIỆT NAM`. */
      name: label,
      /** The board that signs "TM.", in capitals. Example: `BAN THƯỜNG TRỰC`. */
      board: label,
      /** Position of the head, in capitals. Example: `CHỦ TỊCH`. */
      head: label,
      /** Abbreviation in the symbol of its documents ("BC-…"). Example: `MTTQ`. */
      symbol: z.string().regex(/^[A-ZĐ]+$/u, { message: "Chữ in hoa, ví dụ MTTQ" }),
      /** The organisation's central body, a recipient of reports from the top unit. Example: `Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam`. */
      central: label.optional(),
    })
    .optional(),
});

export const organisationsFileSchema = z.array(organisationSchema).min(1);

export type Organisation = z.infer<typeof organisationSchema>;
