/**
 * "Tải Word" on the built demo's report pages, in a real browser: a click (or
 * Enter on the focused button) builds the .docx in the page, from the document
 * the page carries, with nothing loaded from outside the site; the file has the
 * name and the very word/document.xml that `dan-y report docx` writes for the
 * same id; LibreOffice opens it; and a page whose document is missing says so
 * in Vietnamese instead of failing silently.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchChromium } from "../test-support/browser.ts";
import { DEMO_TODAY, useBuiltDemoSite } from "../test-support/built-site.ts";
import { cliDocx, documentXml, docxToLayoutText, OFFICE_MISSING } from "../test-support/office.ts";

const site = useBuiltDemoSite();

/** Presses the page's "Tải Word" button for `id` (by keyboard or mouse) and returns the download's name and bytes. */
async function download(page: Page, id: string, how: "keyboard" | "mouse"): Promise<{ name: string; bytes: Uint8Array }> {
  const button = page.locator(`button[data-word-id="${id}"]`);
  await button.waitFor({ state: "visible" });
  const pressed = how === "keyboard" ? button.focus().then(() => page.keyboard.press("Enter")) : button.click();
  const [file] = await Promise.all([page.waitForEvent("download"), pressed]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
}

describe("Tải Word built in the browser", () => {
  /** The consolidated report the browser saved, opened in LibreOffice by the test after the one that downloads it. */
  let browserDocx: Uint8Array | undefined;

  it("downloads the consolidated report and a body's report exactly as the command line writes them", { timeout: 300_000 }, async () => {
    const { serveFolder } = await import("../test-support/static-server.ts");
    const server = await serveFolder(site.out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ acceptDownloads: true });
      // The consolidated report is dated the reader's day in Vietnam: 00:30 on the demo's day there, still the day before in UTC.
      await page.clock.setFixedTime(new Date(`${DEMO_TODAY}T00:30:00+07:00`));
      const errors: string[] = [];
      const outside: string[] = [];
      const scripts: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("request", (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith("blob:")) outside.push(request.url());
        if (request.resourceType() === "script") scripts.push(request.url());
      });
      await page.goto(`${server.url}/bao-cao/ha-tinh/2026-07/`);
      // The Word writer is not loaded with the page, only on the first click.
      const before = [...scripts];
      expect(before.some((url) => url.includes("docx-report"))).toBe(false);

      const consolidated = await download(page, "2026-07/ha-tinh", "keyboard");
      expect(consolidated.name).toBe("bao-cao-tong-hop-2026-07-ha-tinh.docx");
      expect(scripts.some((url) => url.includes("docx-report"))).toBe(true);
      await page.locator("[data-word-status]", { hasText: "Đã tạo tệp bao-cao-tong-hop-2026-07-ha-tinh.docx" }).waitFor();
      expect(await documentXml(consolidated.bytes)).toBe(await documentXml(cliDocx("2026-07/ha-tinh", DEMO_TODAY, "content")));
      // Another day on the same page: the document bears the day it is made, and differs by nothing else.
      await page.clock.setFixedTime(new Date("2027-01-05T09:00:00+07:00"));
      const later = await documentXml((await download(page, "2026-07/ha-tinh", "mouse")).bytes);
      expect(later).toContain("Hà Tĩnh, ngày 05 tháng 01 năm 2027");
      expect(later.replace("ngày 05 tháng 01 năm 2027", "ngày 27 tháng 11 năm 2026")).toBe(await documentXml(consolidated.bytes));

      const report = await download(page, "2026-07/ha-tinh/mttq", "mouse");
      expect(report.name).toBe("bao-cao-2026-07-ha-tinh-mttq.docx");
      const xml = await documentXml(report.bytes);
      expect(xml).toBe(await documentXml(cliDocx("2026-07/ha-tinh/mttq", DEMO_TODAY, "content")));
      expect(xml).not.toBe(await documentXml(consolidated.bytes));
      for (const part of ["ỦY BAN MTTQ VIỆT NAM", "TỈNH HÀ TĨNH", "Tình hình Nhân dân tháng 7/2026", "Hà Văn Hùng", "Thường trực Tỉnh ủy Hà Tĩnh"])
        expect(xml).toContain(part);

      expect(errors).toEqual([]);
      expect(outside).toEqual([]);

      browserDocx = consolidated.bytes;
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it.skipIf(OFFICE_MISSING !== undefined)(
    `opens in LibreOffice in the administrative layout${OFFICE_MISSING ? ` — SKIPPED: ${OFFICE_MISSING}` : ""}`,
    { timeout: 120_000 },
    () => {
      expect(browserDocx, "the browser's download above").toBeDefined();
      const { text } = docxToLayoutText(browserDocx as Uint8Array);
      for (const part of [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Tổng hợp tình hình Nhân dân tháng 7/2026",
        "Nơi nhận:",
      ])
        expect(text).toContain(part);
      expect(text).toMatch(/Hà Tĩnh, ngày 27 tháng 11 năm 2026/);
    },
  );

  it("says in Vietnamese what went wrong and what to do when the page holds no document", { timeout: 120_000 }, async () => {
    const { serveFolder } = await import("../test-support/static-server.ts");
    const server = await serveFolder(site.out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ acceptDownloads: true });
      let downloads = 0;
      page.on("download", () => downloads++);
      await page.goto(`${server.url}/bao-cao/ha-tinh/2026-07/`);
      const button = page.locator('button[data-word-id="2026-07/ha-tinh"]');
      await button.waitFor({ state: "visible" });
      await page.evaluate(() => document.getElementById("van-ban-2026-07-ha-tinh")?.remove());
      await button.click();
      const status = page.locator("[data-word-status]").first();
      await status.filter({ hasText: "Không tạo được tệp Word" }).waitFor();
      expect(await status.textContent()).toContain("npx dan-y report docx 2026-07/ha-tinh");
      expect(await status.getAttribute("role")).toBe("status");
      expect(await button.isEnabled()).toBe(true);
      expect(downloads).toBe(0);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
