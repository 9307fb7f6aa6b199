import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

export const unitTree: Rule = {
  id: "unit-tree",
  description: "Mỗi đơn vị có cấp hợp lệ, đơn vị cấp trên tồn tại và ở cấp cao hơn, không có vòng lặp; đơn vị đã sáp nhập có ngày kết thúc và đơn vị kế thừa.",
  reportsOn: ["unit"],
  check({ model, tree }, { at }) {
    const levelIndex = new Map(model.levels.map((level, index) => [level.id, index]));
    for (const unit of model.units.values()) {
      const level = levelIndex.get(unit.level);
      if (level === undefined) {
        at(unit, ["level"], `Cấp "${unit.level}" không có trong levels.yaml.${didYouMean(unit.level, levelIndex.keys())}`);
      }
      if (unit.parent !== undefined) {
        const parent = model.units.get(unit.parent);
        if (!parent) {
          at(unit, ["parent"], `Đơn vị cấp trên "${unit.parent}" không tồn tại.${didYouMean(unit.parent, model.units.keys())}`);
        } else if (tree.ancestors(unit.id).includes(unit.id) || unit.parent === unit.id) {
          at(unit, ["parent"], "Cây đơn vị có vòng lặp: một đơn vị không thể là cấp trên của chính nó");
        } else {
          const parentLevel = levelIndex.get(parent.level);
          if (level !== undefined && parentLevel !== undefined && parentLevel >= level) {
            at(unit, ["parent"], `Đơn vị cấp trên phải ở cấp cao hơn: "${parent.name}" ở cấp "${parent.level}", đơn vị này ở cấp "${unit.level}"`);
          }
        }
      }
      if (unit.valid_from && unit.valid_to && unit.valid_to < unit.valid_from) {
        at(unit, ["valid_to"], `Ngày kết thúc ${unit.valid_to} trước ngày bắt đầu ${unit.valid_from}`);
      }
      if (unit.merged_into) {
        if (!unit.valid_to) at(unit, ["merged_into"], "Đơn vị đã sáp nhập cần ngày kết thúc (valid_to)");
        unit.merged_into.forEach((successorId, index) => {
          const successor = model.units.get(successorId);
          if (!successor) {
            at(unit, ["merged_into", index], `Đơn vị kế thừa "${successorId}" không tồn tại.${didYouMean(successorId, model.units.keys())}`);
          } else if (successorId === unit.id) {
            at(unit, ["merged_into", index], "Đơn vị không thể sáp nhập vào chính nó");
          }
        });
      }
    }
  },
};
