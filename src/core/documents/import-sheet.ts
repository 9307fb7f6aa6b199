/** A spreadsheet or CSV as the import sees it: rows of plain cell values, numbered as the user sees them. */

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number in the file (the "dòng" of messages). */
  number: number;
  /** Cell values by column, A first. */
  cells: CellValue[];
}

export interface Sheet {
  /** File name for messages. Example: `so-duong-day-nong.xlsx`. */
  file: string;
  rows: SheetRow[];
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

export const isBlank = (value: CellValue): boolean => value === null || (typeof value === "string" && value.trim() === "");

/** A cell as text, trimmed and NFC (numbers as written, dates as dd/mm/yyyy). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  return String(value).normalize("NFC").replace(/\s+/g, " ").trim();
}
