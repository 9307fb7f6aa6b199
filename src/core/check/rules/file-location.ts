import type { Rule } from "./rule.ts";

export const fileLocation: Rule = {
  id: "location",
  description: "Mỗi tệp nằm đúng thư mục theo đơn vị, tổ chức, kỳ và ngày ghi trong phần đầu của nó.",
  check({ model }, { at }) {
    for (const observation of model.observations.values()) {
      const { path } = observation;
      if (observation.unit !== path.unit) {
        at(observation, ["unit"], `Tệp nằm trong thư mục của đơn vị "${path.unit}" nhưng ghi đơn vị "${observation.unit}"`);
      }
      if (observation.observed_on !== path.date) {
        at(
          observation,
          ["observed_on"],
          `Tên tệp bắt đầu bằng ngày ${path.date} nhưng ngày nắm được là ${observation.observed_on}: tên tệp phải bắt đầu bằng ngày nắm được`,
        );
      }
      if (`${path.year}-${path.month}` !== path.date.slice(0, 7)) {
        at(
          observation,
          ["observed_on"],
          `Tệp nằm trong thư mục ${path.year}/${path.month} nhưng ngày trong tên tệp là ${path.date}: cần thư mục ${path.date.slice(0, 4)}/${path.date.slice(5, 7)}`,
        );
      }
    }
    for (const report of model.reports.values()) {
      const { path } = report;
      if (report.unit !== path.unit) at(report, ["unit"], `Tệp nằm trong thư mục của đơn vị "${path.unit}" nhưng ghi đơn vị "${report.unit}"`);
      if (report.organisation !== path.organisation) {
        at(report, ["organisation"], `Tên tệp là của tổ chức "${path.organisation}" nhưng ghi tổ chức "${report.organisation}"`);
      }
      if (report.period !== path.period) at(report, ["period"], `Tệp nằm trong thư mục kỳ "${path.period}" nhưng ghi kỳ "${report.period}"`);
    }
  },
};
