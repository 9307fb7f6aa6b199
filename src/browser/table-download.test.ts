/**
 * "Tải Excel" and "Tải CSV" after every table of the built demo, in a real browser: each
 * press (mouse, or Tab and Enter) makes the file in the page, named as the publish-time files
 * were, holding every cell of the tables as the page shows them at that moment (read here from
 * the DOM's text, independently of the site's reader): the workbook
 * with numbers, shares and dates as such in their formats, the CSV with its BOM. The Excel
 * writer is fetched from the site on the first Excel press only, nothing from outside; a
 * narrowed tracker downloads the rows it shows; a writer that cannot load is said in Vietnamese.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserOnSite, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();
const served = browserOnSite(site);

interface DomTable {
  caption: string;
  headers: string[];
  rows: string[][];
}

/** The page's tables as the reader sees them now: caption, last header row, body rows not hidden. */
const domTables = (page: Page): Promise<DomTable[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll("table")].map((table) => ({
      caption: table.caption?.textContent ?? "",
      headers: [...(table.tHead?.rows[table.tHead.rows.length - 1]?.cells ?? [])].map((cell) => cell.textContent ?? ""),
      rows: [...table.tBodies].flatMap((body) =>
        [...body.rows].filter((row) => !row.hidden).map((row) => [...row.cells].map((cell) => cell.textContent ?? "")),
      ),
    })),
  );

/** Text compared without its spacing: a line break inside a cell (name, then title) is a space in a file. */
const unspaced = (text: string) => text.replace(/\s+/g, "");
/** What the page writes for "nothing" in a figure column; a file leaves the cell empty. */
const EMPTY = /^(|—|–|-)$/;

/** A workbook cell written back as the page writes it (vi-VN numbers, whole percentages, dd/mm/yyyy), by its number format. */
function asShown(cell: ExcelJS.Cell): string {
  const { value, numFmt } = cell;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return numFmt === "dd/mm/yyyy" ? value.toISOString().slice(0, 10).split("-").reverse().join("/") : `ngày sai định dạng ${numFmt}`;
  if (typeof value === "number" && numFmt === "0%") return `${Math.round(value * 100)}%`;
  if (typeof value === "number" && numFmt === "#,##0") return value < 0 ? `−${(-value).toLocaleString("vi-VN")}` : value.toLocaleString("vi-VN");
  if (typeof value === "number") return `số sai định dạng ${numFmt}`;
  return String(value);
}

/** A CSV value (raw: 1234, 2026-03-16, 75%) written back as the page writes it. */
function csvAsShown(value: string): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  if (/^-?\d+$/.test(value)) return Number(value) < 0 ? `−${(-Number(value)).toLocaleString("vi-VN")}` : Number(value).toLocaleString("vi-VN");
  return value;
}

/** Every cell of the file against the page's: equal once spacing is set aside, an empty file cell for the page's "—". */
function expectSameCells(file: string[][], shown: string[][], where: string): void {
  expect(file.length, `${where}: số dòng`).toBe(shown.length);
  shown.forEach((row, line) => {
    const width = Math.max(row.length, file[line]?.length ?? 0);
    for (let column = 0; column < width; column++) {
      const made = unspaced(file[line]?.[column] ?? "");
      const seen = unspaced(row[column] ?? "");
      if (made === "" && EMPTY.test(seen)) continue;
      expect(made, `${where}, dòng ${line + 1}, cột ${column + 1}`).toBe(seen);
    }
  });
}

async function press(page: Page, button: Locator, how: "mouse" | "keyboard"): Promise<{ name: string; bytes: Buffer }> {
  const pressed =
    how === "mouse"
      ? button.click()
      : // The Excel button of the same table, then Tab to reach this one: the line is in the page's tab order.
        button
          .locator("xpath=preceding-sibling::button[1]")
          .focus()
          .then(() => page.keyboard.press("Tab"))
          .then(async () => {
            expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
            await page.keyboard.press("Enter");
          });
  const [download] = await Promise.all([page.waitForEvent("download"), pressed]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
}

interface Visit {
  page: Page;
  outside: string[];
  scripts: string[];
  errors: string[];
}

async function visit(path: string): Promise<Visit> {
  const page = await served.browser.newPage({ acceptDownloads: true });
  const visit: Visit = { page, outside: [], scripts: [], errors: [] };
  page.on("request", (request) => {
    if (!request.url().startsWith(served.url) && !request.url().startsWith("blob:")) visit.outside.push(request.url());
    if (request.resourceType() === "script") visit.scripts.push(request.url());
  });
  page.on("pageerror", (error) => visit.errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") visit.errors.push(message.text());
  });
  await page.goto(`${served.url}${path}`);
  await page.locator("p.downloads[data-table-downloads] button").first().waitFor();
  return visit;
}

const xlsxWriterLoaded = (scripts: readonly string[]) => scripts.some((url) => /\/xlsx-tables\.[^/]*\.js$/.test(url));

async function checkPage(path: string, fileName: string, how: "mouse" | "keyboard"): Promise<void> {
  const { page, outside, scripts, errors } = await visit(path);
  try {
    const shown = await domTables(page);
    expect(shown.length, path).toBeGreaterThan(0);
    const lines = page.locator("p.downloads[data-table-downloads]");
    expect(await lines.count(), path).toBe(shown.length);
    expect(xlsxWriterLoaded(scripts), `${path}: trình ghi Excel tải trước khi bấm`).toBe(false);

    for (let index = 0; index < shown.length; index++) {
      const table = shown[index] as DomTable;
      const csv = await press(page, lines.nth(index).getByRole("button", { name: "Tải CSV" }), how);
      expect(csv.name).toBe(`${fileName}-bang-${index + 1}.csv`);
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [headers, ...rows] = parse(csv.bytes.toString("utf8"), { bom: true, relax_column_count: true }) as string[][];
      expect(headers?.map(unspaced), `${path} bảng ${index + 1}`).toEqual(table.headers.map(unspaced));
      expectSameCells(
        rows.map((row) => row.map(csvAsShown)),
        table.rows,
        `${csv.name}`,
      );
      await lines
        .nth(index)
        .getByRole("status")
        .filter({ hasText: `Đã tạo tệp ${csv.name}.` })
        .waitFor();
    }
    expect(xlsxWriterLoaded(scripts), `${path}: CSV cần trình ghi Excel`).toBe(false);

    const last = lines.nth(shown.length - 1).getByRole("button", { name: "Tải Excel" });
    const xlsx = how === "mouse" ? await press(page, last, how) : await pressExcelByKeyboard(page, last);
    expect(xlsx.name).toBe(`${fileName}.xlsx`);
    expect(xlsxWriterLoaded(scripts), `${path}: trình ghi Excel`).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length, path).toBe(shown.length);
    workbook.worksheets.forEach((sheet, index) => {
      const table = shown[index] as DomTable;
      // The caption as a sheet name Excel accepts (31 characters, none of []:*?/\), a number added to a repeated one.
      const named = (table.caption || `Bảng ${index + 1}`)
        .replace(/[[\]:*?/\\]/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 31)
        .trim();
      expect(sheet.name === named || sheet.name.startsWith(named.slice(0, 28)), `${path}: trang tính "${sheet.name}"`).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      const width = sheet.columnCount;
      const values: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        values.push(Array.from({ length: width }, (_, column) => asShown(row.getCell(column + 1))));
      });
      expect(values[0]?.map(unspaced), `${path} trang tính ${index + 1}`).toEqual(table.headers.map(unspaced));
      expectSameCells(values.slice(1), table.rows, `${xlsx.name} trang tính ${index + 1}`);
    });
    expect(outside, path).toEqual([]);
    expect(errors, path).toEqual([]);
  } finally {
    await page.close();
  }
}

/** Focus on the Excel button by Tab from the table's previous line of buttons (or the button itself for the first), then Enter. */
async function pressExcelByKeyboard(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  await button.focus();
  expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
}

describe("table downloads made in the browser", () => {
  it("a consolidated report page: every table's CSV by mouse, the workbook of them all, cell for cell", { timeout: 180_000 }, async () => {
    await checkPage("/bao-cao/ha-tinh/2026-07/", "bao-cao-ha-tinh-2026-07", "mouse");
  });

  it("the tracker page, by keyboard (Tab, Enter)", { timeout: 180_000 }, async () => {
    await checkPage("/theo-doi/", "theo-doi", "keyboard");
  });

  it("a unit page and the compliance page", { timeout: 240_000 }, async () => {
    await checkPage("/don-vi/ha-tinh/", "don-vi-ha-tinh", "mouse");
    await checkPage("/tinh-hinh-bao-cao/", "tinh-hinh-bao-cao", "mouse");
  });

  it("the narrowed tracker gives the rows it shows, and its redrawn rates as redrawn", { timeout: 120_000 }, async () => {
    const { page, errors } = await visit("/theo-doi/");
    try {
      const all = (await domTables(page))[0]?.rows.length ?? 0;
      const units = await page.locator('select[name="don-vi"] option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      await page.selectOption('select[name="don-vi"]', units.find((unit) => unit !== "" && unit !== "ha-tinh") ?? "");
      const shown = await domTables(page);
      const narrowed = shown[0]?.rows.length ?? 0;
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThan(all);
      const lines = page.locator("p.downloads[data-table-downloads]");
      const csv = await press(page, lines.nth(0).getByRole("button", { name: "Tải CSV" }), "mouse");
      const rows = (parse(csv.bytes.toString("utf8"), { bom: true }) as string[][]).slice(1);
      expectSameCells(
        rows.map((row) => row.map(csvAsShown)),
        shown[0]?.rows ?? [],
        "bảng chờ trả lời đã lọc",
      );
      const rates = await press(page, lines.nth(1).getByRole("button", { name: "Tải CSV" }), "mouse");
      expectSameCells(
        (parse(rates.bytes.toString("utf8"), { bom: true }) as string[][]).slice(1).map((row) => row.map(csvAsShown)),
        shown[1]?.rows ?? [],
        "tỉ lệ theo cơ quan đã lọc",
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("says in Vietnamese when the Excel writer cannot be loaded, and downloads nothing", { timeout: 120_000 }, async () => {
    const page = await served.browser.newPage({ acceptDownloads: true });
    try {
      let downloads = 0;
      page.on("download", () => downloads++);
      await page.route(/\/xlsx-tables\.[^/]*\.js$/, (route) => route.abort());
      await page.goto(`${served.url}/linh-vuc/`);
      const line = page.locator("p.downloads[data-table-downloads]").first();
      await line.getByRole("button", { name: "Tải Excel" }).click();
      const status = line.getByRole("status");
      await status.filter({ hasText: "Không tạo được tệp Excel" }).waitFor();
      expect(await status.textContent()).toContain("Tải CSV");
      expect(await line.getByRole("button", { name: "Tải Excel" }).isEnabled()).toBe(true);
      expect(downloads).toBe(0);
    } finally {
      await page.close();
    }
  });
});
