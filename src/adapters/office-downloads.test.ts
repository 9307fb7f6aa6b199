/**
 * The site's office downloads as the build leaves them: no Word file, but every
 * report page carrying the documents its "Tải Word" buttons build (the same the
 * command line makes, src/browser/report-docx.test.ts clicks them); beside every page
 * with tables an Excel workbook (a sheet per table) and a CSV per table holding
 * the page's own figures, linked after each table; and nothing of a restricted
 * observation that the site does not show, in a file or a carried document.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { datedDocument, type ReportDocument, type UndatedReportDocument } from "../core/documents/report-document.ts";
import { documentFor } from "../core/documents/report-sources.ts";
import { demoViewContext, restrictedSecrets, useBuiltDemoSite, walkFiles } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();
const bytes = (path: string) => readFileSync(join(site.out, path));

/** Text compared without its spacing: a line break inside a cell (name, then title) is a space in a download. */
const unspaced = (text: string) => text.replace(/\s+/g, "");

/** The page's tables as the reader sees them (read with a DOM parser, independently of the build's reader). */
function pageTables(page: string): string[][][] {
  const html = site.pages.get(page);
  if (!html) throw new Error(`no page ${page}`);
  return [...parseHTML(html).document.querySelectorAll("table")].map((table) =>
    [...table.querySelectorAll("tbody tr")].map((row) => [...row.children].map((cell) => unspaced(cell.textContent ?? ""))),
  );
}

/** A workbook value written back as the page writes it (vi-VN numbers, whole percentages, dd/mm/yyyy). */
function asShown(value: ExcelJS.CellValue, format: string): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10).split("-").reverse().join("/");
  if (typeof value === "number" && format === "0%") return `${Math.round(value * 100)}%`;
  if (typeof value === "number") return value < 0 ? `−${(-value).toLocaleString("vi-VN")}` : value.toLocaleString("vi-VN");
  return String(value);
}

async function workbookRows(path: string): Promise<string[][][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes(path) as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      if (number > 1)
        rows.push(Array.from({ length: sheet.columnCount }, (_, index) => unspaced(asShown(row.getCell(index + 1).value, row.getCell(index + 1).numFmt))));
    });
    return rows;
  });
}

async function zipText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes(path));
  return (await Promise.all(Object.values(zip.files).map((file) => file.async("string")))).join("\n");
}

/** The Word documents a built page carries for its "Tải Word" buttons, by the id `dan-y report docx` takes. */
function pageDocuments(html: string): Map<string, { file: string; document: ReportDocument | UndatedReportDocument }> {
  const { document } = parseHTML(html);
  const documents = new Map<string, { file: string; document: ReportDocument | UndatedReportDocument }>();
  for (const button of document.querySelectorAll("button[data-word-document]")) {
    const block = document.getElementById(button.getAttribute("data-word-document") ?? "");
    expect(block?.getAttribute("type")).toBe("application/json");
    documents.set(button.getAttribute("data-word-id") ?? "", {
      file: button.getAttribute("data-word-file") ?? "",
      document: JSON.parse(block?.textContent ?? "") as ReportDocument | UndatedReportDocument,
    });
  }
  return documents;
}

/** Every text of a document (headings, runs, cells, names), joined by line breaks. */
const documentText = (value: unknown): string =>
  typeof value === "string"
    ? value
    : value && typeof value === "object"
      ? Object.values(value as Record<string, unknown>)
          .map(documentText)
          .join("\n")
      : String(value ?? "");

describe("office downloads of the built site", () => {
  it("writes no Word file at publish: every report page carries the documents its Tải Word buttons build, as the command line makes them", () => {
    expect([...site.pages.keys()].filter((path) => path.endsWith(".docx"))).toEqual([]);
    const { model, tree, today } = demoViewContext();
    const pages = [...site.pages.keys()].filter((path) => /^\/bao-cao\/[^/]+\/[^/]+\/index\.html$/.test(path));
    expect(pages.length).toBeGreaterThan(100);
    let reports = 0;
    for (const page of pages) {
      const [, , unit, period] = page.split("/") as [string, string, string, string];
      const documents = pageDocuments(site.pages.get(page) ?? "");
      const ids = [
        `${period}/${unit}`,
        ...[...model.reports.values()].filter((report) => report.unit === unit && report.period === period).map((report) => report.id),
      ];
      expect([...documents.keys()].sort(), page).toEqual(ids.sort());
      for (const [id, carried] of documents) {
        const made = documentFor(model, tree, id, today);
        if (!made.ok) throw new Error(made.message);
        // The consolidated report is carried undated (the page stays the same from day to day) and dated on click;
        // a body's report bears the day it was sent.
        const consolidated = id === `${period}/${unit}`;
        expect("placeDate" in carried.document, `${page} ${id}`).toBe(!consolidated);
        const document = "placeDate" in carried.document ? carried.document : datedDocument(carried.document, today);
        expect({ file: carried.file, document }, `${page} ${id}`).toEqual({ file: made.fileName, document: made.document });
      }
      reports += documents.size - 1;
    }
    expect(reports).toBe(model.reports.size);
    const text = documentText(
      pageDocuments(site.pages.get("/bao-cao/ha-tinh/2026-07/index.html") ?? "").get("2026-07/ha-tinh/mttq")?.document as ReportDocument,
    );
    for (const part of ["ỦY BAN MTTQ VIỆT NAM", "TỈNH HÀ TĨNH", "Tình hình Nhân dân tháng 7/2026", "Hà Văn Hùng", "Thường trực Tỉnh ủy Hà Tĩnh"])
      expect(text).toContain(part);
  });

  it("gives every table's figures as the page shows them, in Excel (a sheet per table) and in CSV", async () => {
    for (const page of [
      "/linh-vuc/index.html",
      "/theo-doi/index.html",
      "/tinh-hinh-bao-cao/index.html",
      "/bao-cao/ha-tinh/2026-07/index.html",
      "/don-vi/ha-tinh/index.html",
    ]) {
      const shown = pageTables(page);
      expect(shown.length, page).toBeGreaterThan(0);
      const folder = page.slice(1, -"index.html".length);
      expect(await workbookRows(`${folder}bang.xlsx`), page).toEqual(shown);
      shown.forEach((table, index) => {
        const csv = bytes(`${folder}bang-${index + 1}.csv`);
        expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        const rows = (parse(csv.toString("utf8"), { bom: true, relax_column_count: true }) as string[][]).slice(1);
        expect(rows.length, `${page} bảng ${index + 1}`).toBe(table.length);
        expect(
          rows.map((row) => unspaced(row[0] ?? "")),
          `${page} bảng ${index + 1}`,
        ).toEqual(table.map((row) => row[0]));
      });
      expect(site.pages.get(page)?.match(/<p class="downloads">Tải bảng:/g)?.length, page).toBe(shown.length);
    }
  });

  it("writes Excel numbers as numbers and dates as dates", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes("theo-doi/bang.xlsx") as unknown as ArrayBuffer);
    const values = workbook.worksheets.flatMap((sheet) =>
      sheet
        .getSheetValues()
        .slice(2)
        .flatMap((row) => (row as ExcelJS.CellValue[]).slice(1)),
    );
    expect(values.some((value) => typeof value === "number")).toBe(true);
    expect(values.some((value) => value instanceof Date)).toBe(true);
    expect(values.filter((value) => typeof value === "string").every((value) => !/^\d{1,3}(\.\d{3})*$|^\d{2}\/\d{2}\/\d{4}$/.test(value as string))).toBe(true);
  });

  it("puts nothing of a restricted observation in any download that the site does not show", async () => {
    const { restricted, secrets, own } = await restrictedSecrets();
    expect(own.length).toBeGreaterThan(0);
    const downloads = [...walkFiles(site.out)].map((file) => file.slice(site.out.length + 1)).filter((path) => /\.(xlsx|csv)$/.test(path));
    expect(downloads.length).toBeGreaterThan(1000);
    for (const path of downloads) {
      const text = path.endsWith(".csv") ? bytes(path).toString("utf8") : await zipText(path);
      for (const secret of secrets) expect(text.includes(secret), `${path} holds "${secret}"`).toBe(false);
    }
    // The Word documents the pages carry, read as their texts (JSON escapes would hide a match in the raw page).
    const documents = [...site.pages.entries()]
      .filter(([path]) => path.startsWith("/bao-cao/"))
      .flatMap(([path, html]) => [...pageDocuments(html)].map(([id, carried]) => [`${path} ${id}`, documentText(carried.document)] as const));
    expect(documents.length).toBeGreaterThan(100);
    for (const [where, text] of documents) for (const secret of own) expect(text.includes(secret), `${where} holds "${secret}"`).toBe(false);
    // The scan can fail: restricted items are listed in the documents by their titles, as on the site.
    const titles = restricted.map((entry) => String(entry.data.title));
    expect(titles.filter((title) => documents.some(([, text]) => text.includes(title))).length).toBeGreaterThan(0);
  }, 300_000);
});
