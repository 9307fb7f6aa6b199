/**
 * `dan-y import`: an intake log (hotline log, suggestion-box list) in, one
 * submission of observations out. `prepareIntake` reads and plans without
 * writing anything (but dropping the notes of earlier imports that are over);
 * `writeIntake` writes the accepted rows and submits them as
 * one submission through `submitImported`, removing its files again if the
 * submission is refused, so a failed import leaves the tree as it was.
 *
 * A row is "already imported" when Git records its file (in `main` or a
 * submission branch), not merely when a file is on disk: an import killed
 * between its working files and its branch left files recorded nowhere, and
 * the re-run takes over those whose text is the row's (cut-short ones are
 * written again), submitting each row once; a file that differs (edited by
 * hand) is never overwritten and its row is refused, naming the file.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ContentModel } from "../core/content/content-model.ts";
import type { ContentFile } from "../core/content/load-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { type ImportMapping, importMappingSchema, mappingToSave } from "../core/documents/import-mapping.ts";
import { duplicateKey, fieldAtLine, type ImportedRow, type ImportPlan, planImport } from "../core/documents/import-rows.ts";
import { GitError, RefusalError } from "../core/errors.ts";
import { findFocalPoint } from "../core/units/jurisdiction.ts";
import { prepareSubmittedChecks } from "./check-tree.ts";
import { displayRoot, listContentPaths, readContentFiles } from "./content-files.ts";
import * as repo from "./git.ts";
import { crashPoint } from "./git-store.ts";
import { forgetImport, notedFile, noteImport, refuseWhileImporting, settleImports } from "./import-journal.ts";
import { openRecord, type RecordedFiles } from "./import-record.ts";
import { readSheet } from "./import-sheet-files.ts";
import { type NewFile, WriteFailure, writeNewFiles } from "./import-working-files.ts";
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
  /**
   * Accepted rows whose file an interrupted import already left on disk,
   * recorded nowhere, by path: `reuse` submits the bytes there (the row's text),
   * `rewrite` writes the row over a file cut short.
   */
  leftovers: Map<string, { action: "reuse" | "rewrite"; bytes: Uint8Array }>;
  /** Submission branches holding rows of this log that are on this machine only (an earlier push failed), while a server is configured. */
  unpushed: string[];
}

/** The named steps at which `DAN_Y_CRASH_AT=<step>` kills an import (tests): while writing its files, after them (before its branch). */
export const IMPORT_CRASH_STEPS = ["import:mid-files", "import:after-files"] as const;

const RECORDED_ON = /^recorded_on: .*$/m;

/**
 * How a file an earlier import left relates to the row planned now: the same
 * text (the day it was recorded aside: the re-run may come a day later), cut
 * short (a write killed midway), or other (edited by hand).
 */
function leftoverOf(onDisk: Uint8Array, planned: Uint8Array): "reuse" | "rewrite" | "other" {
  if (Buffer.compare(onDisk, planned) === 0) return "reuse";
  if (onDisk.length < planned.length && Buffer.compare(onDisk, planned.subarray(0, onDisk.length)) === 0) return "rewrite";
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const before = decoder.decode(onDisk);
  const now = decoder.decode(planned);
  const recorded = RECORDED_ON.exec(before)?.[0];
  return recorded !== undefined && now.replace(RECORDED_ON, recorded) === before ? "reuse" : "other";
}

/** "dòng 5, 6, 7, … (12 dòng)" */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 8).join(", ");
  return rows.length > 8 ? `dòng ${shown}, … (${rows.length} dòng)` : `dòng ${shown}`;
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
  const { model: onDisk } = loadContent(readContentFiles(directory, paths), { compact: true });
  // The unit's observation files that Git records nowhere (outside a repository: none is known, every file counts).
  const record = await openRecord(directory);
  // Notes of earlier imports that are over (their files recorded, gone or edited since) are dropped on the way.
  if (record) {
    refuseWhileImporting(record.dir, record.prefix);
    await settleImports(record.dir);
  }
  const diskObservations = paths.filter((path) => path.startsWith("observations/"));
  const recordedOnDisk = record ? await record.recordedIn(diskObservations) : undefined;
  const unsubmitted = new Set(recordedOnDisk ? diskObservations.filter((path) => !recordedOnDisk.has(path)) : []);
  const pathOf = (entry: { source: { file: string } }) => entry.source.file.slice(root.length);
  // Those are no proof that a row was imported: the duplicate check of the plan counts only recorded observations.
  const model: ContentModel =
    unsubmitted.size === 0 ? onDisk : { ...onDisk, observations: new Map([...onDisk.observations].filter(([, entry]) => !unsubmitted.has(pathOf(entry)))) };
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
  // The submission branches holding observations that rows of this log repeat.
  const twinsIn = (rows: readonly ImportedRow[]) =>
    rows.flatMap((row) => {
      const entry = row.twin === undefined ? undefined : model.observations.get(row.twin);
      const where = entry ? recordedOnDisk?.get(pathOf(entry)) : undefined;
      return where === undefined || where === "main" ? [] : [where];
    });
  const { leftovers, recordedIn } = await placeRows(planned.rows, {
    directory,
    root,
    file,
    record,
    unsubmitted,
    unsubmittedModel: onDisk,
    pathOf,
    as: request.as,
  });
  const taken = planned.rows.filter((row) => row.status === "ok" && row.file && leftovers.get(row.file.path)?.action === "reuse").map((row) => row.row);
  const rewritten = planned.rows.filter((row) => row.status === "ok" && row.file && leftovers.get(row.file.path)?.action === "rewrite").map((row) => row.row);
  const leftoverMessages = [
    ...(taken.length > 0
      ? [
          `${file}: ${rowList(taken)}: đã thành tệp ở một lần nhập trước bị dừng giữa chừng, chưa nộp: dùng lại đúng các tệp đó (không ghi lại), nộp một lần trong bài này`,
        ]
      : []),
    ...(rewritten.length > 0 ? [`${file}: ${rowList(rewritten)}: tệp của lần nhập trước bị ghi dở (cắt ngang): ghi lại cho đủ`] : []),
  ];

  const accepted = planned.rows.filter((row) => row.status === "ok");
  return {
    request,
    plan: planned,
    accepted,
    refused: planned.rows.filter((row) => row.status === "invalid"),
    duplicates: planned.rows.filter((row) => row.status === "duplicate"),
    messages: [...planned.messages, ...leftoverMessages, ...planned.rows.flatMap((row) => row.messages)],
    mapping: mappingToSave(planned.columns, saved),
    newMapping,
    leftovers,
    unpushed: record ? await unpushedBranches(record.dir, new Set([...recordedIn, ...twinsIn(planned.rows)])) : [],
  };
}

/**
 * Of these submission branches, those a configured server lacks or holds at
 * another commit, and has not merged (a server may delete a branch once approved).
 */
async function unpushedBranches(dir: string, branches: ReadonlySet<string>): Promise<string[]> {
  if (branches.size === 0 || !(await repo.remoteUrl(dir))) return [];
  const serverMain = await repo.refTarget(dir, "refs/remotes/origin/main");
  const found: string[] = [];
  for (const branch of branches) {
    const local = await repo.refTarget(dir, `refs/heads/${branch}`);
    if (!local || local === (await repo.refTarget(dir, `refs/remotes/origin/${branch}`))) continue;
    if (serverMain && (await repo.contains(dir, serverMain, local).catch(() => false))) continue;
    found.push(branch);
  }
  return found;
}

/**
 * Pushes the submission branches an earlier import of this log made but could
 * not push (the server was out of reach): the re-run finishes that import. A
 * push that fails (still out of reach, refused) is returned, not thrown: this
 * run's own submission, made already, is still to be reported.
 */
export async function pushUnpushed(preview: IntakePreview): Promise<{ pushed: string[]; failure: string | undefined }> {
  const pushed: string[] = [];
  if (preview.unpushed.length === 0) return { pushed, failure: undefined };
  const record = await openRecord(preview.request.contentDirectory);
  if (!record) return { pushed, failure: undefined };
  for (const branch of preview.unpushed) {
    try {
      await repo.pushBranch(record.dir, branch);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      return { pushed, failure: error.message };
    }
    const tip = await repo.refTarget(record.dir, `refs/heads/${branch}`);
    if (tip) await repo.setTrackingRef(record.dir, "origin", branch, tip);
    pushed.push(branch);
  }
  return { pushed, failure: undefined };
}

/**
 * Where each accepted row's file stands against the record and the disk:
 * recorded in Git (main or a submission branch): a duplicate; on disk and
 * recorded nowhere: taken over when it holds the row's text, written again
 * when cut short, refused (never overwritten) when it differs; a file recorded
 * nowhere under another name with the same unit, date and title: a duplicate.
 */
async function placeRows(
  rows: ImportedRow[],
  context: {
    directory: string;
    root: string;
    file: string;
    record: RecordedFiles | undefined;
    unsubmitted: ReadonlySet<string>;
    unsubmittedModel: ContentModel;
    pathOf: (entry: { source: { file: string } }) => string;
    /** The submitter, for the commands the messages suggest. */
    as: string;
  },
): Promise<{ leftovers: IntakePreview["leftovers"]; recordedIn: Set<string> }> {
  const { directory, root, file, record, unsubmitted } = context;
  const leftovers: IntakePreview["leftovers"] = new Map();
  const recordedIn = new Set<string>();
  const open = rows.filter((row) => row.status === "ok" && row.file);
  const recorded = record ? await record.recordedIn(open.map((row) => row.file?.path as string)) : new Map<string, string>();
  const unsubmittedByKey = new Map<string, string>();
  for (const entry of context.unsubmittedModel.observations.values()) {
    const path = context.pathOf(entry);
    if (unsubmitted.has(path)) unsubmittedByKey.set(duplicateKey(entry.unit, entry.observed_on, entry.title), path);
  }
  for (const row of open) {
    const planned = row.file as { path: string; text: string };
    const where = recorded.get(planned.path);
    if (where !== undefined) {
      if (where !== "main") recordedIn.add(where);
      row.status = "duplicate";
      row.messages.push(
        `${file}: dòng ${row.row}: đã có tệp ${root}${planned.path} ${where === "main" ? "trong main" : `trong bài nộp ${where}`} (đã nhập trước đây): không ghi lại`,
      );
      continue;
    }
    const absolute = join(directory, planned.path);
    if (existsSync(absolute)) {
      if (!record) {
        // No repository to ask: a file under that name is taken for an earlier import, as before.
        row.status = "duplicate";
        row.messages.push(`${file}: dòng ${row.row}: đã có tệp ${root}${planned.path} (đã nhập trước đây): không ghi lại`);
        continue;
      }
      const bytes = new TextEncoder().encode(planned.text.normalize("NFC"));
      const there = new Uint8Array(readFileSync(absolute));
      const kind = leftoverOf(there, bytes);
      if (kind === "other") {
        row.status = "invalid";
        row.messages.push(
          `${file}: dòng ${row.row}: đã có tệp ${root}${planned.path} chưa nộp và khác với dòng này (có thể đã được sửa tay): không ghi đè. Nộp tệp đó (npx dan-y submit ${root}${planned.path} --as ${context.as}) rồi nhập lại, dòng này sẽ được nhận là trùng; hoặc xóa tệp đó để nhập lại từ sổ`,
        );
      } else leftovers.set(planned.path, { action: kind, bytes: kind === "reuse" ? there : bytes });
      continue;
    }
    const answers = row.answers;
    const twin = answers ? unsubmittedByKey.get(duplicateKey(answers.unit, answers.observed_on, answers.title)) : undefined;
    if (twin !== undefined) {
      row.status = "duplicate";
      row.messages.push(
        `${file}: dòng ${row.row}: trùng với tệp ${root}${twin} chưa nộp (cùng đơn vị, ngày và tiêu đề): không ghi lại; hãy nộp tệp đó (npx dan-y submit ${root}${twin} --as ${context.as})`,
      );
    }
  }
  return { leftovers, recordedIn };
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
  /** Files written by this run. */
  written: string[];
  /** Files an interrupted import had left, submitted as they were. */
  reused: string[];
  submission: SubmitResult | undefined;
  mappingWritten: string | undefined;
  /** Branches of an earlier import of this log pushed now (its push had failed). */
  pushed: string[];
  /** Why pushing the next of those failed (Vietnamese), when one did. */
  pushFailure: string | undefined;
}

/**
 * Writes the accepted rows and submits them; nothing it wrote stays on disk if
 * the submission is refused. A note in the git directory covers the moment
 * between the first working file and the branch (see import-journal.ts).
 */
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
  if (preview.accepted.length === 0) {
    const { pushed, failure } = await pushUnpushed(preview);
    return { written: [], reused: [], submission: undefined, mappingWritten, pushed, pushFailure: failure };
  }
  // Encoded once: the same bytes go to the working tree and into the submission.
  const files: SubmittedFile[] = [];
  const toWrite: NewFile[] = [];
  const relativeOf = new Map<string, string>();
  const reused: string[] = [];
  for (const row of preview.accepted) {
    if (!row.file) continue;
    const leftover = preview.leftovers.get(row.file.path);
    const bytes = leftover?.bytes ?? new TextEncoder().encode(row.file.text.normalize("NFC"));
    files.push({ relative: row.file.path, bytes });
    if (leftover?.action === "reuse") reused.push(join(request.contentDirectory, row.file.path));
    else {
      const path = join(request.contentDirectory, row.file.path);
      toWrite.push({ path, bytes, replace: leftover?.action === "rewrite" });
      relativeOf.set(path, row.file.path);
    }
  }
  const record = await openRecord(request.contentDirectory);
  const note = record
    ? noteImport(record.dir, {
        log: resolve(request.file),
        unit: request.unit,
        organisation: request.organisation,
        as: request.as,
        mapping: request.mapping === undefined ? undefined : resolve(request.mapping),
        started: new Date().toISOString(),
        prefix: record.prefix,
        files: files.map((item) => notedFile(item.relative, item.bytes as Uint8Array)),
      })
    : undefined;
  let written: string[] = [];
  try {
    // Another import may have begun since the preview: its files are not ours to take (checked with our note written, so two starting at once both see it).
    if (record) refuseWhileImporting(record.dir, record.prefix, note);
    written = await writeNewFiles(toWrite);
    crashPoint("import:after-files");
    const submission = await submitImported(
      request,
      files,
      `${request.unit}/${request.organisation}: nhập ${files.length} thông tin từ ${request.file.split("/").pop()}`,
    );
    if (record) {
      if (note) forgetImport(note);
      // Earlier notes whose files this submission took over (or that ended otherwise) are done with too.
      await settleImports(record.dir);
    }
    const { pushed, failure } = await pushUnpushed(preview);
    return { written, reused, submission, mappingWritten, pushed, pushFailure: failure };
  } catch (error) {
    const created = error instanceof WriteFailure ? error.written : written;
    // A failure after the branch was made (a push refused) leaves the files recorded there: they stay, as submitted files do.
    const after = created.length > 0 ? await openRecord(request.contentDirectory).catch(() => undefined) : undefined;
    const kept = after ? await after.recordedIn(created.map((path) => relativeOf.get(path) as string)) : new Map<string, string>();
    for (const path of created) if (!kept.has(relativeOf.get(path) as string)) rmSync(path, { force: true });
    if (note) forgetImport(note);
    throw error instanceof WriteFailure ? error.cause : error;
  }
}
