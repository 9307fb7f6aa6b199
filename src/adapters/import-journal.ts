/**
 * A note of an import under way, in `.git/dan-y/imports/`: written (whole,
 * renamed into place) before the working files, removed once they are in a
 * submission branch or removed again. A note that outlives its command tells
 * `dan-y doctor` that an import stopped between its files and its branch, which
 * files it left recorded nowhere, and the command that finishes it. Each file
 * is noted with its Git blob id, so a file edited since is known to be the
 * user's, no longer the import's.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { RefusalError } from "../core/errors.ts";
import { gitDirOf, hashObject, hasWorkingTree, processAlive, temporaryWriter, writeFileAtomic } from "./git-store.ts";
import { recordOf } from "./import-record.ts";

export interface ImportNote {
  /** The log, as an absolute path. */
  log: string;
  unit: string;
  organisation: string;
  as: string;
  mapping?: string | undefined;
  /** When the import began writing (ISO time). */
  started: string;
  /** The content folder relative to the repository root, ending in `/` (or empty). */
  prefix: string;
  /** The files it writes or takes over: path relative to the content folder, and the blob id of the bytes. */
  files: [path: string, blob: string][];
}

/** The note's entry for a file about to be written. */
export const notedFile = (path: string, bytes: Uint8Array): [string, string] => [path, hashObject("blob", bytes).oid];

/** Still as the import wrote it, or created and never written (a write killed before its first byte). */
function stillImported(absolute: string, blob: string): boolean {
  const bytes = readFileSync(absolute);
  return bytes.length === 0 || hashObject("blob", bytes).oid === blob;
}

const notesFolder = (dir: string) => join(gitDirOf(dir), "dan-y", "imports");

/** Writes the note before the import's first working file; returns its path. */
export function noteImport(dir: string, note: ImportNote): string {
  const path = join(notesFolder(dir), `${Date.now()}-${process.pid}.json`);
  writeFileAtomic(path, `${JSON.stringify(note)}\n`);
  return path;
}

export function forgetImport(path: string): void {
  rmSync(path, { force: true });
}

/** The writer of a note, from its name (`<time>-<pid>.json`). */
const writerOf = (path: string) => Number(/-(\d+)\.json$/.exec(path)?.[1]);

/**
 * Refuses while another process's import into the same content folder is
 * still running (its note names a live process): its files, written and not
 * yet submitted, would look like leftovers of a stopped import and be taken.
 * `own` is this run's note, once written.
 */
export function refuseWhileImporting(dir: string, prefix: string, own?: string): void {
  for (const { path, note } of readNotes(dir)) {
    const writer = writerOf(path);
    if (path === own || !note || note.prefix !== prefix || writer === process.pid || !processAlive(writer)) continue;
    const log = note.log.split("/").pop() ?? note.log;
    throw new RefusalError(
      `Một lần nhập sổ khác đang chạy trên thư mục nội dung này (sổ ${log}, đơn vị ${note.unit}, tiến trình ${writer}, bắt đầu ${note.started.slice(0, 19).replace("T", " ")} UTC): chờ lần đó xong rồi chạy lại lệnh này. Chưa ghi gì.`,
    );
  }
}

function readNotes(dir: string): { path: string; note: ImportNote | undefined }[] {
  const folder = notesFolder(dir);
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder);
  // A note half written when its import was killed never became one: its temporary file goes.
  for (const name of names) {
    const writer = temporaryWriter(name);
    if (writer !== undefined && !processAlive(writer)) rmSync(join(folder, name), { force: true });
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const path = join(folder, name);
      try {
        return { path, note: JSON.parse(readFileSync(path, "utf8")) as ImportNote };
      } catch {
        // Written by rename, so never half a note; a hand-damaged one says nothing we can use.
        return { path, note: undefined };
      }
    });
}

export interface InterruptedImport {
  note: ImportNote;
  /** Files of the note still on disk as it wrote them and recorded nowhere (relative to the content folder). */
  unsubmitted: string[];
  /** Files of the note recorded nowhere and changed since: edited by hand (the user's now) or cut short by the kill. */
  edited: string[];
}

/**
 * The notes of imports that stopped before their files were submitted. Notes
 * none of whose files is left unsubmitted as written (each recorded, gone, or
 * edited since) are removed and counted in `settled`.
 */
export async function settleImports(dir: string): Promise<{ interrupted: InterruptedImport[]; settled: ImportNote[] }> {
  const interrupted: InterruptedImport[] = [];
  const settled: ImportNote[] = [];
  const notes = readNotes(dir);
  if (notes.length === 0) return { interrupted, settled };
  const records = new Map<string, Awaited<ReturnType<typeof recordOf>>>();
  for (const { path, note } of notes) {
    // A note of a live process is an import still running, not a stopped one: neither reported nor removed.
    const writer = writerOf(path);
    if (writer && writer !== process.pid && processAlive(writer)) continue;
    if (!note || !Array.isArray(note.files)) {
      forgetImport(path);
      continue;
    }
    const record = records.get(note.prefix) ?? (await recordOf(dir, note.prefix));
    records.set(note.prefix, record);
    const onDisk = note.files.filter(([file]) => existsSync(join(dir, note.prefix, file)));
    const recorded = await record.recordedIn(onDisk.map(([file]) => file));
    const unsubmitted: string[] = [];
    const edited: string[] = [];
    for (const [file, blob] of onDisk) if (!recorded.has(file)) (stillImported(join(dir, note.prefix, file), blob) ? unsubmitted : edited).push(file);
    if (unsubmitted.length === 0) {
      forgetImport(path);
      settled.push(note);
    } else interrupted.push({ note, unsubmitted, edited });
  }
  return { interrupted, settled };
}

const shellWord = (word: string) => (/^[\w./@:=+-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, "\\$1")}"`);

/** The command that finishes an interrupted import: the same log, unit, organisation, submitter and mapping. */
export function resumeCommand(note: ImportNote, cwd = process.cwd()): string {
  const shown = (path: string) => {
    const near = relative(cwd, path);
    return near.startsWith("..") ? path : near;
  };
  const words = ["npx", "dan-y", "import", shellWord(shown(note.log)), "--unit", note.unit, "--organisation", note.organisation, "--as", note.as];
  if (note.mapping) words.push("--mapping", shellWord(shown(note.mapping)));
  return [...words, "--yes"].join(" ");
}

/** What `dan-y doctor` reports of imports that stopped between their files and their branch (a working tree only). */
export async function doctorImports(dir: string): Promise<{ problem: string; outcome: string; repaired: boolean }[]> {
  if (!hasWorkingTree(dir)) return [];
  const { interrupted, settled } = await settleImports(dir);
  const logName = (note: ImportNote) => note.log.split("/").pop() ?? note.log;
  return [
    ...settled.map((note) => ({
      problem: `Ghi chú của lần nhập sổ ${logName(note)} (đơn vị ${note.unit}) còn lại dù các tệp của nó đã được nộp, đã bị xóa hoặc đã được sửa tay`,
      outcome: "đã xóa ghi chú",
      repaired: true,
    })),
    ...interrupted.map(({ note, unsubmitted, edited }) => ({
      problem: `Lần nhập sổ ${logName(note)} (đơn vị ${note.unit}, bắt đầu ${note.started.slice(0, 16).replace("T", " ")} UTC) bị dừng trước khi nộp: ${unsubmitted.length} tệp đã ghi chưa có trong main hay nhánh bài nộp nào (${unsubmitted
        .slice(0, 2)
        .map((file) => `${note.prefix}${file}`)
        .join(
          ", ",
        )}${unsubmitted.length > 2 ? ", …" : ""})${edited.length > 0 ? `; ${edited.length} tệp khác của lần đó đã khác lúc ghi (${note.prefix}${edited[0]}${edited.length > 1 ? ", …" : ""}): lần nhập lại ghi lại cho đủ tệp bị ghi dở và không ghi đè tệp đã được sửa tay` : ""}`,
      outcome: `để nguyên các tệp; chạy lại lệnh nhập để nộp chúng một lần, không ghi lại: ${resumeCommand(note)}`,
      repaired: false,
    })),
  ];
}
