/**
 * An intake log as observations, row by row (pure): the columns resolved, each
 * row's values parsed, personal data cut, duplicates of what the record holds
 * (same unit, date and title) or of an earlier row flagged, and every problem
 * worded as `file.xlsx: dòng 14, cột "Ngày": …`.
 */
import type { ContentModel } from "../content/content-model.ts";
import { referenceLabels, urgencyChoices } from "../content/labels.ts";
import { newObservation, type ObservationAnswers } from "../content/new-entry.ts";
import { foldVietnamese } from "../search/fold.ts";
import { type ImportField, type ImportMapping, type ResolvedColumns, resolveColumns } from "./import-mapping.ts";
import { stripPersonalData } from "./import-privacy.ts";
import { type CellValue, cellText, isBlank, type Sheet, type SheetRow } from "./import-sheet.ts";
import { type Choice, parseCount, parseDate, resolveChoice } from "./import-values.ts";

export interface ImportRequest {
  sheet: Sheet;
  model: ContentModel;
  mapping: ImportMapping | undefined;
  unit: string;
  organisation: string;
  /** The day the rows are recorded. */
  today: string;
}

export type RowStatus = "ok" | "invalid" | "duplicate";

export interface ImportedRow {
  row: number;
  status: RowStatus;
  /** The observation to write (rows that pass). */
  answers?: ObservationAnswers;
  /** Path and text of the file, once planned (rows that pass). */
  file?: { path: string; text: string };
  /** Why the row is refused, or what was changed in it, fully worded. */
  messages: string[];
  /** The id of the observation of the record this row repeats (duplicates of the record). */
  twin?: string;
}

export interface ImportPlan {
  columns: ResolvedColumns;
  rows: ImportedRow[];
  /** About the file as a whole (personal columns, unknown columns, empty rows). */
  messages: string[];
}

const TITLE_LIMIT = 150;

/** A title from the content: its first sentence, cut at a word within the limit. */
export function titleFrom(body: string): string {
  const sentence = (body.split(/(?<=[.!?;])\s|\n/u)[0] ?? body).replace(/[.;]$/u, "").trim();
  if (sentence.length <= TITLE_LIMIT) return sentence;
  const cut = sentence.slice(0, TITLE_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60)).trim()}…`;
}

/** The key of "the same observation": unit, date and title, ignoring case, accents and spacing. */
export const duplicateKey = (unit: string, date: string, title: string): string => `${unit}|${date}|${foldVietnamese(title).replace(/\s+/g, " ").trim()}`;

/** Plans the import: every data row below the header, parsed and checked (the `check` rules run afterwards, on the files). */
export function planImport(request: ImportRequest): ImportPlan | { error: string } {
  const { sheet, model, mapping } = request;
  const resolved = resolveColumns(sheet, mapping);
  if ("error" in resolved) return resolved;
  const columns: ResolvedColumns = resolved;
  const file = sheet.file;
  const messages = [...columns.messages];
  const has = (field: ImportField) => columns.columns[field] !== undefined;
  if (!has("observed_on")) messages.push(`${file}: không có cột ngày ("Ngày", "Ngày tiếp nhận"…): ghi columns.observed_on trong tệp ánh xạ`);
  if (!has("body") && !has("title")) messages.push(`${file}: không có cột nội dung ("Nội dung", "Tiêu đề"…)`);
  for (const field of ["field", "channel"] as const)
    if (!has(field) && !mapping?.defaults?.[field])
      messages.push(`${file}: không có cột ${field === "field" ? '"Lĩnh vực"' : '"Kênh"'}: mỗi dòng cần có, hoặc ghi defaults.${field} trong tệp ánh xạ`);

  const existing = new Map<string, string>();
  for (const entry of model.observations.values())
    if (entry.unit === request.unit) existing.set(duplicateKey(entry.unit, entry.observed_on, entry.title), entry.id);
  const seen = new Map<string, number>();
  // A new row never takes the file name of another observation of the record (same day, title alike in its first words): it gets -2, -3…
  const usedPaths = new Set<string>();
  for (const entry of model.observations.values())
    if (entry.unit === request.unit) usedPaths.add(`observations/${entry.path.year}/${entry.path.month}/${entry.id}.md`);
  const empty: number[] = [];
  const fieldChoices: Choice[] = model.fields;
  const channelChoices: Choice[] = model.channels;
  // Urgency and status are data: an empty urgency cell is the least urgent level, a new item starts in the initial status.
  const urgencies: Choice[] = urgencyChoices(model);
  const leastUrgent = urgencies[0]?.id;
  const initial = referenceLabels(model).initialStatus;
  if (!initial) return { error: "statuses.yaml chưa có trạng thái ban đầu (initial: true): không biết thông tin nhập vào ở trạng thái nào" };
  const initialStatus: string = initial;

  const rows: ImportedRow[] = [];
  for (const row of sheet.rows) {
    if (row.number <= columns.headerRow) continue;
    const read = (field: ImportField): CellValue => {
      const index = columns.columns[field];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    const readable = row.cells.filter((_, index) => !columns.personal.includes(index));
    if (readable.every(isBlank)) {
      if (row.cells.some((cell) => !isBlank(cell)))
        rows.push(refused(row, [`${file}: dòng ${row.number}: chỉ có thông tin cá nhân, không có nội dung: bỏ qua`]));
      else empty.push(row.number);
      continue;
    }
    rows.push(planRow(row, read));
  }
  if (empty.length > 0) messages.push(`${file}: bỏ qua ${empty.length} dòng trống (dòng ${empty.join(", ")})`);
  return { columns, rows, messages };

  function refused(row: SheetRow, reasons: string[]): ImportedRow {
    return { row: row.number, status: "invalid", messages: reasons };
  }

  function planRow(row: SheetRow, read: (field: ImportField) => CellValue): ImportedRow {
    const problems: string[] = [];
    const notes: string[] = [];
    const where = (field: ImportField) => {
      const index = columns.columns[field];
      return index === undefined ? `${file}: dòng ${row.number}` : `${file}: dòng ${row.number}, cột "${columns.headers[index]}"`;
    };
    const text = (field: ImportField): string => {
      const stripped = stripPersonalData(cellText(read(field)));
      if (stripped.removed.length > 0) notes.push(`${where(field)}: đã bỏ ${stripped.removed.join(", ")} (không ghi danh tính người phản ánh)`);
      return stripped.text;
    };

    const date = parseDate(read("observed_on"));
    if (!date.ok) problems.push(`${where("observed_on")}: ${date.message}`);
    const body = text("body");
    const note = text("note");
    const title = text("title") || titleFrom(body);
    if (!title) problems.push(`${where("body")}: thiếu nội dung`);

    const choose = (field: "field" | "channel" | "urgency", choices: readonly Choice[], what: string, fallback?: string): string | undefined => {
      const written = cellText(read(field));
      const preset = mapping?.defaults?.[field] ?? fallback;
      if (written === "") {
        if (preset !== undefined) return preset;
        problems.push(`${where(field)}: thiếu ${what}`);
        return undefined;
      }
      const resolved = resolveChoice(written, choices, what, mapping?.values?.[field]);
      if (!resolved.ok) problems.push(`${where(field)}: ${resolved.message}`);
      return resolved.ok ? resolved.value : undefined;
    };
    const field = choose("field", fieldChoices, "lĩnh vực");
    const channel = choose("channel", channelChoices, "kênh");
    const urgency = choose("urgency", urgencies, "mức độ", leastUrgent);

    const subtopics: string[] = [];
    const subtopicText = cellText(read("subtopics"));
    const inField = model.fields.find((entry) => entry.id === field)?.subtopics ?? [];
    if (subtopicText && field) {
      for (const part of subtopicText
        .split(/[,;]/)
        .map((item) => item.trim())
        .filter(Boolean)) {
        const resolved = resolveChoice(part, inField, "tiểu mục");
        if (resolved.ok) subtopics.push(resolved.value);
        else problems.push(`${where("subtopics")}: ${resolved.message}`);
      }
    }
    const count = parseCount(read("people_count"));
    if (!count.ok) problems.push(`${where("people_count")}: ${count.message}`);
    const location = text("location");

    if (problems.length > 0 || !date.ok || !count.ok || !field || !channel || !urgency || !title)
      return { row: row.number, status: "invalid", messages: [...problems, ...notes] };

    const key = duplicateKey(request.unit, date.value, title);
    const twin = existing.get(key);
    if (twin)
      return {
        row: row.number,
        status: "duplicate",
        twin,
        messages: [`${file}: dòng ${row.number}: trùng với thông tin đã có ${twin} (cùng đơn vị, ngày và tiêu đề): không ghi lại`],
      };
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return {
        row: row.number,
        status: "duplicate",
        messages: [`${file}: dòng ${row.number}: trùng với dòng ${earlier} (cùng ngày và tiêu đề): không ghi lại`],
      };
    seen.set(key, row.number);

    const answers: ObservationAnswers = {
      title,
      observed_on: date.value,
      recorded_on: request.today,
      unit: request.unit,
      organisation: request.organisation,
      field,
      subtopics,
      channel,
      urgency,
      status: initialStatus,
      ...(location ? { location } : {}),
      ...(count.value !== undefined ? { people_count: count.value } : {}),
      body: [body || title, note ? `Ghi chú: ${note}` : ""].filter(Boolean).join("\n\n"),
    };
    let planned = newObservation(answers);
    // Two rows of one day with titles alike, or a row and an observation of the record: the later file gets -2, -3…
    for (let suffix = 2; usedPaths.has(planned.path); suffix++) planned = { ...planned, path: planned.path.replace(/(-\d+)?\.md$/, `-${suffix}.md`) };
    usedPaths.add(planned.path);
    return { row: row.number, status: "ok", answers, file: planned, messages: notes };
  }
}

/** Which import column a line of a planned file came from, for `check` issues: the YAML key at that line, or the body. */
export function fieldAtLine(text: string, line: number): ImportField | undefined {
  const lines = text.split("\n");
  const closing = lines.indexOf("---", 1);
  if (line - 1 > closing) return "body";
  for (let at = line - 1; at > 0; at--) {
    const key = /^([a-z_]+):/.exec(lines[at] ?? "")?.[1];
    if (key) return key === "recorded_on" ? undefined : (key as ImportField);
  }
  return undefined;
}
