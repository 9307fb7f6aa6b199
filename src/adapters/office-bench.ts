/**
 * The three measurements of `dan-y bench office`, one run per child process
 * (`node office-bench.ts <what> …`), as a user's command or browser tab does it
 * once, so its peak memory is its own and holds no garbage of earlier runs:
 * the province's annual consolidated report as .docx from a loaded record, the
 * .xlsx of a 10k-row search export, and the import of a 10k-row hotline log.
 * Prints one JSON line: seconds of the run, the load time kept apart, peak RSS.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatDateVi } from "../core/calendar/dates.ts";
import { periodContaining } from "../core/calendar/periods.ts";
import { loadContent } from "../core/content/load-content.ts";
import { documentFor } from "../core/documents/report-sources.ts";
import { type SearchResultData, searchResultsTable } from "../core/documents/search-table.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { createRepository, PEOPLE } from "../test-support/git-fixture.ts";
import { hotlineLogXlsx } from "../test-support/hotline-log.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import { reportDocxBytes } from "./docx-report.ts";
import { prepareIntake, writeIntake } from "./import-intake.ts";
import { tablesXlsx } from "./xlsx-tables.ts";

const seconds = (started: number) => (performance.now() - started) / 1000;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** The record as `dan-y report docx` holds it (lean observations, no bodies); the search export's results need the bodies' text. */
function load(directory: string, keepBodies = false) {
  const started = performance.now();
  const { model } = loadContent(readContentFiles(directory, listContentPaths(directory)), keepBodies ? { keepBodies } : { compact: true });
  return { model, tree: buildUnitTree(model), load: seconds(started) };
}

async function docx(directory: string, today: string) {
  const { model, tree, load: loaded } = load(directory);
  const root = [...model.units.values()].find((unit) => !unit.parent);
  if (!root || !model.schedule) throw new Error("no root unit or schedule");
  const year = periodContaining("year", today, model.schedule).id;
  const before = rssMb();
  const started = performance.now();
  const result = documentFor(model, tree, `${year}/${root.id}`, today);
  if (!result.ok) throw new Error(result.message);
  const bytes = (await reportDocxBytes(result.document)).byteLength;
  const runs = [seconds(started)];
  const observations = Number(/Tổng hợp ([\d.]+) thông tin/.exec(JSON.stringify(result.document.blocks))?.[1]?.replace(/\./g, "") ?? 0);
  return { load: loaded, runs, bytes, observations, total: model.observations.size, addedMb: rssMb() - before };
}

/** What the search page holds of each match (the index's meta and text; restricted ones without their text), written for the export's own process. */
function searchResults(directory: string, rows: number, out: string) {
  const { model, load: loaded } = load(directory, true);
  const unitName = (id: string) => model.units.get(id)?.name ?? id;
  const results: SearchResultData[] = [...model.observations.values()].slice(0, rows).map((entry) => ({
    url: `/thong-tin/${entry.unit}/${entry.observed_on.slice(0, 7)}/#${entry.id.split("/")[1]}`,
    content: entry.confidentiality === "han-che" ? `${entry.title}.` : `${entry.title}.\n${entry.body ?? ""}`,
    meta: {
      title: entry.title,
      ngay: formatDateVi(entry.observed_on),
      loai: "Thông tin",
      don_vi: unitName(entry.unit),
      to_chuc: entry.organisation,
      linh_vuc: model.fields.find((field) => field.id === entry.field)?.label,
      muc_do: entry.urgency,
      trang_thai: entry.status,
    },
  }));
  writeFileSync(out, JSON.stringify(results));
  return { load: loaded, rows: results.length, runs: [] };
}

/** The export alone, as the browser runs it: the results in, the workbook out. */
async function xlsx(file: string) {
  const results = JSON.parse(readFileSync(file, "utf8")) as SearchResultData[];
  const before = rssMb();
  const started = performance.now();
  const bytes = (await tablesXlsx([searchResultsTable(results, "http://noi-bo", "record_url")])).byteLength;
  return { runs: [seconds(started)], bytes, rows: results.length, addedMb: rssMb() - before };
}

/** The hotline log, written by a process of its own: building a 10k-row workbook is no part of the import's time or memory. */
async function writeHotlineLog(rows: number, out: string) {
  writeFileSync(out, await hotlineLogXlsx({ rows }));
  return { rows, runs: [] };
}

async function importLog(rows: number, source: string) {
  const repo = createRepository();
  try {
    const log = join(repo.dir, "so-duong-day-nong.xlsx");
    copyFileSync(source, log);
    const started = performance.now();
    const preview = await prepareIntake({
      file: log,
      contentDirectory: join(repo.dir, "content"),
      unit: "xa-ky-hoa",
      organisation: "mttq",
      as: PEOPLE.communeMttq,
      today: "2026-11-27",
    });
    // Reading, planning and checking apart from writing the files and submitting them (one pack of objects, flushed once).
    const prepared = [seconds(started)];
    const written = (await writeIntake(preview)).written.length;
    return { runs: [seconds(started)], prepared, written, rows };
  } finally {
    repo.remove();
  }
}

if (import.meta.main) {
  const [what, first, second, third] = process.argv.slice(2);
  const result =
    what === "docx"
      ? await docx(first as string, second as string)
      : what === "search-results"
        ? searchResults(first as string, Number(second), third as string)
        : what === "xlsx"
          ? await xlsx(first as string)
          : what === "hotline-log"
            ? await writeHotlineLog(Number(first), second as string)
            : await importLog(Number(first), second as string);
  process.stdout.write(`${JSON.stringify({ ...result, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
