/**
 * The office downloads' cache (what publishing still writes: the tables' Excel
 * files): a second publish of the same pages links every workbook from the
 * cache instead of making it again, and a page whose figures changed gets a new
 * workbook holding the new figures.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { testdir } from "../test-support/testdir.ts";
import { writeTableDownloads } from "./table-downloads.ts";

const page = (count: number) =>
  `<html><body><table><caption>Ý kiến theo lĩnh vực</caption><thead><tr><th>Lĩnh vực</th><th>Số ý kiến</th></tr></thead>` +
  `<tbody><tr><td>Đất đai</td><td>${count}</td></tr></tbody></table></body></html>`;

async function firstValue(file: string): Promise<ExcelJS.CellValue> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return workbook.worksheets[0]?.getRow(2).getCell(2).value ?? null;
}

describe("table downloads with the site's cache", () => {
  it("links unchanged workbooks from the cache and makes again those whose figures changed", async () => {
    const work = testdir({ "a/linh-vuc/index.html": page(12), "b/linh-vuc/index.html": page(12), "c/linh-vuc/index.html": page(13) });
    const cacheDir = join(work, "cache");
    const workbook = (site: string) => join(work, site, "linh-vuc", "bang.xlsx");

    expect(await writeTableDownloads(join(work, "a"), { cacheDir })).toEqual({ pages: 1, tables: 1 });
    await writeTableDownloads(join(work, "b"), { cacheDir });
    // The same file under two names: the second publish made nothing.
    expect(statSync(workbook("b")).ino).toBe(statSync(workbook("a")).ino);
    expect(await firstValue(workbook("b"))).toBe(12);

    await writeTableDownloads(join(work, "c"), { cacheDir });
    expect(statSync(workbook("c")).ino).not.toBe(statSync(workbook("a")).ino);
    expect(await firstValue(workbook("c"))).toBe(13);
    expect(readFileSync(join(work, "c", "linh-vuc", "index.html"), "utf8")).toContain('<a href="bang.xlsx" download="linh-vuc.xlsx">Tải Excel</a>');
  });
});
