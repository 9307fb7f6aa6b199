/**
 * Where the site's downloads come from, so pages link to exactly what is made:
 * beside every page with tables its workbook and one CSV per table, written at
 * publish (src/adapters/table-downloads.ts); Word documents are carried by
 * their page as JSON and built in the browser on click (src/browser/report-docx.ts).
 */
import type { ReportDocument, UndatedReportDocument } from "./report-document.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** The files written beside a page with tables: its workbook (a sheet per table) and the n-th table's CSV (from 1). */
export const TABLES_XLSX = "bang.xlsx";
export const tableCsvName = (index: number): string => `bang-${index}.csv`;

/**
 * A document as the text of a `<script type="application/json">`: every `<` escaped, so
 * nothing in it can close the element or read as markup to the table reader (table-downloads.ts).
 */
export const documentJson = (document: ReportDocument | UndatedReportDocument): string => JSON.stringify(document).replace(/</g, "\\u003c");

/** The id `dan-y report docx` takes for a page's document: `2026-11/xa-ky-hoa` (consolidated) or `2026-11/xa-ky-hoa/mttq`. */
export const documentId = (period: string, unit: string, organisation?: string): string =>
  organisation === undefined ? `${period}/${unit}` : `${period}/${unit}/${organisation}`;
