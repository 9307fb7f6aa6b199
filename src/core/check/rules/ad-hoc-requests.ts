/**
 * Ad-hoc report requests (`content/requests/`) name what exists: the asking
 * body and the requested bodies (a unit of content/units/ and an organisation),
 * levels, organisations and fields of the lists, and a file name starting with
 * the request's date. The schema checks each field's form; this rule checks it
 * against the other files, at the field's line.
 */
import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const adHocRequests: Rule = {
  id: "ad-hoc-requests",
  description:
    "Yêu cầu báo cáo đột xuất (requests/) ghi cơ quan yêu cầu, cơ quan được yêu cầu, cấp, tổ chức và lĩnh vực có thật trong dữ liệu, tên tệp bắt đầu bằng ngày yêu cầu.",
  check({ model }, { at }) {
    const organisations = model.organisations.map((organisation) => organisation.id);
    const levels = model.levels.map((level) => level.id);
    const fields = model.fields.map((field) => field.id);
    const units = [...model.units.keys()];
    for (const request of model.requests?.values() ?? []) {
      const body = (key: string, path: readonly PropertyKey[]) => {
        const [unit, organisation] = key.split("/") as [string, string];
        if (!model.units.has(unit)) at(request, path, `Cơ quan "${key}": không có đơn vị "${unit}" trong content/units/.${didYouMean(unit, units)}`);
        else if (!organisations.includes(organisation))
          at(request, path, `Cơ quan "${key}": không có tổ chức "${organisation}" trong organisations.yaml.${didYouMean(organisation, organisations)}`);
      };
      body(request.requested_by, ["requested_by"]);
      request.bodies.forEach((key, index) => {
        body(key, ["bodies", index]);
      });
      request.levels.forEach((rule, index) => {
        if (!levels.includes(rule.level))
          at(
            request,
            ["levels", index, "level"],
            `Không có cấp "${rule.level}" trong levels.yaml (có: ${levels.join(", ")}).${didYouMean(rule.level, levels)}`,
          );
        rule.organisations.forEach((organisation, position) => {
          if (!organisations.includes(organisation))
            at(
              request,
              ["levels", index, "organisations", position],
              `Không có tổ chức "${organisation}" trong organisations.yaml.${didYouMean(organisation, organisations)}`,
            );
        });
      });
      request.fields.forEach((field, index) => {
        if (!fields.includes(field)) at(request, ["fields", index], `Không có lĩnh vực "${field}" trong fields.yaml.${didYouMean(field, fields)}`);
      });
      if (!request.id.startsWith(`${request.issued_on}-`))
        at(
          request,
          ["issued_on"],
          `Tên tệp cần bắt đầu bằng ngày yêu cầu ${request.issued_on} (issued_on), ví dụ requests/${request.issued_on}-${request.slug}.yaml`,
        );
    }
  },
};
