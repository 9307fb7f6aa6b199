/**
 * Ad-hoc report requests (yêu cầu báo cáo đột xuất; plan IV.2: "báo cáo đột xuất
 * khi có yêu cầu"): one YAML file per request, at
 * `content/requests/<yyyy-mm-dd>-<slug>.yaml`, where the date is `issued_on`. The
 * id is the file name without `.yaml`. Every body the request names owes one
 * report filed under the ad-hoc period `<due>-<slug>`, at
 * `reports/<due>-<slug>/<unit-id>/<organisation-id>.md`; the compliance page and
 * the bodies' calendars track it like the periodic ones.
 */
import { z } from "zod";
import { isoDate, label, slug } from "./base.ts";

/** A body as `<unit-id>/<organisation-id>`. */
const bodyKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  message: "Cơ quan ghi dạng <mã-đơn-vị>/<mã-tổ-chức>, ví dụ xa-ky-hoa/mttq",
});

/** Every body of a level and some organisations, below the asking body's unit. */
export const requestLevelSchema = z.strictObject({
  /** Level id from `content/levels.yaml`. Example: `xa`. */
  level: slug,
  /** Organisation ids from `content/organisations.yaml`. Example: `[mttq]`. */
  organisations: z.array(slug).min(1, { message: "Cần ít nhất một tổ chức" }),
});

export const requestSchema = z
  .strictObject({
    /** What is asked, as a title. Example: `Tình hình Nhân dân sau đợt mưa lũ cuối tháng 11/2026`. */
    title: label.max(200, { message: "Tiêu đề tối đa 200 ký tự" }),
    /** The body that asks, `<unit-id>/<organisation-id>`. Example: `ha-tinh/mttq`. */
    requested_by: bodyKey,
    /** What the reports should cover, in a sentence or two. Example: `Ý kiến, kiến nghị của Nhân dân về công tác cứu trợ, khắc phục hậu quả mưa lũ.` */
    about: label,
    /** Day the request was issued; also the date in the file name. Example: `2026-11-25`. */
    issued_on: isoDate,
    /** Day the reports are due; not before `issued_on`. Example: `2026-12-05`. */
    due: isoDate,
    /** Of whom, body by body: `<unit-id>/<organisation-id>`. Example: `[xa-thach-ha/mttq, xa-ky-anh/mttq]`. */
    bodies: z.array(bodyKey).default([]),
    /** Of whom, by level: every body of these levels and organisations in the asking unit's area. Example: `[{ level: xa, organisations: [mttq] }]`. */
    levels: z.array(requestLevelSchema).default([]),
    /** Fields the request is about, when it names some (ids from `content/fields.yaml`). Example: `[van-hoa-xa-hoi]`. */
    fields: z.array(slug).default([]),
  })
  .refine((request) => request.bodies.length > 0 || request.levels.length > 0, {
    message: "Cần ghi báo cáo được yêu cầu từ ai: bodies (từng cơ quan) hoặc levels (theo cấp)",
    path: ["bodies"],
  })
  .refine((request) => request.due >= request.issued_on, { message: "Hạn báo cáo (due) không được trước ngày yêu cầu (issued_on)", path: ["due"] });

export type RequestData = z.infer<typeof requestSchema>;
export type RequestLevel = z.infer<typeof requestLevelSchema>;
