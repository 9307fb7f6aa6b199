/**
 * How documents name units and organisations, derived from the data (unit
 * names such as "Thị xã Hồng Lĩnh", `document` of organisations.yaml).
 */
import type { Organisation } from "../../../schemas/organisation.ts";
import type { UnitEntry } from "../content/content-model.ts";

/** The words before the proper name: "Thị xã" of "Thị xã Hồng Lĩnh" (the first word and the lowercase ones after it). */
export function levelWords(unitName: string): string {
  const words = unitName.split(/\s+/);
  let end = 1;
  while (end < words.length && /^\p{Ll}/u.test(words[end] as string)) end++;
  return words.slice(0, end).join(" ");
}

/** The proper name alone, for the place of the date line: "Hồng Lĩnh". */
export function placeName(unitName: string): string {
  const prefix = levelWords(unitName);
  return unitName.slice(prefix.length).trim() || unitName;
}

/** The unit's name inside a sentence: "thị xã Hồng Lĩnh". */
export function inSentence(unitName: string): string {
  return unitName.charAt(0).toLocaleLowerCase("vi") + unitName.slice(1);
}

export const capitals = (text: string): string => text.toLocaleUpperCase("vi");

export interface OrganisationWording {
  /** First letterhead line. Example: `ỦY BAN MTTQ VIỆT NAM`. */
  name: string;
  /** Signing board. Example: `BAN THƯỜNG TRỰC`. */
  board: string;
  /** Head's position. Example: `CHỦ TỊCH`. */
  head: string;
  /** Abbreviation in the symbol. Example: `MTTQ`. */
  symbol: string;
  central: string | undefined;
}

/** The organisation's `document` wording, or the documented defaults. */
export function wordingOf(organisation: Organisation): OrganisationWording {
  const declared = organisation.document;
  if (declared) return { ...declared, central: declared.central };
  return {
    name: capitals(organisation.label),
    board: organisation.lead ? "BAN THƯỜNG TRỰC" : "BAN THƯỜNG VỤ",
    head: "CHỦ TỊCH",
    symbol: capitals(organisation.short).replace(/[^\p{Lu}]/gu, ""),
    central: undefined,
  };
}

/** Party committee of a unit with a government: "Tỉnh ủy Hà Tĩnh", "Thị ủy Hồng Lĩnh", "Đảng ủy xã Kỳ Hoa". */
export function partyCommitteeOf(unit: Pick<UnitEntry, "name">): string {
  const prefix = levelWords(unit.name);
  // Provinces and districts have a named committee ("Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Quận ủy"); communes an "Đảng ủy".
  if (/^(Tỉnh|Huyện|Quận|Thành phố|Thị xã)$/u.test(prefix)) return `${prefix.split(" ")[0]} ủy ${placeName(unit.name)}`;
  return `Đảng ủy ${inSentence(unit.name)}`;
}

/** People's Committee of a unit: "UBND xã Kỳ Hoa". */
export const governmentOf = (unit: Pick<UnitEntry, "name">): string => `UBND ${inSentence(unit.name)}`;

/** Initials of a person for the archive line ("Lưu: VT, LVB"), without tone marks: Lê Văn Bình → LVB, Đặng Thị Ánh → ĐTA. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => capitals(word.charAt(0)).normalize("NFD").replace(/\p{M}/gu, ""))
    .join("");
}
