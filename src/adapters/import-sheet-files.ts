/** Reads an intake log from disk: .xlsx with exceljs (first sheet, merged cells as their master's value), .csv with csv-parse (UTF-8, BOM or not, `,` `;` or tab). */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { CellValue, Sheet, SheetRow } from "../core/documents/import-sheet.ts";
import { RefusalError } from "../core/errors.ts";

/** exceljs's cell value as a plain value: rich text joined, formulas as their result, links as their text. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return plain((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return plain(value.text as ExcelJS.CellValue);
    if ("error" in value) return null;
  }
  return String(value);
}

async function readXlsx(path: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  const bytes = readLog(path, "Excel (.xlsx)");
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new RefusalError(`${basename(path)}: không đọc được tệp Excel (.xlsx): ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RefusalError(`${basename(path)}: tệp Excel không có trang tính nào`);
  const rows: SheetRow[] = [];
  // exceljs computes columnCount by walking every row: once, not per row (a 10k-row log: 1.5 s → 0).
  const columns = sheet.columnCount;
  for (let number = 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const cells: CellValue[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, columns); column++) {
      const cell = row.getCell(column);
      // A merged cell reads as the top-left cell of its range.
      cells.push(plain(cell.isMerged ? cell.master.value : cell.value));
    }
    rows.push({ number, cells });
  }
  return rows;
}

/** The file's bytes, or a refusal naming it: a missing file or a folder is the user's mistake, not a crash. */
function readLog(path: string, kind: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "không có tệp này" : code === "EISDIR" ? "đây là một thư mục, không phải tệp" : `không mở được (${code ?? String(error)})`;
    throw new RefusalError(`${basename(path)}: không đọc được tệp ${kind}: ${why} (${path})`);
  }
}

function readCsv(path: string): SheetRow[] {
  const bytes = readLog(path, "CSV");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD"))
    throw new RefusalError(`${basename(path)}: tệp CSV không phải UTF-8 (có ký tự không đọc được): hãy lưu lại bằng "CSV UTF-8" trong Excel`);
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, delimiter: [",", ";", "\t"], relax_quotes: true });
  } catch (error) {
    throw new RefusalError(`${basename(path)}: không đọc được tệp CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  return records.map((cells, index) => ({ number: index + 1, cells: cells.map((cell) => (cell === "" ? null : cell)) }));
}

/** The log as rows; the file type from its extension. */
export async function readSheet(path: string): Promise<Sheet> {
  const extension = extname(path).toLowerCase();
  const file = basename(path);
  if (extension === ".xlsx") return { file, rows: await readXlsx(path) };
  if (extension === ".csv") return { file, rows: readCsv(path) };
  throw new RefusalError(`${file}: chỉ nhập được tệp .xlsx hoặc .csv (tệp .xls cũ: hãy mở bằng Excel và lưu lại dạng .xlsx)`);
}
