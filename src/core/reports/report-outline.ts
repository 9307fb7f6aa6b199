/**
 * The body of a consolidated report in the plan's outline: the six fields in
 * order (with sub-topics), then proposals (kiến nghị, đề xuất).
 */
import { formatDateVi } from "../calendar/dates.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { isUrgent, urgencyLabel } from "../content/labels.ts";
import type { UnitBelow } from "./aggregate.ts";
import { forwardsItem } from "./follow-up-outcome.ts";
import { byNotability } from "./notability.ts";
import { romanNumeral } from "./roman-numeral.ts";

export interface OutlineInput {
  model: ContentModel;
  heading: string;
  observations: readonly ObservationEntry[];
  lowerReports: readonly string[];
  /** How many notable items to name per field. */
  notablePerField?: number;
  /** The units that existed in the period below the report's unit, with their counts (`unitsBelow`). */
  unitsBelow?: readonly UnitBelow[];
}

/** A highlight as a reader names it: title, urgency, unit and date (never the file's id). */
function describe(model: ContentModel, entry: ObservationEntry): string {
  const urgency = isUrgent(model, entry.urgency) ? ` (${urgencyLabel(model, entry.urgency).toLowerCase()})` : "";
  return `- ${entry.title}${urgency} — ${model.units.get(entry.unit)?.name ?? entry.unit}, ${formatDateVi(entry.observed_on)}`;
}

export function reportOutline({ model, heading, observations, lowerReports, notablePerField = 3, unitsBelow = [] }: OutlineInput): string {
  const lines = [`# ${heading}`, ""];
  lines.push(
    `Tổng hợp ${observations.length} thông tin nắm được${lowerReports.length ? ` và ${lowerReports.length} báo cáo của cấp dưới, các tổ chức` : ""}.`,
    "",
  );
  model.fields.forEach((field, index) => {
    const inField = observations.filter((entry) => entry.field === field.id);
    lines.push(`## ${romanNumeral(index + 1)}. ${field.label}`, "");
    if (inField.length === 0) {
      lines.push("Trong kỳ chưa nắm được thông tin đáng chú ý.", "");
      return;
    }
    for (const subtopic of field.subtopics) {
      const count = inField.filter((entry) => entry.subtopics.includes(subtopic.id)).length;
      if (count > 0) lines.push(`- ${subtopic.label}: ${count} thông tin.`);
    }
    if (field.subtopics.length > 0) lines.push("");
    lines.push(`Nổi bật (${inField.length} thông tin):`, "");
    lines.push(
      ...[...inField]
        .sort(byNotability(model))
        .slice(0, notablePerField)
        .map((entry) => describe(model, entry)),
      "",
    );
  });
  if (unitsBelow.length > 0) {
    lines.push("Số thông tin theo đơn vị trong kỳ:", "");
    for (const { unit, relation, count } of unitsBelow)
      lines.push(`- ${unit.name}${relation === "predecessor" ? " (trước sáp nhập)" : ""}: ${count} thông tin.`);
    lines.push("");
  }
  lines.push(`## ${romanNumeral(model.fields.length + 1)}. Kiến nghị, đề xuất`, "");
  const forwarded = observations.filter((entry) => forwardsItem(model, entry.status)).length;
  lines.push(
    forwarded > 0
      ? `- Đề nghị các cơ quan chức năng sớm trả lời ${forwarded} nội dung đã chuyển nhưng chưa có kết quả.`
      : "- Tiếp tục theo dõi, đôn đốc việc trả lời, giải quyết các kiến nghị của Nhân dân.",
    "",
  );
  return lines.join("\n");
}
