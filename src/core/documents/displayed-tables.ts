/**
 * A table as a page shows it (caption, column headings, cells as formatted
 * text) back to typed data, so a download holds exactly the page's numbers:
 * `1.234` and `−25` are numbers, `75%` a share, `14/03/2026` a date; a column is
 * typed only when every filled cell of it reads so, text otherwise.
 */
import { type ColumnKind, type DataTable, type DataValue, sheetName } from "./data-tables.ts";

export interface ShownTable {
  caption: string;
  headers: string[];
  rows: string[][];
}

const EMPTY = /^(|—|–|-)$/;
const NUMBER = /^[+−-]?\d{1,3}(?:\.\d{3})*$|^[+−-]?\d+$/;
const PERCENT = /^\d{1,3}(?:,\d+)?\s?%$/;
const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function kindOf(cells: readonly string[]): ColumnKind {
  const filled = cells.filter((cell) => !EMPTY.test(cell));
  if (filled.length === 0) return "text";
  if (filled.every((cell) => NUMBER.test(cell))) return "number";
  if (filled.every((cell) => PERCENT.test(cell))) return "percent";
  if (filled.every((cell) => DATE.test(cell))) return "date";
  return "text";
}

function typedValue(cell: string, kind: ColumnKind): DataValue {
  if (kind === "text") return cell === "" ? null : cell;
  if (EMPTY.test(cell)) return null;
  if (kind === "number") return Number(cell.replace(/\./g, "").replace("−", "-").replace("+", ""));
  if (kind === "percent") return Number(cell.replace("%", "").replace(",", ".").trim()) / 100;
  const [, day, month, year] = DATE.exec(cell) as RegExpExecArray;
  return `${year}-${month}-${day}`;
}

/** The n-th table of a page (from 1) as data. */
export function typedTable(shown: ShownTable, index: number): DataTable {
  const width = Math.max(shown.headers.length, ...shown.rows.map((row) => row.length));
  const headers = Array.from({ length: width }, (_, column) => shown.headers[column] || `Cột ${column + 1}`);
  const kinds = headers.map((_, column) => (column === 0 ? "text" : kindOf(shown.rows.map((row) => row[column] ?? ""))));
  return {
    id: `bang-${index}`,
    title: shown.caption || `Bảng ${index}`,
    sheet: sheetName(shown.caption || `Bảng ${index}`),
    columns: headers.map((header, column) => ({ header, kind: kinds[column] as ColumnKind })),
    rows: shown.rows.map((row) => headers.map((_, column) => typedValue(row[column] ?? "", kinds[column] as ColumnKind))),
  };
}
