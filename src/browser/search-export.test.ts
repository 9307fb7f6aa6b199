/**
 * "Tải CSV" and "Tải Excel" on the built demo's search page, in a real browser:
 * every match of the query (not the ten shown), Vietnamese intact, Excel loaded
 * on demand under the page's Content-Security-Policy, nothing restricted.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { launchChromium } from "../test-support/browser.ts";
import { restrictedSecrets, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

describe("search results export in a real browser", () => {
  it("downloads every match of the query as CSV and as Excel", { timeout: 240_000 }, async () => {
    const { serveFolder } = await import("../test-support/static-server.ts");
    const server = await serveFolder(site.out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ acceptDownloads: true });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${server.url}/tim-kiem/?q=${encodeURIComponent("đất đai")}`);
      await page.locator('#ket-qua[aria-busy="false"] > li').first().waitFor();
      const status = (await page.locator("#tinh-trang-tim").textContent()) ?? "";
      const total = Number(/Tìm thấy ([\d.]+) kết quả/.exec(status)?.[1]?.replace(/\./g, ""));
      expect(total).toBeGreaterThan(10);
      expect(await page.locator("#ket-qua > li").count()).toBe(10);

      const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#tai-csv-tim-kiem")]);
      expect(csvDownload.suggestedFilename()).toMatch(/^ket-qua-tim-kiem-\d{4}-\d{2}-\d{2}\.csv$/);
      const csvBytes = readFileSync((await csvDownload.path()) as string);
      expect(csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows = parse(csvBytes.toString("utf8"), { bom: true }) as string[][];
      expect(rows[0]).toEqual(["Ngày", "Loại", "Tiêu đề", "Đơn vị", "Tổ chức", "Lĩnh vực", "Mức độ", "Trạng thái", "Nội dung", "Địa chỉ trên trang"]);
      expect(rows.length - 1).toBe(total);
      expect(rows.slice(1).every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row[0] ?? "") && row[9]?.startsWith(server.url))).toBe(true);
      expect(rows.some((row) => /đất đai/i.test(row.join(" ")))).toBe(true);
      // The restricted items' own details (their template sentences also occur in ordinary items, which export them).
      const { own } = await restrictedSecrets();
      expect(own.length).toBeGreaterThan(0);
      const text = csvBytes.toString("utf8");
      for (const secret of own) expect(text.includes(secret), secret).toBe(false);
      await page.locator("#tinh-trang-tim", { hasText: "Đã tải" }).waitFor();

      const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.click("#tai-excel-tim-kiem")]);
      expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync((await xlsxDownload.path()) as string) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("Kết quả tìm kiếm") as ExcelJS.Worksheet;
      expect(sheet.rowCount - 1).toBe(total);
      expect(sheet.getCell("A2").value).toBeInstanceOf(Date);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
