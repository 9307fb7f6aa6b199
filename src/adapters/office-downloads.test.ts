/**
 * The site's office downloads as the build leaves them: no office file at all. Every
 * report page carries the documents its "Tải Word" buttons build (the same the command
 * line makes; src/browser/report-docx.test.ts clicks them), and every page with tables
 * loads the script that makes its Excel and CSV files from the tables on click
 * (src/browser/table-download.test.ts clicks them). Nothing of a restricted observation
 * that the site does not show is in what those buttons would save or in a carried document.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { pageTables } from "../browser/table-download.ts";
import { tableCsv } from "../core/documents/data-tables.ts";
import { datedDocument, type ReportDocument, type UndatedReportDocument } from "../core/documents/report-document.ts";
import { documentFor } from "../core/documents/report-sources.ts";
import { demoViewContext, restrictedSecrets, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();
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

  it("writes no Excel or CSV file at publish: every page with tables loads the script that makes them from the page on click", () => {
    expect([...site.pages.keys()].filter((path) => /\.(xlsx|csv)$/.test(path))).toEqual([]);
    // The buttons' code: the page script (small) and, apart, the Excel writer it imports on click.
    const script = [...site.pages.keys()].find((path) => /^\/_astro\/TableDownloads\.astro_astro_type_script_index_0_lang\.[^/]+\.js$/.test(path));
    expect(script).toBeDefined();
    const code = site.pages.get(script as string) ?? "";
    expect(code).toMatch(/import\(["'][^"']*xlsx-tables\.[^"']+\.js["']\)|xlsx-tables\.[^"']+\.js/);
    expect(code.length).toBeLessThan(20_000);
    const withTables = [...site.pages.entries()].filter(([path, html]) => path.endsWith(".html") && html.includes("<table"));
    expect(withTables.length).toBeGreaterThan(1000);
    for (const [path, html] of withTables) {
      expect(html.includes(`<script type="module" src="${script}"></script>`), `${path} thiếu mã tải bảng`).toBe(true);
      expect(html, path).not.toMatch(/Tải bảng:|bang\.xlsx|bang-\d+\.csv/);
    }
  });

  it("puts nothing of a restricted observation in any download that the site does not show", async () => {
    const { restricted, secrets, own } = await restrictedSecrets();
    expect(own.length).toBeGreaterThan(0);
    // What each page's buttons would save: its tables read by the browser's own reader, as the workbook's captions and
    // the CSV files' cells (the workbook holds the same cells). Only the tables are parsed: whole pages took a minute.
    const files = [...site.pages.entries()]
      .filter(([path, html]) => path.endsWith(".html") && html.includes("<table"))
      .map(([path, html]) => {
        const tables = pageTables(parseHTML(`<body>${html.match(/<table\b[\s\S]*?<\/table>/g)?.join("") ?? ""}</body>`).document);
        return [path, tables.map((table) => `${table.title}\n${table.sheet}\n${tableCsv(table)}`).join("\n")] as const;
      });
    expect(files.reduce((count, [, text]) => count + (text.match(/\uFEFF/g)?.length ?? 0), 0)).toBeGreaterThan(2000);
    expect(files.flatMap(([path, text]) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${path}: ${secret}`))).toEqual([]);
    // The scan can fail: the tables list restricted items by their titles, as the site does, and those rows are read.
    const titles = restricted.map((entry) => String(entry.data.title));
    expect(titles.filter((title) => files.some(([, text]) => text.includes(title))).length).toBeGreaterThan(0);
    // The Word documents the pages carry, read as their texts (JSON escapes would hide a match in the raw page).
    const documents = [...site.pages.entries()]
      .filter(([path]) => path.startsWith("/bao-cao/"))
      .flatMap(([path, html]) => [...pageDocuments(html)].map(([id, carried]) => [`${path} ${id}`, documentText(carried.document)] as const));
    expect(documents.length).toBeGreaterThan(100);
    for (const [where, text] of documents) for (const secret of own) expect(text.includes(secret), `${where} holds "${secret}"`).toBe(false);
    // The scan can fail: restricted items are listed in the documents by their titles, as on the site.
    expect(titles.filter((title) => documents.some(([, text]) => text.includes(title))).length).toBeGreaterThan(0);
  }, 300_000);
});
