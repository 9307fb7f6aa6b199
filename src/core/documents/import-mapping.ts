/**
 * Which column of an intake log holds which observation field: recognised from
 * Vietnamese column names, or read from a saved mapping (one YAML file per
 * source, e.g. `anh-xa/duong-day-nong-ky-hoa.yaml`), written after the first
 * import so the next log of the same source is read the same way.
 */
import { z } from "zod";
import { foldVietnamese } from "../search/fold.ts";
import { type CellValue, cellText, columnLetter, type Sheet } from "./import-sheet.ts";

export const IMPORT_FIELDS = ["observed_on", "title", "body", "note", "field", "subtopics", "channel", "urgency", "location", "people_count"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column names people write, folded (no accents, `đ` as `d`), per field. Longer names are tried first. */
const KNOWN: Record<ImportField | "personal" | "ignored", readonly string[]> = {
  observed_on: ["ngay", "ngay nhan", "ngay tiep nhan", "ngay phan anh", "ngay ghi nhan", "ngay thang", "ngay thang nam", "thoi gian", "thoi gian tiep nhan"],
  title: ["tieu de", "van de", "tom tat", "trich yeu"],
  body: ["noi dung", "noi dung phan anh", "noi dung y kien", "noi dung kien nghi", "y kien", "y kien kien nghi", "y kien phan anh", "phan anh"],
  note: ["ghi chu"],
  field: ["linh vuc"],
  subtopics: ["tieu muc", "chu de"],
  channel: ["kenh", "kenh tiep nhan", "kenh nam thong tin", "hinh thuc", "hinh thuc tiep nhan", "nguon", "nguon tin", "nguon thong tin"],
  urgency: ["muc do", "tinh chat", "do khan"],
  location: ["dia diem", "dia ban", "noi xay ra", "thon xom", "thon to dan pho"],
  people_count: ["so nguoi", "so nguoi lien quan", "so ho", "so luong nguoi"],
  // The complainant's identity (Law on Denunciation, Art. 9 and 47): never read.
  personal: [
    "ho ten",
    "ho va ten",
    "nguoi phan anh",
    "nguoi gui",
    "nguoi kien nghi",
    "nguoi to cao",
    "ten nguoi",
    "so dien thoai",
    "dien thoai",
    "sdt",
    "dt",
    "cccd",
    "cmnd",
    "so cccd",
    "so cmnd",
    "can cuoc",
    "email",
    "e mail",
    "thu dien tu",
    "dia chi",
    "zalo",
    "facebook",
    "nam sinh",
    "ngay sinh",
  ],
  ignored: ["stt", "tt", "so tt", "so thu tu"],
};

const foldHeader = (text: string): string =>
  foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const CANDIDATES = (Object.entries(KNOWN) as [ImportField | "personal" | "ignored", readonly string[]][])
  .flatMap(([kind, names]) => names.map((name) => ({ kind, name })))
  .sort((a, b) => b.name.length - a.name.length);

/** What a column name means: a field, the complainant's identity, a row number, or nothing known. */
export function recogniseHeader(text: string): ImportField | "personal" | "ignored" | undefined {
  const folded = foldHeader(text);
  if (folded === "") return undefined;
  return CANDIDATES.find(({ name }) => folded === name || folded.startsWith(`${name} `))?.kind;
}

const aliases = z.record(z.string(), z.string()).optional();

/** A saved mapping of one source's log to observation fields. */
export const importMappingSchema = z.strictObject({
  /** Row holding the column names (1-based); found automatically when absent. Example: `3`. */
  header_row: z.int().min(1).optional(),
  /**
   * Column (its name as written in the header row, or its letter) per field.
   * Example: `{ observed_on: Ngày nhận, body: Nội dung phản ánh, channel: Kênh }`.
   */
  columns: z.strictObject(
    Object.fromEntries(IMPORT_FIELDS.map((field) => [field, z.string().trim().min(1).optional()])) as Record<ImportField, z.ZodOptional<z.ZodString>>,
  ),
  /** Values for rows whose cell is empty (ids). Example: `{ channel: duong-day-nong, urgency: thuong-xuyen }`. */
  defaults: z
    .strictObject({
      /** Field id. Example: `kinh-te`. */
      field: z.string().optional(),
      /** Channel id. Example: `duong-day-nong`. */
      channel: z.string().optional(),
      /** Urgency id. Example: `thuong-xuyen`. */
      urgency: z.string().optional(),
    })
    .optional(),
  /** What this source writes for an id. Example: `{ channel: { ĐDN: duong-day-nong } }`. */
  values: z.strictObject({ field: aliases, channel: aliases, urgency: aliases }).optional(),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;

export interface ResolvedColumns {
  headerRow: number;
  /** Column index per field. */
  columns: Partial<Record<ImportField, number>>;
  /** Header text per column index, for messages. */
  headers: string[];
  /** Columns holding the complainant's identity: never read. */
  personal: number[];
  /** Messages about the header (unknown columns, missing fields), in Vietnamese. */
  messages: string[];
}

const headerCells = (cells: readonly CellValue[]) => cells.map((cell) => cellText(cell));

/** The row with the most recognised column names among the first 15 (a title or a merged group row above it scores less). */
function findHeaderRow(sheet: Sheet): number | undefined {
  let best: { number: number; score: number } | undefined;
  for (const row of sheet.rows.slice(0, 15)) {
    const score = headerCells(row.cells).filter((text) => {
      const kind = recogniseHeader(text);
      return kind !== undefined && kind !== "ignored";
    }).length;
    if (score >= 2 && (!best || score > best.score)) best = { number: row.number, score };
  }
  return best?.number;
}

/** The columns of a sheet, from the mapping where it names them and by their names otherwise. */
export function resolveColumns(sheet: Sheet, mapping: ImportMapping | undefined): ResolvedColumns | { error: string } {
  const headerRow = mapping?.header_row ?? findHeaderRow(sheet);
  const header = sheet.rows.find((row) => row.number === headerRow);
  if (headerRow === undefined || !header)
    return {
      error: `${sheet.file}: không tìm thấy dòng tiêu đề cột (cần ít nhất hai cột như "Ngày", "Nội dung", "Lĩnh vực", "Kênh", "Mức độ", "Địa điểm", "Số người" trong 15 dòng đầu; hoặc ghi header_row trong tệp ánh xạ)`,
    };
  // A header cell left empty under a merged group takes the name above it (exceljs gives merged cells the master's value).
  const above = sheet.rows.find((row) => row.number === headerRow - 1);
  const headers = headerCells(header.cells).map((text, index) => text || cellText(above?.cells[index] ?? null));
  const columns: Partial<Record<ImportField, number>> = {};
  const personal: number[] = [];
  const messages: string[] = [];
  const named = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const wanted = mapping?.columns[field];
    if (!wanted) continue;
    const byName = headers.findIndex((text) => foldHeader(text) === foldHeader(wanted));
    const byLetter = /^[A-Z]{1,2}$/.test(wanted) ? headers.findIndex((_, index) => columnLetter(index) === wanted) : -1;
    const index = byName >= 0 ? byName : byLetter;
    if (index < 0) messages.push(`${sheet.file}: tệp ánh xạ ghi cột "${wanted}" cho ${field} nhưng dòng ${headerRow} không có cột đó`);
    else {
      columns[field] = index;
      named.add(index);
    }
  }
  headers.forEach((text, index) => {
    const kind = recogniseHeader(text);
    if (kind === "personal") {
      personal.push(index);
      messages.push(
        `${sheet.file}: cột "${text}" (${columnLetter(index)}) là thông tin cá nhân của người phản ánh: không đọc và không ghi (Luật Tố cáo, Điều 9 và 47)`,
      );
      return;
    }
    if (named.has(index) || kind === "ignored") return;
    if (kind && columns[kind] === undefined && !mapping?.columns[kind]) columns[kind] = index;
    else if (text && !kind) messages.push(`${sheet.file}: cột "${text}" (${columnLetter(index)}) không rõ ứng với trường nào: bỏ qua`);
  });
  return { headerRow, columns, headers, personal: personal.filter((index) => !named.has(index)), messages };
}

/** The mapping to save for this source: the columns as found, with the given defaults and aliases. */
export function mappingToSave(resolved: ResolvedColumns, previous: ImportMapping | undefined): ImportMapping {
  const columns = Object.fromEntries(
    (Object.entries(resolved.columns) as [ImportField, number][]).map(([field, index]) => [field, resolved.headers[index] || columnLetter(index)]),
  ) as ImportMapping["columns"];
  return {
    header_row: resolved.headerRow,
    columns,
    ...(previous?.defaults ? { defaults: previous.defaults } : {}),
    ...(previous?.values ? { values: previous.values } : {}),
  };
}
