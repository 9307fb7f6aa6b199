/**
 * The whole cycle in a real Chromium against the server started as a user
 * starts it (`npm start` → src/workspace/start.ts) on the bundled demo
 * repository: a commune focal point on a 390-px phone signs in, records an
 * urgent observation with a mistake, sees the message beside the field,
 * corrects and sends; the commune MTTQ sends it back with a reason; the
 * submitter corrects and resends; the reviewer approves; the internal site then
 * shows it with who submitted and approved it. Screenshots go to
 * docs/ban-lam-viec/ (the README's walk-through).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { todayInVietnam } from "../core/calendar/dates.ts";
import { launchChromium } from "../test-support/browser.ts";
import { startWorkspaceServer, type WorkspaceServer } from "./testing/workspace-server.ts";

const SUBMITTER = "xa-thach-ha-hoi-phu-nu-nguyen-van-an";
const REVIEWER = "xa-thach-ha-mttq-duong-ngoc-dung";
const SHOTS = join(import.meta.dirname, "..", "..", "docs", "ban-lam-viec");
const TITLE = "Trạm y tế xã thiếu bác sĩ trực đêm";

let server: WorkspaceServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWorkspaceServer({ today: "2026-12-01" });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function phone(): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "vi-VN" });
  const page = await context.newPage();
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url)) outside.push(request.url());
  });
  return { context, page, outside };
}

async function signIn(page: Page, id: string): Promise<void> {
  await page.goto(`${server.base}/`);
  await expect.poll(() => page.url()).toContain("/dang-nhap");
  // Keyboard only: type, Tab, type, Enter.
  await page.locator("#id").focus();
  await page.keyboard.type(id);
  await page.keyboard.press("Tab");
  await page.keyboard.type(server.password as string);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${server.base}/`);
}

const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
};

/** No horizontal scrolling at 390 px. */
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe("bàn làm việc: ghi nhận → trả lại → sửa → duyệt → trang nội bộ", () => {
  test("the whole cycle", async () => {
    const submitter = await phone();
    const reviewer = await phone();
    const mainBefore = server.git("rev-parse", "main").trim();

    // 1. The commune focal point signs in and records an urgent observation with a wrong date.
    await signIn(submitter.page, SUBMITTER);
    await shot(submitter.page, "01-viec-can-lam");
    expect(await fitsPhone(submitter.page)).toBe(true);
    await submitter.page.getByRole("link", { name: "Ghi nhận", exact: true }).click();
    const form = submitter.page;
    await form.locator("#title").fill(TITLE);
    await form.locator("#observed_on").fill("31/11/2026");
    await form.locator("#recorded_on").fill("01/12/2026");
    await form.locator("#field").selectOption("van-hoa-xa-hoi");
    await form.getByLabel("Y tế, dân số").check();
    await form.locator("#channel").selectOption("duong-day-nong");
    await form.getByLabel("Khẩn", { exact: true }).check();
    await form.locator("#people_count").fill("120");
    await form.locator("#body").fill("Người dân phản ánh trạm y tế xã không có bác sĩ trực đêm, phải đưa người bệnh lên tuyến huyện.");
    await expect.poll(() => form.locator("[data-draft-status]").textContent()).toContain("Đã lưu nháp");
    await shot(form, "02-ghi-nhan");
    const [refused] = await Promise.all([
      form.waitForResponse((response) => response.request().method() === "POST"),
      form.getByRole("button", { name: "Gửi lên cấp trên" }).click(),
    ]);
    expect(refused.status()).toBe(422);
    const message = form.locator("#loi-observed_on");
    await expect.poll(() => message.textContent()).toContain("2026-11-31");
    expect(await form.locator("#observed_on").getAttribute("aria-describedby")).toContain("loi-observed_on");
    await form.locator("[data-input=observed_on]").scrollIntoViewIfNeeded();
    await shot(form, "03-loi-canh-o");
    expect(server.git("rev-parse", "main").trim()).toBe(mainBefore);
    expect(server.git("branch", "--list", "submissions/xa-thach-ha/*")).toBe("");

    // 2. Corrects and sends.
    await form.locator("#observed_on").fill("30/11/2026");
    await form.getByRole("button", { name: "Gửi lên cấp trên" }).click();
    await form.waitForURL(/da-gui=/);
    const branch = decodeURIComponent(/da-gui=([^&]+)/.exec(form.url())?.[1] ?? "");
    expect(branch).toMatch(/^submissions\/xa-thach-ha\/2026-12-01-/);
    expect(server.git("log", "-1", "--format=%an|%B", branch)).toContain("Nguyễn Văn An|");
    expect(await form.getByText("Chờ duyệt").count()).toBeGreaterThan(0);
    // The draft is gone once sent.
    await form.goto(`${server.base}/ghi-nhan`);
    expect(await form.locator("#title").inputValue()).toBe("");

    // 3. The commune MTTQ sees it first in "Chờ tôi duyệt" and sends it back with a reason.
    await signIn(reviewer.page, REVIEWER);
    await reviewer.page.getByRole("link", { name: TITLE }).click();
    await expect.poll(() => reviewer.page.textContent("body")).toContain("Hợp lệ");
    await shot(reviewer.page, "04-xem-bai-nop");
    await reviewer.page.locator("#reason").fill("Ghi rõ trạm y tế thôn nào và từ khi nào không có bác sĩ trực.");
    await reviewer.page.getByRole("button", { name: "Trả lại", exact: true }).click();
    await reviewer.page.waitForURL(/da-duyet=/);
    expect(server.git("log", "-1", "--format=%B", `reviews/${branch}`)).toContain("Ghi rõ trạm y tế thôn nào");

    // 4. The submitter sees the reason, corrects from the same screen and resends.
    await submitter.page.goto(`${server.base}/`);
    await expect.poll(() => submitter.page.textContent("body")).toContain("Ghi rõ trạm y tế thôn nào");
    await shot(submitter.page, "05-bi-tra-lai");
    await submitter.page.getByRole("link", { name: "Sửa và gửi lại" }).click();
    expect(await submitter.page.locator("#title").inputValue()).toBe(TITLE);
    expect(await submitter.page.locator("#observed_on").inputValue()).toBe("30/11/2026");
    await submitter.page.locator("#location").fill("Trạm y tế thôn Trung Hòa");
    await submitter.page.locator("#body").fill("Từ tháng 10/2026, trạm y tế thôn Trung Hòa không có bác sĩ trực đêm; người bệnh phải đưa lên tuyến huyện.");
    await submitter.page.getByRole("button", { name: "Gửi lại bài đã sửa" }).click();
    await submitter.page.waitForURL(/da-gui=/);
    expect(server.git("rev-list", "--count", `main..${branch}`).trim()).toBe("2");

    // 5. The reviewer approves from the queue (the several-at-once form).
    await reviewer.page.goto(`${server.base}/duyet`);
    await reviewer.page.getByRole("checkbox", { name: "Chọn" }).first().check();
    await shot(reviewer.page, "06-hang-cho-duyet");
    await reviewer.page.getByRole("button", { name: "Duyệt các bài đã chọn" }).click();
    await expect.poll(() => reviewer.page.textContent("body")).toContain("Đã duyệt vào bản chính");
    const merge = server.git("log", "-1", "--format=%B", "main");
    expect(merge).toContain("Submitted-by: Nguyễn Văn An");
    expect(merge).toContain("Reviewed-by: Dương Ngọc Dung");
    expect(server.git("ls-tree", "-r", "--name-only", "main")).toMatch(
      /content\/observations\/2026\/11\/xa-thach-ha\/2026-11-30-tram-y-te-xa-thieu-bac-si-truc\.md/,
    );
    execFsck(server);

    // 6. The internal site, rebuilt in the background, shows it with who submitted and approved it.
    await server.waitFor(/Đã cập nhật trang nội bộ sau lần duyệt mới|Chưa dựng lại được trang nội bộ/, 600_000);
    expect(server.output()).not.toContain("Chưa dựng lại được trang nội bộ");
    const site = submitter.page;
    await site.goto(`${server.url}/thong-tin/xa-thach-ha/2026-11/`);
    const sheet = site.locator('article[id$="tram-y-te-xa-thieu-bac-si-truc"]');
    if ((await sheet.count()) !== 1) throw new Error(`No single sheet on the site page: ${(await site.content()).slice(0, 3000)}\n${server.output()}`);
    // The day of approval is the merge's own day in Vietnam (the real clock), not the server's --today.
    const [year, month, day] = todayInVietnam(new Date(server.git("log", "-1", "--format=%cI", "main").trim())).split("-");
    await expect.poll(() => sheet.textContent()).toContain(`Nguyễn Văn An nộp; Dương Ngọc Dung duyệt ngày ${day}/${month}/${year}`);
    mkdirSync(SHOTS, { recursive: true });
    await sheet.screenshot({ path: join(SHOTS, "07-trang-noi-bo.png") });

    expect(submitter.outside).toEqual([]);
    expect(reviewer.outside).toEqual([]);
    await submitter.context.close();
    await reviewer.context.close();
  }, 600_000);
});

function execFsck(on: WorkspaceServer): void {
  on.git("fsck", "--strict", "--no-progress");
}
