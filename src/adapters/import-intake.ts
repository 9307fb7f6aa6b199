/**
 * `dan-y import`: an intake log (hotline log, suggestion-box list) in, one
 * submission of observations out. `prepareIntake` reads and plans without
 * writing anything; `writeIntake` writes the accepted rows and submits them as
 * one submission through `submitImported`, removing its files again if the
 * submission is refused, so a failed import leaves the tree as it was.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentModel } from "../core/content/content-model.ts";
import type { ContentFile } from "../core/content/load-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { type ImportMapping, importMappingSchema, mappingToSave } from "../core/documents/import-mapping.ts";
import { fieldAtLine, type ImportedRow, type ImportPlan, planImport } from "../core/documents/import-rows.ts";
import { RefusalError } from "../core/errors.ts";
import { findFocalPoint } from "../core/units/jurisdiction.ts";
import { prepareSubmittedChecks } from "./check-tree.ts";
import { displayRoot, listContentPaths, readContentFiles } from "./content-files.ts";
import { readSheet } from "./import-sheet-files.ts";
import { WriteFailure, writeNewFiles } from "./import-working-files.ts";
import { openWorkspace, type SubmitResult, type SubmittedFile, submitFiles } from "./submissions.ts";
import { toYaml, writeTextFile } from "./write-yaml.ts";

export interface IntakeRequest {
  /** The log: .xlsx or .csv. */
  file: string;
  contentDirectory: string;
  unit: string;
  organisation: string;
  /** Focal point id of the person importing (the submitter). */
  as: string;
  /** Saved mapping of this source: read when it exists, written after the first import otherwise. */
  mapping?: string | undefined;
  today: string;
}

export interface IntakePreview {
  request: IntakeRequest;
  plan: ImportPlan;
  /** Rows that pass every check, with their files. */
  accepted: ImportedRow[];
  refused: ImportedRow[];
  duplicates: ImportedRow[];
  /** Every message, file-level first, then by row. */
  messages: string[];
  mapping: ImportMapping;
  /** True when the mapping file did not exist and will be written. */
  newMapping: boolean;
}

function readMapping(path: string): ImportMapping {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new RefusalError(`${path}: tệp ánh xạ không phải YAML hợp lệ: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = importMappingSchema.safeParse(data);
  if (!result.success)
    throw new RefusalError(
      `${path}: tệp ánh xạ chưa đúng:\n${result.error.issues.map((issue) => `  ${issue.path.join(".") || "(gốc)"}: ${issue.message}`).join("\n")}`,
    );
  return result.data;
}

/** The log read and planned; its cells (10k rows of them) are let go once planned, before the check runs. */
async function readAndPlan(request: IntakeRequest, model: ContentModel, saved: ImportMapping | undefined): Promise<{ file: string; planned: ImportPlan }> {
  const sheet = await readSheet(request.file);
  const planned = planImport({ sheet, model, mapping: saved, unit: request.unit, organisation: request.organisation, today: request.today });
  if ("error" in planned) throw new RefusalError(planned.error);
  return { file: sheet.file, planned };
}

export async function prepareIntake(request: IntakeRequest): Promise<IntakePreview> {
  const directory = request.contentDirectory;
  const root = displayRoot(directory);
  // Duplicates are looked for among this unit's observations only: the rest of the record need not be read.
  // Of those only unit, date and title are asked: held lean (no bodies, no YAML text).
  const paths = listContentPaths(directory).filter((path) => !path.startsWith("observations/") || path.split("/")[3] === request.unit);
  const { model } = loadContent(readContentFiles(directory, paths), { compact: true });
  const unit = model.units.get(request.unit);
  if (!unit) throw new RefusalError(`Không có đơn vị "${request.unit}" trong units/`);
  if (unit.valid_to)
    throw new RefusalError(`Đơn vị "${request.unit}" đã kết thúc ngày ${unit.valid_to}${unit.merged_into ? `; nay là ${unit.merged_into.join(", ")}` : ""}`);
  if (!model.organisations.some((organisation) => organisation.id === request.organisation))
    throw new RefusalError(`Không có tổ chức "${request.organisation}"`);
  const person = findFocalPoint(model, request.as);
  if (!person) throw new RefusalError(`Không có đầu mối mã "${request.as}" trong bodies/`);
  const newMapping = request.mapping !== undefined && !existsSync(request.mapping);
  const saved = request.mapping && !newMapping ? readMapping(request.mapping) : undefined;

  const { file, planned } = await readAndPlan(request, model, saved);

  // The same rules as `check`, on the files the rows would become.
  const candidates: ContentFile[] = planned.rows.flatMap((row) => {
    if (!row.file) return [];
    const bytes = new TextEncoder().encode(row.file.text);
    return [{ relative: row.file.path, display: `${root}${row.file.path}`, size: bytes.length, symlink: false, bytes }];
  });
  const { issues } = prepareSubmittedChecks(directory, { root, today: request.today })(candidates);
  const byDisplay = new Map(planned.rows.filter((row) => row.file).map((row) => [`${root}${row.file?.path}`, row]));
  for (const issue of issues) {
    const row = byDisplay.get(issue.file);
    if (!row?.file || issue.severity === "warning") continue;
    const field = fieldAtLine(row.file.text, issue.line);
    const index = field === undefined ? undefined : planned.columns.columns[field === "title" && planned.columns.columns.title === undefined ? "body" : field];
    const where = index === undefined ? `${file}: dòng ${row.row}` : `${file}: dòng ${row.row}, cột "${planned.columns.headers[index]}"`;
    row.status = "invalid";
    row.messages.push(`${where}: ${issue.message}`);
  }
  // A file already on disk under that name (an earlier import not yet merged) is a duplicate too.
  for (const row of planned.rows)
    if (row.status === "ok" && row.file && existsSync(join(directory, row.file.path))) {
      row.status = "duplicate";
      row.messages.push(`${file}: dòng ${row.row}: đã có tệp ${root}${row.file.path} (đã nhập trước đây): không ghi lại`);
    }

  const accepted = planned.rows.filter((row) => row.status === "ok");
  return {
    request,
    plan: planned,
    accepted,
    refused: planned.rows.filter((row) => row.status === "invalid"),
    duplicates: planned.rows.filter((row) => row.status === "duplicate"),
    messages: [...planned.messages, ...planned.rows.flatMap((row) => row.messages)],
    mapping: mappingToSave(planned.columns, saved),
    newMapping,
  };
}

/**
 * The one way this module submits: every written file in one submission by the
 * importing focal point, with the bytes just written in hand (not read back:
 * 10k files).
 */
export async function submitImported(request: IntakeRequest, files: readonly SubmittedFile[], message: string): Promise<SubmitResult> {
  const space = await openWorkspace(request.contentDirectory, request.today);
  return submitFiles(space, files, request.as, message);
}

export interface IntakeResult {
  written: string[];
  submission: SubmitResult | undefined;
  mappingWritten: string | undefined;
}

/** Writes the accepted rows and submits them; nothing stays on disk if the submission is refused. */
export async function writeIntake(preview: IntakePreview): Promise<IntakeResult> {
  const { request } = preview;
  let mappingWritten: string | undefined;
  if (preview.newMapping && request.mapping) {
    writeTextFile(
      request.mapping,
      `# Ánh xạ cột của sổ tiếp nhận cho lệnh dan-y import (lưu từ ${preview.plan.columns.headers.length} cột của tệp ${preview.request.file.split("/").pop()}).\n${toYaml(preview.mapping)}`,
    );
    mappingWritten = request.mapping;
  }
  if (preview.accepted.length === 0) return { written: [], submission: undefined, mappingWritten };
  // Encoded once: the same bytes go to the working tree and into the submission.
  const files: SubmittedFile[] = preview.accepted.flatMap((row) =>
    row.file ? [{ relative: row.file.path, bytes: new TextEncoder().encode(row.file.text.normalize("NFC")) }] : [],
  );
  let written: string[] = [];
  try {
    written = await writeNewFiles(files.map((file) => ({ path: join(request.contentDirectory, file.relative), bytes: file.bytes as Uint8Array })));
    const submission = await submitImported(
      request,
      files,
      `${request.unit}/${request.organisation}: nhập ${written.length} thông tin từ ${request.file.split("/").pop()}`,
    );
    return { written, submission, mappingWritten };
  } catch (error) {
    const created = error instanceof WriteFailure ? error.written : written;
    for (const path of created) rmSync(path, { force: true });
    throw error instanceof WriteFailure ? error.cause : error;
  }
}
