/**
 * Observations (thông tin nắm được): one Markdown file per fact about the people's
 * opinion, complaint or wish, at
 * `content/observations/<yyyy>/<mm>/<unit-id>/<yyyy-mm-dd>-<slug>.md`, where the
 * date is `observed_on`. The id is `<unit-id>/<yyyy-mm-dd>-<slug>`.
 *
 * There is deliberately no field for the identity of a person who complains or
 * denounces (Law on Denunciation, Art. 9 and 47): unknown keys are rejected, and
 * the body is checked for phone numbers, e-mail addresses and ID numbers.
 */
import { z } from "zod";
import { bodyRef, isoDate, label, reviewedFlags, slug } from "./base.ts";

/** Who may see the details. */
export const CONFIDENTIALITY = {
  "binh-thuong": "Bình thường — hiển thị đầy đủ trên trang nội bộ",
  "han-che": "Hạn chế — chỉ đếm và hiện tiêu đề; nội dung, ghi chú theo dõi và địa điểm không đưa lên trang",
} as const;

/** An urgency id of `content/urgencies.yaml`. */
export type Urgency = string;
/** A status id of `content/statuses.yaml`. */
export type Status = string;
export type Confidentiality = keyof typeof CONFIDENTIALITY;

const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

/** One step of the follow-up log. */
export const followUpEntrySchema = z.strictObject({
  /** When the step happened. Example: `2026-03-16`. */
  date: isoDate,
  /** The status reached by this step, an id from `content/statuses.yaml`. Example: `da-chuyen`. */
  status: slug,
  /** The authority involved (required when forwarding). Example: `UBND xã Kỳ Hoa`. */
  authority: label.optional(),
  /** What happened, without naming complainants. Example: `Chuyển văn bản số 12/MTTQ`. */
  note: label.optional(),
});

export const observationSchema = bodyRef.extend({
  /** One-line summary. Example: `Người dân phản ánh đường liên thôn xuống cấp`. */
  title: label.max(200, { message: "Tiêu đề tối đa 200 ký tự" }),
  /** Day the information was grasped; also the date in the file path. Example: `2026-03-14`. */
  observed_on: isoDate,
  /** Day it was recorded in the system; not before `observed_on`. Example: `2026-03-15`. */
  recorded_on: isoDate,
  /** Field id from `content/fields.yaml`. Example: `kinh-te`. */
  field: slug,
  /** Sub-topic ids of that field (none for fields without sub-topics). Example: `[quy-hoach]`. */
  subtopics: z.array(slug).default([]),
  /** Channel id from `content/channels.yaml`. Example: `hom-thu-gop-y`. */
  channel: slug,
  /** Urgency, an id from `content/urgencies.yaml`. Example: `thuong-xuyen`. */
  urgency: slug,
  /** Where it concerns, as free text. Example: `Thôn Hà Trung`. */
  location: label.optional(),
  /** About how many people it concerns. Example: `40`. */
  people_count: z.int().min(1).optional(),
  /** Tag ids from `content/tags.yaml` (an unknown tag is a warning). Example: `[giao-thong]`. */
  tags: z.array(slug).default([]),
  /** Current status, an id from `content/statuses.yaml`; equals the last follow-up step, the initial status without one. Example: `da-chuyen`. */
  status: slug,
  /** The authority it was last forwarded to; equals that of the last forwarding step. Example: `UBND xã Kỳ Hoa`. */
  forwarded_to: label.optional(),
  /** Follow-up steps in chronological order. */
  follow_up: z.array(followUpEntrySchema).default([]),
  /** Ids of related observations. Example: `[xa-ky-hoa/2026-02-10-duong-lien-thon]`. */
  related: z.array(z.string()).default([]),
  /** Who may see the details. Example: `binh-thuong`. */
  confidentiality: z.enum(keysOf(CONFIDENTIALITY)).default("binh-thuong"),
  /** Reviewed false alarms of the identity rules (names beside complaints, social links, house addresses). Example: `["identity-names:1f3a9c2e"]`. */
  reviewed_flags: reviewedFlags,
  /**
   * The protected parts of a restricted (`han-che`) observation (body, location,
   * forwarded_to, follow-up authorities and notes), encrypted with age to the
   * bodies entitled to read them; in the plain file those parts read
   * `[đã mã hóa]`. Written by `dan-y seal`, never by hand.
   */
  sealed: z
    .strictObject({
      /** Bodies it is encrypted to, as `<unit-id>/<organisation-id>`. Example: `[xa-ky-hoa/mttq, ha-tinh/mttq]`. */
      bodies: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)).min(1),
      /** Their age public keys, one per stanza of the encrypted file. Example: `[age1…]`. */
      recipients: z.array(z.string().regex(/^age1[0-9a-z]{20,}$/)).min(1),
      /** Two age files in ASCII armour: the reader set's group key, encrypted with X25519 to `recipients`, then the protected parts, whose file key that group key wraps (see src/core/crypto/sealed-observation.ts). Files sealed before hold the parts alone, encrypted straight to `recipients`. */
      ciphertext: z.string().startsWith("-----BEGIN AGE ENCRYPTED FILE-----"),
    })
    .optional(),
});

export type FollowUpEntry = z.infer<typeof followUpEntrySchema>;
export type ObservationData = z.infer<typeof observationSchema>;
