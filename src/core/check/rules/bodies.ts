import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const bodies: Rule = {
  id: "bodies",
  description: "Mỗi cơ quan (đơn vị × tổ chức) thuộc đơn vị và tổ chức có thật; cơ quan nhận báo cáo tồn tại; mã đầu mối không trùng.",
  check({ model }, { at }) {
    const organisationIds = model.organisations.map((organisation) => organisation.id);
    const focalPoints = new Map<string, string>();
    for (const body of model.bodies.values()) {
      if (!model.units.has(body.unit)) {
        at(body, [], `Thư mục bodies/${body.unit} không ứng với đơn vị nào.${didYouMean(body.unit, model.units.keys())}`);
      }
      if (!organisationIds.includes(body.organisation)) {
        at(body, [], `Tệp ${body.organisation}.yaml không ứng với tổ chức nào trong organisations.yaml.${didYouMean(body.organisation, organisationIds)}`);
      }
      body.reports_to?.forEach((target, index) => {
        if (!model.bodies.has(target)) {
          at(body, ["reports_to", index], `Cơ quan nhận báo cáo "${target}" không có trong bodies/.${didYouMean(target, model.bodies.keys())}`);
        }
      });
      body.focal_points.forEach((person, index) => {
        const other = focalPoints.get(person.id);
        if (other) at(body, ["focal_points", index, "id"], `Mã đầu mối "${person.id}" đã dùng trong ${other}`);
        else focalPoints.set(person.id, body.source.file);
      });
    }
  },
};
