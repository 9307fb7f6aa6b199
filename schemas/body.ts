/**
 * Bodies (unit × organisation) and their focal points (đầu mối, plan IV.1):
 * `content/bodies/<unit-id>/<organisation-id>.yaml`. The body's id is
 * `<unit-id>/<organisation-id>`, taken from the path.
 */
import { z } from "zod";
import { label, slug } from "./base.ts";

/** A person who receives and sends information for the body. */
export const focalPointSchema = z.strictObject({
  /** Unique person id, used with `--as` in commands. Example: `ht-mttq-tran-thi-lan`. */
  id: slug,
  /** Full name. Example: `Trần Thị Lan`. */
  name: label,
  /** Position. Example: `Phó Chủ tịch Ủy ban MTTQ xã`. */
  title: label,
  /** Phone number. Example: `"0912 345 678"`. */
  phone: z
    .string()
    .regex(/^\+?[0-9 .]{8,16}$/, { message: "Số điện thoại gồm 8–16 chữ số" })
    .optional(),
  /** E-mail address. Example: `lan.mttq@example.vn`. */
  email: z.email({ message: "Địa chỉ thư điện tử không hợp lệ" }).optional(),
  /** Zalo number or name. Example: `"0912345678"`. */
  zalo: z.string().trim().min(1).optional(),
  /** Facebook profile or page address. Example: `https://facebook.com/mttq.kyhoa`. */
  facebook: z.string().trim().min(1).optional(),
});

export const bodySchema = z.strictObject({
  /** The focal points of this body; the first is the main one. */
  focal_points: z.array(focalPointSchema).min(1, { message: "Cần ít nhất một đầu mối" }),
  /**
   * Bodies this one reports to, as `<unit-id>/<organisation-id>`. Leave out to use
   * the default: the lead organisation (MTTQ) of the parent unit and the same
   * organisation of the parent unit. Example: `[ha-tinh/mttq]`.
   */
  reports_to: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { message: "Dạng <mã-đơn-vị>/<mã-tổ-chức>" })).optional(),
});

export type FocalPoint = z.infer<typeof focalPointSchema>;
export type Body = z.infer<typeof bodySchema> & {
  /** `<unit-id>/<organisation-id>`, from the path. */
  id: string;
  unit: string;
  organisation: string;
};
