import { formatDateVi } from "../../calendar/dates.ts";
import { parsePeriod, periodEnd, periodLabel, periodWindow } from "../../calendar/periods.ts";
import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const reportConsolidation: Rule = {
  id: "consolidation",
  description: "Báo cáo do đầu mối của chính cơ quan viết; các thông tin và báo cáo được tổng hợp tồn tại, thuộc địa bàn của đơn vị và nằm trong kỳ báo cáo.",
  check({ model, index, tree }, { at }) {
    const schedule = model.schedule;
    for (const report of model.reports.values()) {
      const body = model.bodies.get(`${report.unit}/${report.organisation}`);
      if (!body) {
        at(
          report,
          ["organisation"],
          `Chưa khai báo cơ quan ${report.unit}/${report.organisation} trong bodies/: cần tệp bodies/${report.unit}/${report.organisation}.yaml với đầu mối`,
        );
      } else if (!body.focal_points.some((person) => person.id === report.author)) {
        at(
          report,
          ["author"],
          `"${report.author}" không phải đầu mối của ${body.id} (có: ${body.focal_points.map((person) => person.id).join(", ")}).${didYouMean(
            report.author,
            body.focal_points.map((person) => person.id),
          )}`,
        );
      }
      const period = parsePeriod(report.period);
      const window = period && schedule ? periodWindow(period, schedule) : undefined;
      if (period && schedule && !window) {
        at(report, ["period"], `Lịch báo cáo (schedule.yaml) không có kỳ "${report.period}"`);
      }
      if (window && report.submitted_on < window.start) {
        at(report, ["submitted_on"], `Ngày gửi ${formatDateVi(report.submitted_on)} trước khi kỳ báo cáo bắt đầu (${formatDateVi(window.start)})`);
      }
      const covered = tree.coverage(report.unit);
      report.consolidates.observations.forEach((id, position) => {
        const observation = index.observations.get(id);
        const path = ["consolidates", "observations", position];
        if (!observation) {
          at(report, path, `Không có thông tin mã "${id}".${didYouMean(id, index.observations.keys())}`);
          return;
        }
        if (!covered.has(observation.unit)) at(report, path, `Thông tin "${id}" thuộc đơn vị "${observation.unit}", ngoài địa bàn của "${report.unit}"`);
        if (window && (observation.date < window.start || observation.date > window.end)) {
          at(
            report,
            path,
            `Thông tin "${id}" nắm được ngày ${formatDateVi(observation.date)}, ngoài kỳ báo cáo ${formatDateVi(window.start)}–${formatDateVi(window.end)}`,
          );
        }
      });
      report.consolidates.reports.forEach((id, position) => {
        const lower = index.reports.get(id);
        const path = ["consolidates", "reports", position];
        if (!lower) {
          at(report, path, `Không có báo cáo mã "${id}".${didYouMean(id, index.reports.keys())}`);
          return;
        }
        if (id === report.id) {
          at(report, path, "Báo cáo không thể tự tổng hợp chính nó");
          return;
        }
        if (!covered.has(lower.unit)) at(report, path, `Báo cáo "${id}" của đơn vị "${lower.unit}", ngoài địa bàn của "${report.unit}"`);
        const lowerPeriod = parsePeriod(lower.period);
        const lowerEnd = lowerPeriod && schedule ? periodEnd(lowerPeriod, schedule) : undefined;
        if (window && lowerEnd && (lowerEnd < window.start || lowerEnd > window.end)) {
          at(
            report,
            path,
            `Báo cáo "${id}" (${lowerPeriod ? periodLabel(lowerPeriod) : lower.period}, hạn ${formatDateVi(lowerEnd)}) ngoài kỳ báo cáo ${formatDateVi(window.start)}–${formatDateVi(window.end)}`,
          );
        }
      });
    }
  },
};
