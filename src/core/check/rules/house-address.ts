import { isReviewed, reviewHint } from "./reviewed-flags.ts";
import type { EntryRule } from "./rule.ts";
import { reportHit, scanFreeText } from "./text-scan.ts";

/** House-level addresses: "số nhà 12", "nhà số 7", "số 45 đường …", "ngõ 3", "ngách 5", "hẻm 12", "kiệt 4". */
const HOUSE =
  /(?<![\p{L}])(?:(?:số nhà|nhà số)\s*\d+[\p{L}]?(?:\/\d+)*|số\s+\d+[\p{L}]?(?:\/\d+)*\s*,?\s+(?:đường|phố|ngõ|ngách|hẻm|kiệt)(?![\p{L}])|(?:ngõ|ngách|hẻm|kiệt)\s+(?:số\s+)?\d+[\p{L}]?(?:\/\d+)*)/giu;

/** Every match has a digit. */
const SCREEN = /\d/;

export const houseAddress: EntryRule = {
  id: "house-address",
  description: "Thông tin hạn chế không ghi địa chỉ đến từng nhà (số nhà, ngõ, ngách, hẻm): chỉ ghi đến thôn, tổ dân phố.",
  check({ entry, text }, report) {
    if (!entry || !text || !("confidentiality" in entry) || entry.confidentiality !== "han-che") return;
    for (const hit of scanFreeText(entry, text, HOUSE, SCREEN)) {
      if (isReviewed(entry, this.id, hit.match)) continue;
      const message = `Thông tin hạn chế không được ghi địa chỉ đến từng nhà ("${hit.match}"): có thể làm lộ người phản ánh, tố cáo. Chỉ ghi đến thôn, tổ dân phố. ${reviewHint(this.id, hit.match)}`;
      reportHit(report, entry, hit, message);
    }
  },
};
