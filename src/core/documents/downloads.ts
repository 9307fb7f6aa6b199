/**
 * The site's downloads, all made in the browser on click, none at publish: a page's
 * tables as one workbook (a sheet per table) and one CSV per table, read from the
 * tables as the page shows them (src/browser/table-download.ts); Word documents
 * carried by their page as JSON (src/browser/report-docx.ts).
 */
import type { ReportDocument, UndatedReportDocument } from "./report-document.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/**
 * The name a page's table files are saved under: the page's path from the site's root, its folders
 * joined by `-` (`/bao-cao/ha-tinh/2026-07/` → `bao-cao-ha-tinh-2026-07`, the home page `trang-chu`).
 * `base` is the site's base path (`/` or `/noi-bo/`).
 */
export function tablesFileName(pathname: string, base = "/"): string {
  const root = base.endsWith("/") ? base : `${base}/`;
  const path = pathname.startsWith(root) ? pathname.slice(root.length) : pathname.replace(/^\//, "");
  const folders = path
    .replace(/(^|\/)index\.html$/, "")
    .split("/")
    .filter((part) => part !== "");
  return folders.map(decoded).join("-") || "trang-chu";
}

/** A path segment as written (`%20` a space), or as it came when it is no valid escape. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The page's workbook (a sheet per table) and its n-th table's CSV (from 1): the names the files written at publish had. */
export const tablesXlsxName = (page: string): string => `${page}.xlsx`;
export const tableCsvName = (page: string, index: number): string => `${page}-bang-${index}.csv`;

/**
 * A document as the text of a `<script type="application/json">`: every `<` escaped, so
 * nothing in it can close the element or be read as markup.
 */
export const documentJson = (document: ReportDocument | UndatedReportDocument): string => JSON.stringify(document).replace(/</g, "\\u003c");

/** The id `dan-y report docx` takes for a page's document: `2026-11/xa-ky-hoa` (consolidated) or `2026-11/xa-ky-hoa/mttq`. */
export const documentId = (period: string, unit: string, organisation?: string): string =>
  organisation === undefined ? `${period}/${unit}` : `${period}/${unit}/${organisation}`;
