/** A short account of what the content holds, for the end of a check. */
import type { ContentModel } from "./content-model.ts";

const number = new Intl.NumberFormat("vi-VN");

export function summariseContent(model: ContentModel): string {
  const activeUnits = [...model.units.values()].filter((unit) => !unit.valid_to).length;
  const byField = model.fields.map((field) => {
    let count = 0;
    for (const observation of model.observations.values()) if (observation.field === field.id) count++;
    return `  - ${field.label}: ${number.format(count)}`;
  });
  const dates = [...model.observations.values()].map((observation) => observation.observed_on).sort();
  const restricted = [...model.observations.values()].filter((observation) => observation.confidentiality === "han-che").length;
  const lines = [
    `Đơn vị: ${number.format(model.units.size)} (${number.format(activeUnits)} đang hoạt động, ${number.format(model.units.size - activeUnits)} đã sáp nhập hoặc giải thể)`,
    `Cơ quan có đầu mối: ${number.format(model.bodies.size)}`,
    `Thông tin nắm được: ${number.format(model.observations.size)}${dates.length ? ` (từ ${dates[0]} đến ${dates[dates.length - 1]}; ${number.format(restricted)} hạn chế)` : ""}`,
    ...byField,
    `Báo cáo: ${number.format(model.reports.size)}`,
  ];
  return lines.join("\n");
}
