import type { ContentIssue } from "../../content/content-issue.ts";
import { didYouMean } from "../suggest.ts";
import { type Rule, reporter } from "./rule.ts";

export const relatedObservations: Rule = {
  id: "related",
  description: "Các thông tin liên quan tồn tại, không trùng lặp và không trỏ về chính nó.",
  check({ model, index }) {
    const { at } = reporter(this.id);
    const issues: ContentIssue[] = [];
    for (const observation of model.observations.values()) {
      const seen = new Set<string>();
      observation.related.forEach((id, position) => {
        if (id === observation.id) issues.push(at(observation, ["related", position], "Thông tin không thể liên quan đến chính nó"));
        else if (seen.has(id)) issues.push(at(observation, ["related", position], `Mã "${id}" đã có trong danh sách liên quan`));
        else if (!index.observations.has(id))
          issues.push(at(observation, ["related", position], `Không có thông tin mã "${id}".${didYouMean(id, index.observations.keys())}`));
        seen.add(id);
      });
    }
    return issues;
  },
};
