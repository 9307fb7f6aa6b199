import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const relatedObservations: Rule = {
  id: "related",
  description: "Các thông tin liên quan tồn tại, không trùng lặp và không trỏ về chính nó.",
  check({ model, index }, { at }) {
    for (const observation of model.observations.values()) {
      const seen = new Set<string>();
      observation.related.forEach((id, position) => {
        if (id === observation.id) at(observation, ["related", position], "Thông tin không thể liên quan đến chính nó");
        else if (seen.has(id)) at(observation, ["related", position], `Mã "${id}" đã có trong danh sách liên quan`);
        else if (!index.observations.has(id))
          at(observation, ["related", position], `Không có thông tin mã "${id}".${didYouMean(id, index.observations.keys())}`);
        seen.add(id);
      });
    }
  },
};
