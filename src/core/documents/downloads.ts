/**
 * Where the site's build-time downloads live, so pages link to exactly what the
 * build writes: Word files under `/tai-ve/` (src/pages/tai-ve/), and beside every
 * page with tables its workbook and one CSV per table (src/adapters/table-downloads.ts).
 */

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** A report's Word file: `/tai-ve/bao-cao/2026-11/xa-ky-hoa/mttq.docx`. */
export const reportDocxHref = (report: { period: string; unit: string; organisation: string }): string =>
  `/tai-ve/bao-cao/${report.period}/${report.unit}/${report.organisation}.docx`;

/** A consolidated report page's Word file: `/tai-ve/tong-hop/xa-ky-hoa/2026-11.docx`. */
export const consolidationDocxHref = (unit: string, period: string): string => `/tai-ve/tong-hop/${unit}/${period}.docx`;

/** The files written beside a page with tables: its workbook (a sheet per table) and the n-th table's CSV (from 1). */
export const TABLES_XLSX = "bang.xlsx";
export const tableCsvName = (index: number): string => `bang-${index}.csv`;
