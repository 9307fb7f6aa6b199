/**
 * Cell values of an intake log as observation values: dates written the
 * Vietnamese way (dd/mm/yyyy, "ngày 5 tháng 3 năm 2026", Excel dates and serial
 * numbers), reference entries by id or label with "Có phải ý bạn là …?", counts.
 */

import { fromParts } from "../calendar/dates.ts";
import { closest } from "../check/suggest.ts";
import { foldVietnamese } from "../search/fold.ts";
import { type CellValue, cellText } from "./import-sheet.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const exists = (year: number, month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && fromParts(year, month, day) === isoOf(year, month, day);
const isoOf = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
function fromSerial(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

function fromParts3(day: number, month: number, year: number, written: string): Parsed<string> {
  const fullYear = year < 100 ? 2000 + year : year;
  if (month > 12 && day <= 12)
    return {
      ok: false,
      message: `ngày "${written}" có tháng ${month}: hãy viết theo dạng ngày/tháng/năm, ví dụ ${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/${fullYear}`,
    };
  if (!exists(fullYear, month, day)) return { ok: false, message: `ngày "${written}" không có thật trên lịch` };
  return { ok: true, value: isoOf(fullYear, month, day) };
}

/** A date cell: a date, an Excel serial number, or text as Vietnamese write it (day first). */
export function parseDate(value: CellValue): Parsed<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: "ngày không đọc được" };
    return { ok: true, value: value.toISOString().slice(0, 10) };
  }
  if (typeof value === "number") {
    // Serial numbers between 1955 and 2118: anything else is not a date.
    if (value >= 20_000 && value < 80_000) return { ok: true, value: fromSerial(value) };
    return { ok: false, message: `"${value}" không phải ngày` };
  }
  const text = cellText(value);
  if (text === "") return { ok: false, message: "thiếu ngày" };
  const folded = foldVietnamese(text);
  let match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})(?:\s+\d{1,2}[:h]\d{2}(?::\d{2})?)?$/.exec(folded);
  if (match) return fromParts3(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[ t].*)?$/.exec(folded);
  if (match) return fromParts3(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?(?:nam\s+)?(\d{4})$/.exec(folded);
  if (match) return fromParts3(Number(match[1]), Number(match[2]), Number(match[3]), text);
  if (/^\d+(\.\d+)?$/.test(text)) return parseDate(Number(text));
  return { ok: false, message: `"${text}" không phải ngày: cần ngày/tháng/năm, ví dụ 14/03/2026` };
}

/** "khoảng 40 người", "40", "40 hộ" → 40. */
export function parseCount(value: CellValue): Parsed<number | undefined> {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 1 ? { ok: true, value } : { ok: false, message: `số người phải là số nguyên từ 1 trở lên, nhận được ${value}` };
  const text = cellText(value);
  if (text === "") return { ok: true, value: undefined };
  const match = /(\d[\d.]*)/.exec(text);
  const number = match ? Number((match[1] as string).replace(/\./g, "")) : Number.NaN;
  if (!Number.isInteger(number) || number < 1) return { ok: false, message: `"${text}" không phải số người (cần một số nguyên từ 1 trở lên)` };
  return { ok: true, value: number };
}

export interface Choice {
  id: string;
  label: string;
}

const fold = (text: string) =>
  foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The names of each choice, worked out once (an import of 10k rows asks for them three times a row). */
const namesCache = new WeakMap<Choice, string[]>();

/** The short forms of a label people write: before "của", "tại", a comma or a parenthesis; and the words in its parentheses ("Zalo"). */
function namesOf(choice: Choice): string[] {
  let names = namesCache.get(choice);
  if (!names) {
    names = shortForms(choice);
    namesCache.set(choice, names);
  }
  return names;
}

function shortForms(choice: Choice): string[] {
  const names = [choice.id.replace(/-/g, " "), fold(choice.label)];
  const head = choice.label.split(/\s+(?:của|tại|trên)\s+|[,;(]/u)[0];
  if (head) names.push(fold(head));
  for (const inside of choice.label.matchAll(/\(([^)]*)\)/g)) for (const part of (inside[1] ?? "").split(/[,;]/)) if (part.trim()) names.push(fold(part));
  return [...new Set(names.filter(Boolean))];
}

/**
 * A reference entry named by a cell: its id, its label or a short form of it,
 * with or without accents, or a phrase found in exactly one label. A near miss
 * gets "Có phải ý bạn là …?"; `aliases` are what this source writes for an id.
 */
export function resolveChoice(text: string, choices: readonly Choice[], what: string, aliases: Readonly<Record<string, string>> = {}): Parsed<string> {
  const folded = fold(text);
  const alias = Object.entries(aliases).find(([written]) => fold(written) === folded)?.[1];
  if (alias !== undefined) {
    const target = choices.find((choice) => choice.id === alias);
    return target ? { ok: true, value: target.id } : { ok: false, message: `tệp ánh xạ ghi "${text}" là ${what} "${alias}" nhưng không có ${what} đó` };
  }
  const exact = choices.filter((choice) => choice.id === text.trim() || namesOf(choice).includes(folded));
  if (exact.length === 1) return { ok: true, value: (exact[0] as Choice).id };
  const containing = folded.includes(" ") ? choices.filter((choice) => fold(choice.label).includes(folded)) : [];
  if (containing.length === 1) return { ok: true, value: (containing[0] as Choice).id };
  const everyName = new Map(choices.flatMap((choice) => namesOf(choice).map((name) => [name, choice] as const)));
  const near = closest(folded, everyName.keys());
  const suggestion = near === undefined ? undefined : everyName.get(near);
  const list = choices.map((choice) => `"${choice.label}"`).join(", ");
  return {
    ok: false,
    message: suggestion
      ? `không có ${what} "${text}". Có phải ý bạn là "${suggestion.label}" (${suggestion.id})?`
      : `không có ${what} "${text}"${exact.length + containing.length > 1 ? " (khớp nhiều mục, hãy ghi rõ hơn)" : ""}; các ${what}: ${list}`,
  };
}
