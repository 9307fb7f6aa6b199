/**
 * Building blocks shared by every content type. Each content schema composes
 * these; no field is declared twice.
 */
import { z } from "zod";

/** Lowercase ASCII slug: letters, digits and single hyphens. Example: `xa-ky-hoa`. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  message: "Cần một mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: xa-ky-hoa)",
});

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= last;
}

/** A calendar date in ISO form, checked to exist. Example: `2026-03-14` (never `14/03/2026`). */
export const isoDate = z.string().superRefine((value, ctx) => {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dmy) {
    const [, d, m, y] = dmy as unknown as [string, string, string, string];
    ctx.addIssue({
      code: "custom",
      message: `Ngày phải viết theo dạng năm-tháng-ngày (ISO), ví dụ ${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}; nhận được "${value}"`,
    });
  } else if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: `Ngày phải viết theo dạng năm-tháng-ngày (ISO), ví dụ 2026-03-14; nhận được "${value}"`,
    });
  } else if (!isRealDate(value)) {
    ctx.addIssue({ code: "custom", message: `Ngày không có thật trên lịch: "${value}"` });
  }
});

/** Free text of one line, trimmed, not empty. Example: `UBND xã Kỳ Hoa`. */
export const label = z.string().trim().min(1, { message: "Không được để trống" });

/** An entry of a reference list: ASCII id plus Vietnamese label. */
export const referenceEntry = z.strictObject({
  /** Stable ASCII id used in files and paths. Example: `kinh-te`. */
  id: slug,
  /** Vietnamese name shown to users. Example: `Lĩnh vực kinh tế`. */
  label,
});

/**
 * What every observation and report belongs to: the body (unit × organisation)
 * that wrote it.
 */
export const bodyRef = z.strictObject({
  /** Id of the unit (đơn vị) whose body wrote the entry. Example: `xa-ky-hoa`. */
  unit: slug,
  /** Id of the organisation (tổ chức) of that body. Example: `mttq`. */
  organisation: slug,
});

/**
 * False alarms of the identity rules that a reviewer has looked at, each
 * `<rule-id>:<mark>` exactly as `check` prints it (the mark is a hash of the
 * flagged phrase, so the list never repeats a name). Example: `["identity-names:1f3a9c2e"]`.
 */
export const reviewedFlags = z
  .array(z.string().regex(/^[a-z]+(?:-[a-z]+)*:[0-9a-f]{8}$/, { message: 'Mỗi mục có dạng "<mã quy tắc>:<mã 8 ký tự>", chép từ thông báo của check' }))
  .default([]);

export type Slug = z.infer<typeof slug>;
export type IsoDate = z.infer<typeof isoDate>;
export type ReferenceEntry = z.infer<typeof referenceEntry>;
export type BodyRef = z.infer<typeof bodyRef>;
