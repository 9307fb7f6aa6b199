/**
 * The complainant's identity never leaves an intake log (Law on Denunciation,
 * Art. 9 and 47): phone numbers, e-mail addresses and ID numbers (the `check`
 * rule's own pattern) and names introduced by a form of address ("ông Nguyễn
 * Văn An", "bà Lan", "chị Hoa") are cut from the text before anything is
 * written, and the user is told what was cut (never the data itself).
 */
import { PERSONAL_DATA, personalDataKind } from "../check/rules/personal-data.ts";

/**
 * A person's name after a form of address: "ông An", "bà Nguyễn Thị Lan" in running
 * text (lowercase form, one to four capitalised words), or "Ông Nguyễn Văn An" at
 * the start of a sentence (capitalised form, at least two more words), so place
 * names such as "Bà Rịa" or "đường Bà Triệu" stay; "bà con" is not a name.
 */
const NAMED_PERSON =
  /(?<![\p{L}])(?:(?:ông|bà|anh|chị|cô|chú|bác|cụ)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}|(?:Ông|Bà|Anh|Chị|Cô|Chú|Bác|Cụ)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})/gu;

export interface Stripped {
  text: string;
  /** What was cut, in words ("1 họ tên người phản ánh", "1 số điện thoại hoặc số giấy tờ"). */
  removed: string[];
}

/** The text without personal data; the removed kinds, counted. */
export function stripPersonalData(text: string): Stripped {
  const counts = new Map<string, number>();
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let result = text.replace(new RegExp(PERSONAL_DATA.source, PERSONAL_DATA.flags), (match) => {
    count(personalDataKind(match));
    return "[đã xóa]";
  });
  result = result.replace(NAMED_PERSON, () => {
    count("họ tên người phản ánh");
    return "một người dân";
  });
  return { text: result, removed: [...counts].map(([kind, number]) => `${number} ${kind}`) };
}
