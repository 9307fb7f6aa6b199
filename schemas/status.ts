/** The follow-up statuses (trạng thái theo dõi) an observation passes through: `content/statuses.yaml`. */
import { z } from "zod";
import { referenceEntry, slug } from "./base.ts";

/** One status and the statuses that may follow it. Example: `{ id: da-thong-tin-lai, label: Đã thông tin lại cho Nhân dân, order: 5, closes: true, next: [da-chuyen] }`. */
export const statusSchema = referenceEntry.extend({
  /** Position in lists and filters, from 1. Example: `5`. */
  order: z.int().min(1),
  /** The status of an item with no follow-up step yet; exactly one status has it. Example: `true` (for `moi`). */
  initial: z.boolean().default(false),
  /** The item needs no more follow-up (resolved, not competent, duplicate, closed, people informed back). Example: `true`. */
  closes: z.boolean(),
  /** A step to this status forwards the item to an authority: it names one (`authority`), and `forwarded_to` follows the last such step. Example: `true` (for `da-chuyen`). */
  forwards: z.boolean().default(false),
  /**
   * Reaching this status after a forwarding step means the authority answered, or the matter ended
   * there: the tracker and the follow-up rates count the item as answered. Example: `true` (for `da-tra-loi`).
   */
  answers: z.boolean().default(false),
  /**
   * Reaching this status means the matter was settled: the follow-up rates count the item as resolved
   * (and answered), also when a later step only informs the people back. Example: `true` (for `da-giai-quyet`).
   */
  resolves: z.boolean().default(false),
  /** Ids of the statuses a next step may reach from this one; empty for a final status. Example: `[da-chuyen]`. */
  next: z.array(slug),
});

export const statusesFileSchema = z.array(statusSchema).min(1);

export type FollowUpStatus = z.infer<typeof statusSchema>;
