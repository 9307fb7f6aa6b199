/**
 * Data tables as an Excel workbook with exceljs: a sheet per table, Vietnamese
 * headers in bold in a frozen first row with a filter, whole numbers as
 * numbers (#,##0), dates as dates (dd/mm/yyyy), shares as percentages, columns
 * as wide as their longest value. Runs in Node and, bundled, in the browser.
 */
import ExcelJS from "exceljs";
import type { DataTable, DataValue } from "../core/documents/data-tables.ts";

const FORMATS = { number: "#,##0", date: "dd/mm/yyyy", percent: "0%", text: "@" } as const;

function cellValue(value: DataValue, kind: DataTable["columns"][number]["kind"]): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

/** Column width in characters: the longest header or value, within 8 and 60. */
function widthOf(table: DataTable, index: number): number {
  const column = table.columns[index];
  let longest = column?.header.length ?? 8;
  for (const row of table.rows) {
    const value = row[index];
    const length = column?.kind === "date" ? 10 : value === null || value === undefined ? 0 : String(value).length;
    if (length > longest) longest = length;
  }
  return Math.min(60, Math.max(8, longest + 2));
}

export function tablesWorkbook(tables: readonly DataTable[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Dân ý";
  const used = new Set<string>();
  for (const table of tables) {
    let name = table.sheet;
    for (let suffix = 2; used.has(name); suffix++) name = `${table.sheet.slice(0, 28)} ${suffix}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((column, index) => ({
      header: column.header,
      key: String(index),
      width: widthOf(table, index),
      style: { numFmt: FORMATS[column.kind] },
    }));
    // One style object per column, shared by its data cells: exceljs gives each cell a copy of the column's style and, writing,
    // renders every copy to XML to find its style id, unless it has met that very object before (10k rows: 0.4 s of 1.1 s).
    const styles = table.columns.map((column) => ({ numFmt: FORMATS[column.kind] }));
    for (const values of table.rows) {
      const row = sheet.addRow(table.columns.map((column, index) => cellValue(values[index] ?? null, column.kind)));
      row.eachCell({ includeEmpty: true }, (cell, number) => {
        cell.style = styles[number - 1] as Partial<ExcelJS.Style>;
      });
    }
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    if (table.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return workbook;
}

/** The workbook's bytes; the fastest deflate level (a report page's workbook: 31 → 12 ms, 10.6 → 11.3 kB, measured). */
export async function tablesXlsx(tables: readonly DataTable[]): Promise<Uint8Array<ArrayBuffer>> {
  const options = { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;
  return new Uint8Array(await tablesWorkbook(tables).xlsx.writeBuffer(options));
}
