/**
 * Administrative units (đơn vị): one file per unit, `content/units/<unit-id>.yaml`.
 * The unit's id is its file name. Units form a tree of any depth through `parent`.
 */
import { z } from "zod";
import { isoDate, label, slug } from "./base.ts";

export const unitSchema = z.strictObject({
  /** Official Vietnamese name. Example: `Xã Kỳ Hoa`. */
  name: label,
  /** Id of its level, from `content/levels.yaml`. Example: `xa`. */
  level: slug,
  /** Id of the unit above; absent only for the root. Example: `ha-tinh`. */
  parent: slug.optional(),
  /** Official administrative code, when it has one. Example: `"18073"`. */
  code: z
    .string()
    .regex(/^\d{2,5}$/, { message: "Mã hành chính gồm 2–5 chữ số" })
    .optional(),
  /** First day the unit existed, when known. Example: `2025-07-01`. */
  valid_from: isoDate.optional(),
  /** Last day the unit existed; absent while it exists. Example: `2025-06-30`. */
  valid_to: isoDate.optional(),
  /**
   * Units that took over this unit's area when it ended (one, or several when it
   * was split). Requires `valid_to`. Example: `[phuong-thanh-sen]`.
   */
  merged_into: z.array(slug).min(1).optional(),
});

export type Unit = z.infer<typeof unitSchema> & {
  /** Derived from the file name. */
  id: string;
};
