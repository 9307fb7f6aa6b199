import { referenceLabels } from "../../content/labels.ts";
import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const observationReferences: Rule = {
  id: "references",
  description:
    "Đơn vị, tổ chức, lĩnh vực, tiểu mục, kênh, mức độ và trạng thái của mỗi thông tin đều có trong danh mục; tiểu mục thuộc đúng lĩnh vực; từ khóa chưa có trong tags.yaml bị cảnh báo.",
  check({ model }, { at }) {
    const organisations = model.organisations.map((organisation) => organisation.id);
    const fields = new Map(model.fields.map((field) => [field.id, field]));
    const channels = model.channels.map((channel) => channel.id);
    const { urgencies, statuses, tags } = referenceLabels(model);
    const listed = (ids: ReadonlyMap<string, unknown>) => [...ids.keys()].join(", ");
    for (const entry of [...model.observations.values(), ...model.reports.values()]) {
      if (!model.units.has(entry.unit)) at(entry, ["unit"], `Đơn vị "${entry.unit}" không có trong units/.${didYouMean(entry.unit, model.units.keys())}`);
      if (!organisations.includes(entry.organisation)) {
        at(
          entry,
          ["organisation"],
          `Tổ chức "${entry.organisation}" không có trong organisations.yaml (có: ${organisations.join(", ")}).${didYouMean(entry.organisation, organisations)}`,
        );
      }
    }
    for (const observation of model.observations.values()) {
      const field = fields.get(observation.field);
      if (!field) {
        at(
          observation,
          ["field"],
          `Lĩnh vực "${observation.field}" không có trong fields.yaml (có: ${[...fields.keys()].join(", ")}).${didYouMean(observation.field, fields.keys())}`,
        );
      } else {
        const subtopics = field.subtopics.map((subtopic) => subtopic.id);
        observation.subtopics.forEach((subtopic, index) => {
          if (!subtopics.includes(subtopic)) {
            const elsewhere = model.fields.find((other) => other.subtopics.some((candidate) => candidate.id === subtopic));
            at(
              observation,
              ["subtopics", index],
              elsewhere
                ? `Tiểu mục "${subtopic}" thuộc lĩnh vực "${elsewhere.id}", không thuộc "${field.id}"`
                : `Tiểu mục "${subtopic}" không có trong lĩnh vực "${field.id}".${didYouMean(subtopic, subtopics)}`,
            );
          }
        });
      }
      if (!channels.includes(observation.channel)) {
        at(observation, ["channel"], `Kênh "${observation.channel}" không có trong channels.yaml.${didYouMean(observation.channel, channels)}`);
      }
      // An empty list did not load: its own issue says so, not one per observation.
      if (urgencies.size > 0 && !urgencies.has(observation.urgency)) {
        at(
          observation,
          ["urgency"],
          `Mức độ "${observation.urgency}" không có trong urgencies.yaml (có: ${listed(urgencies)}).${didYouMean(observation.urgency, urgencies.keys())}`,
        );
      }
      if (statuses.size > 0) {
        const unknownStatus = (status: string, path: PropertyKey[]) => {
          if (!statuses.has(status))
            at(observation, path, `Trạng thái "${status}" không có trong statuses.yaml (có: ${listed(statuses)}).${didYouMean(status, statuses.keys())}`);
        };
        unknownStatus(observation.status, ["status"]);
        observation.follow_up.forEach((step, index) => {
          unknownStatus(step.status, ["follow_up", index, "status"]);
        });
      }
      observation.tags.forEach((tag, index) => {
        if (!tags.has(tag)) {
          at(
            observation,
            ["tags", index],
            `Từ khóa "${tag}" chưa có trong tags.yaml: hãy thêm nó (mã và tên tiếng Việt) vào danh mục.${didYouMean(tag, tags.keys())}`,
            {
              severity: "warning",
            },
          );
        }
      });
    }
  },
};
