import { formatDateVi } from "../../calendar/dates.ts";
import { parsePeriod, periodWindow } from "../../calendar/periods.ts";
import type { UnitEntry } from "../../content/content-model.ts";
import type { Rule } from "./rule.ts";

function explain(unit: UnitEntry, date: string, units: Map<string, UnitEntry>): string {
  if (unit.valid_from && date < unit.valid_from) return `Đơn vị "${unit.name}" chỉ có từ ngày ${formatDateVi(unit.valid_from)}`;
  const successors = (unit.merged_into ?? []).map((id) => `"${units.get(id)?.name ?? id}" (${id})`);
  return `Đơn vị "${unit.name}" đã kết thúc ngày ${formatDateVi(unit.valid_to ?? date)}${successors.length ? `, sáp nhập vào ${successors.join(", ")}: hãy ghi cho đơn vị kế thừa` : ""}`;
}

export const mergedUnits: Rule = {
  id: "merged-units",
  description: "Không ghi thông tin hay báo cáo cho đơn vị ngoài thời gian tồn tại của nó (đơn vị đã sáp nhập dùng đơn vị kế thừa).",
  check({ model, tree }, { at }) {
    for (const observation of model.observations.values()) {
      const unit = model.units.get(observation.unit);
      if (unit && !tree.existsOn(unit, observation.observed_on)) {
        at(observation, ["unit"], `${explain(unit, observation.observed_on, model.units)} (ngày nắm được ${formatDateVi(observation.observed_on)})`);
      }
    }
    if (!model.schedule) return;
    for (const report of model.reports.values()) {
      const unit = model.units.get(report.unit);
      const period = parsePeriod(report.period);
      const window = period && periodWindow(period, model.schedule);
      if (!unit || !window) continue;
      const existedInWindow = (!unit.valid_to || window.start <= unit.valid_to) && (!unit.valid_from || unit.valid_from <= window.end);
      if (!existedInWindow)
        at(report, ["unit"], `${explain(unit, window.start, model.units)} (kỳ báo cáo ${formatDateVi(window.start)}–${formatDateVi(window.end)})`);
    }
  },
};
