/**
 * "Tải Excel" and "Tải CSV" for every table of the built site, written at
 * publish time (an Astro integration runs it when the build is done): each page
 * with tables gets `bang.xlsx` (a sheet per table) and `bang-<n>.csv` beside its
 * index.html, read from the tables as the page shows them, so the files hold
 * exactly the page's figures and nothing the page withholds; a line of links
 * follows each table.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { tableCsv } from "../core/documents/data-tables.ts";
import { type ShownTable, typedTable } from "../core/documents/displayed-tables.ts";
import { TABLES_XLSX, tableCsvName } from "../core/documents/downloads.ts";
import { keyOf, OfficeCache, tablesWriterVersion } from "./office-downloads.ts";
import { tablesXlsx } from "./xlsx-tables.ts";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** A cell's text: tags dropped, entities decoded, spaces collapsed. */
const cellText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
      name.startsWith("#x") || name.startsWith("#X")
        ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith("#")
          ? String.fromCodePoint(Number(name.slice(1)))
          : (ENTITIES[name.toLowerCase()] ?? entity),
    )
    .replace(/\s+/g, " ")
    .trim();

const cells = (row: string): string[] => [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((match) => cellText(match[1] ?? ""));

function* pagesWithTables(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* pagesWithTables(path);
    else if (entry.name === "index.html") yield path;
  }
}

/**
 * The page's tables as shown (caption, headings of the last header row, body
 * cells). The markup is the site's own build output (Astro, escaped text, no
 * nested tables), which these patterns read exactly and several times faster
 * than a DOM parser (measured on a report page: 20 ms with linkedom).
 */
export function shownTables(html: string): ShownTable[] {
  return [...html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)].map((match) => {
    const table = match[1] ?? "";
    const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? "";
    const headRows = [...head.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)];
    const body = /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? "";
    return {
      caption: cellText(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? ""),
      headers: cells(headRows[headRows.length - 1]?.[1] ?? ""),
      rows: [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => cells(row[1] ?? "")),
    };
  });
}

/** The download name of a page's files: its path, `bao-cao-ha-tinh-2026-07`. */
const baseName = (outDir: string, file: string) => relative(outDir, file).split(sep).slice(0, -1).join("-") || "trang-chu";

export interface TableDownloadsResult {
  pages: number;
  tables: number;
}

export interface TableDownloadsOptions {
  /** Only the pages of this part, `[index, parts]` (index from 0), so that several processes share the pages. */
  part?: readonly [number, number];
  /** The site's cache folder: a workbook whose tables are unchanged is copied from it. */
  cacheDir?: string | undefined;
}

export async function writeTableDownloads(outDir: string, options: TableDownloadsOptions = {}): Promise<TableDownloadsResult> {
  const [part, parts] = options.part ?? [0, 1];
  const cache = new OfficeCache(options.cacheDir, "tables");
  const version = options.cacheDir ? tablesWriterVersion() : "";
  let pages = 0;
  let count = 0;
  let seen = 0;
  for (const file of pagesWithTables(outDir)) {
    if (seen++ % parts !== part) continue;
    const html = readFileSync(file, "utf8");
    if (!html.includes("<table")) continue;
    const tables = shownTables(html).map((shown, index) => typedTable(shown, index + 1));
    if (tables.length === 0) continue;
    const folder = join(file, "..");
    const name = baseName(outDir, file);
    const workbook = join(folder, TABLES_XLSX);
    const key = keyOf(version, tables);
    if (!cache.get(key, workbook)) {
      writeFileSync(workbook, await tablesXlsx(tables));
      cache.put(key, workbook);
    }
    tables.forEach((table, index) => {
      writeFileSync(join(folder, tableCsvName(index + 1)), tableCsv(table));
    });
    // A line of links after each table, relative to the page's own folder.
    let index = 0;
    const linked = html.replace(/<\/table>/g, (closing) => {
      index++;
      return `${closing}<p class="downloads">Tải bảng: <a href="${TABLES_XLSX}" download="${name}.xlsx">Tải Excel</a> · <a href="${tableCsvName(index)}" download="${name}-bang-${index}.csv">Tải CSV</a></p>`;
    });
    writeFileSync(file, linked);
    pages++;
    count += tables.length;
  }
  return { pages, tables: count };
}
