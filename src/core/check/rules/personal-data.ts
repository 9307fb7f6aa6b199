import type { EntryRule } from "./rule.ts";
import { reportHit, scanFreeText } from "./text-scan.ts";

/** Vietnamese phone numbers (0xx… or +84…, with spaces, dots or dashes), e-mail addresses, 9- and 12-digit ID numbers. */
export const PERSONAL_DATA =
  /(?<![\d/])(?:(?:\+84|0)\d{2,3}[ .-]?\d{3}[ .-]?\d{3,4})(?![\d/])|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\d/.,])(?:\d{12}|\d{9})(?![\d/.,])/gu;

/** Every match has three digits in a row or an @. */
const SCREEN = /\d{3}|@/;

/** What a match of PERSONAL_DATA is, in words. */
export function personalDataKind(match: string): string {
  if (match.includes("@")) return "địa chỉ thư điện tử";
  if (/^\d{9}$|^\d{12}$/.test(match)) return "số CMND/CCCD";
  return "số điện thoại hoặc số giấy tờ";
}

export const personalData: EntryRule = {
  id: "personal-data",
  description:
    "Nội dung thông tin và báo cáo không chứa số điện thoại, thư điện tử, số CMND/CCCD (bảo vệ người phản ánh, tố cáo; liên hệ của đầu mối chỉ ở bodies/).",
  check({ entry, text }, report) {
    if (!entry || !text) return;
    for (const hit of scanFreeText(entry, text, PERSONAL_DATA, SCREEN)) {
      const message = `Không được ghi ${personalDataKind(hit.match)} ("${hit.match}") trong nội dung: có thể làm lộ danh tính người phản ánh, khiếu nại, tố cáo (Luật Tố cáo, Điều 9 và 47). Liên hệ của đầu mối chỉ ghi trong bodies/`;
      reportHit(report, entry, hit, message);
    }
  },
};
