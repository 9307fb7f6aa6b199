/**
 * A table of the site as data for spreadsheets: typed columns (text, whole
 * numbers, dates, shares), raw values (numbers as numbers, dates as ISO), and
 * its CSV form: UTF-8 with a BOM so Excel on Windows reads Vietnamese, CRLF,
 * quoted where needed.
 */

export type ColumnKind = "text" | "number" | "date" | "percent";

export interface DataColumn {
  header: string;
  kind: ColumnKind;
}

/** A value: text, a number (a share is a fraction, 0.25), an ISO date for date columns, or empty. */
export type DataValue = string | number | null;

export interface DataTable {
  /** File-name part. Example: `linh-vuc`. */
  id: string;
  /** The caption on the page. */
  title: string;
  /** Worksheet name (at most 31 characters, none of `[]:*?/\`). */
  sheet: string;
  columns: DataColumn[];
  rows: DataValue[][];
}

/** A worksheet name Excel accepts. */
export function sheetName(text: string): string {
  return (
    text
      .replace(/[[\]:*?/\\]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 31)
      .trim() || "Bảng"
  );
}

function csvCell(value: DataValue, kind: ColumnKind): string {
  if (value === null) return "";
  // A share as a whole percentage: "75%" reads the same in every locale, a decimal point would not.
  const text = kind === "percent" && typeof value === "number" ? `${Math.round(value * 100)}%` : String(value);
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text, with its BOM. */
export function tableCsv(table: DataTable): string {
  const lines = [
    table.columns.map((column) => csvCell(column.header, "text")),
    ...table.rows.map((row) => table.columns.map((column, index) => csvCell(row[index] ?? null, column.kind))),
  ];
  return `\uFEFF${lines.map((cells) => cells.join(",")).join("\r\n")}\r\n`;
}
