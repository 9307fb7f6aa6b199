/** The channels (kênh) of plan section III: `content/channels.yaml`. */
import { z } from "zod";
import { referenceEntry } from "./base.ts";

/** One method of grasping the people's situation. Example: `{ id: hom-thu-gop-y, label: Hòm thư góp ý, mode: thuong-xuyen }`. */
export const channelSchema = referenceEntry.extend({
  /** Regular (thường xuyên, III.1) or periodic (định kỳ, III.2). Example: `thuong-xuyen`. */
  mode: z.enum(["thuong-xuyen", "dinh-ky"]),
});

export const channelsFileSchema = z.array(channelSchema).min(1);

export type Channel = z.infer<typeof channelSchema>;
