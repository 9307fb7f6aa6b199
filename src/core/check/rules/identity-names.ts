import { isReviewed, reviewHint } from "./reviewed-flags.ts";
import type { EntryRule } from "./rule.ts";
import { reportHit, scanFreeText } from "./text-scan.ts";

/** Words of complaint or denunciation (Law on Denunciation, Art. 9 and 47; Law on Complaints). */
const COMPLAINT = /tố cáo|tố giác|khiếu nại|khiếu kiện|phản ánh|kiến nghị|gửi đơn|đứng đơn|viết đơn|đơn thư|người gửi|người tố|đơn tố|đơn khiếu/iu;

/**
 * A form of address and a capitalised name: "bà Nguyễn Thị A", "anh Hùng". Titles that follow a form of
 * address without being a name ("ông Chủ tịch", "bà Bí thư") are not names.
 */
const NAME =
  /(?<![\p{L}\p{N}])(?:[ÔôOo]ng|[Bb]à|[Aa]nh|[Cc]hị|[Ee]m|[Cc]ô|[Cc]hú|[Bb]ác|[Cc]ụ|[Cc]háu)\s+(?!(?:Chủ|Phó|Bí|Trưởng|Giám|Tổng|Đại|Cán|Thủ|Ủy|Hội|Ban|Đảng|Người|Các|Những|Tổ|Trưởng)(?![\p{L}]))\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,3}(?![\p{L}])/gu;

/** The sentence of `text` around `index`. */
function sentenceAt(text: string, index: number): string {
  const before = Math.max(text.lastIndexOf(".", index), text.lastIndexOf("!", index), text.lastIndexOf("?", index), text.lastIndexOf(";", index));
  const after = text.slice(index).search(/[.!?;]/);
  return text.slice(before + 1, after === -1 ? text.length : index + after);
}

export const identityNames: EntryRule = {
  id: "identity-names",
  description:
    'Không ghi họ tên người kèm lời phản ánh, khiếu nại, tố cáo ("bà Nguyễn Thị A … tố cáo"): danh tính người tố cáo phải được giữ bí mật (Luật Tố cáo, Điều 9 và 47).',
  check({ entry, text }, report) {
    if (!entry || !text) return;
    for (const hit of scanFreeText(entry, text, NAME, COMPLAINT)) {
      if (!COMPLAINT.test(sentenceAt(hit.text, hit.index)) || isReviewed(entry, this.id, hit.match)) continue;
      const message = `Có thể làm lộ danh tính người phản ánh, khiếu nại, tố cáo: "${hit.match}" đứng cạnh lời phản ánh, tố cáo. Hãy viết "một người dân", "người gửi đơn" thay cho họ tên (Luật Tố cáo, Điều 9 và 47). ${reviewHint(this.id, hit.match)}`;
      reportHit(report, entry, hit, message);
    }
  },
};
