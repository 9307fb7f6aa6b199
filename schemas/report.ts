/**
 * Reports (báo cáo): one Markdown file per body and period, at
 * `content/reports/<period>/<unit-id>/<organisation-id>.md`. The id is
 * `<period>/<unit-id>/<organisation-id>`.
 *
 * Period ids: `2026-03` (month), `2026-q1` (quarter), `2026-h1` (six months),
 * `2026` (year), `2026-03-15-<slug>` (ad hoc, đột xuất). The body follows the
 * plan's outline: the six fields in order, then proposals (kiến nghị).
 */
import { z } from "zod";
import { bodyRef, isoDate, label, reviewedFlags, slug } from "./base.ts";
import { recipientSchema, signerSchema } from "./body.ts";

/** Matches every valid period id; the named groups tell the kind. */
export const PERIOD_PATTERN =
  /^(?<year>\d{4})(?:-(?<month>0[1-9]|1[0-2])|-q(?<quarter>[1-4])|-h(?<half>[12])|-(?<adhocDate>\d{2}-\d{2})-(?<adhocSlug>[a-z0-9]+(?:-[a-z0-9]+)*))?$/;

export const periodId = z.string().regex(PERIOD_PATTERN, {
  message: "Kỳ báo cáo có dạng 2026-03 (tháng), 2026-q1 (quý), 2026-h1 (6 tháng), 2026 (năm) hoặc 2026-03-15-ten-vu-viec (đột xuất)",
});

export const reportSchema = bodyRef.extend({
  /** The reporting period; equals the period folder. Example: `2026-q1`. */
  period: periodId,
  /** Title of the report. Example: `Báo cáo tình hình Nhân dân quý I năm 2026`. */
  title: label.max(200),
  /** Focal point id of the author, one of this body's focal points. Example: `ky-hoa-mttq-le-van-binh`. */
  author: slug,
  /** Day the report was sent up. Example: `2026-03-19`. */
  submitted_on: isoDate,
  /** What this report consolidates. */
  consolidates: z
    .strictObject({
      /** Observation ids from the unit's subtree and window. Example: `[xa-ky-hoa/2026-03-02-duong-lien-thon]`. */
      observations: z.array(z.string()).default([]),
      /** Report ids of lower-level or same-level member bodies. Example: `[2026-03/thon-ha-trung/mttq]`. */
      reports: z.array(z.string()).default([]),
    })
    .default({ observations: [], reports: [] }),
  /** Reviewed false alarms of the identity rules, as `check` prints them. Example: `["identity-names:1f3a9c2e"]`. */
  reviewed_flags: reviewedFlags,
  /** Number of the document in the body's register (số văn bản), given when it is signed. Example: `12`. */
  number: z.int().min(1).optional(),
  /**
   * Symbol after the number (ký hiệu), "BC-" and the organisation's abbreviation.
   * Leave out for the organisation's default. Example: `BC-MTTQ`.
   */
  symbol: z
    .string()
    .regex(/^[A-ZĐ]{2,}(?:-[A-ZĐ0-9]+)+$/u, { message: "Ký hiệu viết hoa, các phần nối bằng gạch ngang, ví dụ BC-MTTQ" })
    .optional(),
  /** Who signs; leave out for the body's signer. Example: `{ name: Hà Văn Hùng, position: CHỦ TỊCH }`. */
  signer: signerSchema.optional(),
  /** Whom this report goes to, when not the body's recipients. Example: `[{ id: ubnd-tinh, name: UBND tỉnh Hà Tĩnh }]`. */
  recipients: z.array(recipientSchema).min(1).optional(),
  /** Recipients it was sent to, by recipient id, with the day. Example: `[{ recipient: tinh-uy, date: 2026-11-20 }]`. */
  sent_to: z
    .array(
      z.strictObject({
        /** Id of one of the report's recipients. Example: `tinh-uy`. */
        recipient: slug,
        /** Day it was sent. Example: `2026-11-20`. */
        date: isoDate,
      }),
    )
    .optional(),
});

export type ReportData = z.infer<typeof reportSchema>;
