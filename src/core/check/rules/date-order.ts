import { formatDateVi } from "../../calendar/dates.ts";
import type { Rule } from "./rule.ts";

export const dateOrder: Rule = {
  id: "dates",
  description: "Ngày ghi nhận không trước ngày nắm được; nhật ký theo dõi theo thứ tự thời gian; không có ngày trong tương lai.",
  check({ model, today }, { at }) {
    const future = (date: string) => `Ngày ${formatDateVi(date)} ở tương lai (hôm nay là ${formatDateVi(today)})`;
    for (const observation of model.observations.values()) {
      if (observation.observed_on > today) at(observation, ["observed_on"], future(observation.observed_on));
      if (observation.recorded_on > today) at(observation, ["recorded_on"], future(observation.recorded_on));
      if (observation.recorded_on < observation.observed_on) {
        at(observation, ["recorded_on"], `Ngày ghi nhận ${formatDateVi(observation.recorded_on)} trước ngày nắm được ${formatDateVi(observation.observed_on)}`);
      }
      let previous = observation.observed_on;
      observation.follow_up.forEach((step, index) => {
        if (step.date < previous) {
          at(
            observation,
            ["follow_up", index, "date"],
            `Bước theo dõi ngày ${formatDateVi(step.date)} trước ${index === 0 ? "ngày nắm được" : "bước trước"} (${formatDateVi(previous)}): nhật ký phải theo thứ tự thời gian`,
          );
        } else if (step.date > today) {
          at(observation, ["follow_up", index, "date"], future(step.date));
        }
        // ISO dates compare as strings (Math.max does not apply).
        if (step.date > previous) previous = step.date;
      });
    }
    for (const report of model.reports.values()) {
      if (report.submitted_on > today) at(report, ["submitted_on"], future(report.submitted_on));
    }
  },
};
