/**
 * The built demo site in a real browser: key pages load without console errors
 * (screenshots saved), and search finds, folds, filters and ranks as the files say.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORD_URL_META } from "../core/search/index-page.ts";
import { launchChromium } from "../test-support/browser.ts";
import { browserOnSite, demoObservations, ROOT, restrictedSecrets, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

describe("in a real browser (Chromium)", () => {
  const SCREENSHOTS = join(ROOT, "test-output", "screenshots");
  const MAX_PICTURE_HEIGHT = 8000;
  const KEY_PAGES = [
    ["trang-chu", "/"],
    ["tinh-thang", "/bao-cao/ha-tinh/2026-10/"],
    ["xa-quy", "/bao-cao/xa-thach-ha/2026-q3/"],
    ["theo-doi", "/theo-doi/"],
    ["tinh-hinh-bao-cao", "/tinh-hinh-bao-cao/"],
    ["huong-dan", "/huong-dan/"],
    ["don-vi", "/don-vi/xa-thach-ha/"],
    ["linh-vuc", "/linh-vuc/"],
    ["tim-kiem", `/tim-kiem/?q=${encodeURIComponent("đất đai")}`],
  ] as const;

  it("loads the key pages without console errors, and saves screenshots", async () => {
    const { serveFolder } = await import("../test-support/static-server.ts");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(SCREENSHOTS, { recursive: true });
    const server = await serveFolder(site.out);
    const browser = await launchChromium();
    try {
      const observation = [...site.pages.keys()]
        .find((path) => path.startsWith("/thong-tin/") && path.endsWith("index.html") && path !== "/thong-tin/index.html")
        ?.replace(/index\.html$/, "") as string;
      for (const [name, path] of [...KEY_PAGES, ["thong-tin", observation] as const]) {
        for (const [device, viewport] of [
          ["may-tinh", { width: 1280, height: 900 }],
          ["dien-thoai", { width: 390, height: 844 }],
        ] as const) {
          const page = await browser.newPage({ viewport });
          const errors: string[] = [];
          page.on("console", (message) => {
            if (message.type() === "error") errors.push(message.text());
          });
          page.on("pageerror", (error) => errors.push(error.message));
          const response = await page.goto(`${server.url}${path}`);
          expect(response?.status(), path).toBe(200);
          expect(await page.locator("h1").first().textContent()).toBeTruthy();
          // The stylesheet applied (the CSP allows it): the header has its colour.
          expect(await page.locator("header.site").evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(155, 28, 28)");
          // The search page shows its results before its picture is taken (its index loads in the browser).
          if (name === "tim-kiem") await page.locator('#ket-qua[aria-busy="false"] > li').first().waitFor();
          // The desktop picture shows the whole page up to a height every Chromium build can capture (the one from npm
          // refuses a picture of the longest report pages whole).
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const picture = () =>
            page.screenshot({
              path: join(SCREENSHOTS, `${name}-${device}.png`),
              ...(device === "may-tinh" ? { fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_PICTURE_HEIGHT) } } : {}),
            });
          // Once more after Chromium's "Unable to capture screenshot": its compositor gives up when both cores are busy (seen once in a full run).
          await picture().catch(picture);
          expect(errors, `${path} (${device})`).toEqual([]);
          await page.close();
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});

describe("search in a real browser", () => {
  type Page = import("playwright-core").Page;
  const served = browserOnSite(site);
  const errors: string[] = [];

  async function open(address: string): Promise<Page> {
    const page = await served.browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${served.url}${address}`);
    if (address.startsWith("/tim-kiem/")) await settled(page);
    return page;
  }

  /** Waits until the page has shown the results of its current state (the list is busy while a search runs). */
  async function settled(page: Page): Promise<void> {
    await page.locator('#ket-qua[aria-busy="false"]').waitFor({ state: "attached" });
  }

  const status = (page: Page) => page.locator("#tinh-trang-tim").textContent();
  const titles = (page: Page) => page.locator("#ket-qua h2").allTextContents();

  /** Every result's address for a query, through Pagefind's own API in the page. */
  function allUrls(page: Page, query: string): Promise<string[]> {
    // A string, so that the test runner does not rewrite the browser's own import().
    return page.evaluate(`(async () => {
      const manifest = await (await fetch("/pagefind/manh.json")).json();
      const urls = [];
      for (const shard of manifest.shards) {
        const pagefind = await import("/pagefind/" + shard.path + "pagefind.js");
        const search = await pagefind.search(${JSON.stringify(query)});
        for (const result of search.results) {
          // The record's own address travels as meta; the indexed page's address is a scratch file's.
          const data = await result.data();
          urls.push(data.meta[${JSON.stringify(RECORD_URL_META)}] ?? data.url);
        }
      }
      return urls;
    })()`);
  }

  it("finds without diacritics (đ as d) every item the accented query finds, exact accents first", async () => {
    const page = await open("/tim-kiem/");
    for (const [accented, plain] of [
      ["đất đai", "dat dai"],
      ["tham nhũng", "tham nhung"],
      ["giải phóng mặt bằng", "giai phong mat bang"],
      ["đường", "duong"],
    ] as const) {
      const withAccents = await allUrls(page, accented);
      const without = new Set(await allUrls(page, plain));
      expect(withAccents.length, accented).toBeGreaterThan(0);
      expect(
        withAccents.filter((url) => !without.has(url)),
        `${accented} / ${plain}`,
      ).toEqual([]);
    }
    for (const query of ["dat dai", "đất đai"]) {
      const ranked = await open(`/tim-kiem/?q=${encodeURIComponent(query)}&sap-xep=lien-quan`);
      const first = await ranked.locator("#ket-qua > li").first().textContent();
      expect(first?.toLowerCase()).toContain("đất đai");
      // The matched words are marked, accents folded: "dat" marks "đất" as well as a tag "dat-dai".
      const marked = (await ranked.locator("#ket-qua > li").first().locator("mark").allTextContents()).map((word) => word.toLowerCase());
      expect(marked).toContain(query === "đất đai" ? "đất" : marked.includes("dat") ? "dat" : "đất");
      expect(marked).toContain(query === "đất đai" ? "đai" : marked.includes("dai") ? "dai" : "đai");
      await ranked.close();
    }
    await page.close();
  }, 60_000);

  it("treats a query typed in NFD as NFC, in the address and in the box", async () => {
    const nfc = await open(`/tim-kiem/?q=${encodeURIComponent("giải phóng mặt bằng")}`);
    const nfd = await open(`/tim-kiem/?q=${encodeURIComponent("giải phóng mặt bằng".normalize("NFD"))}`);
    expect(await status(nfd)).toBe(await status(nfc));
    expect(await titles(nfd)).toEqual(await titles(nfc));
    const typed = await open("/tim-kiem/");
    await typed.locator("#q").fill("tham nhũng".normalize("NFD"));
    await typed.locator("#q").press("Enter");
    await settled(typed);
    const reference = await open(`/tim-kiem/?q=${encodeURIComponent("tham nhũng")}`);
    expect(await status(typed)).toBe(await status(reference));
    for (const page of [nfc, nfd, typed, reference]) await page.close();
  }, 60_000);

  it("narrows by combined filters with counts equal to the files', keeps the state in the address, and goes back", async () => {
    // The reporting year 2026 runs 16/12/2025–15/12/2026 (annual report due 15 December).
    const inYear = (entry: { data: Record<string, unknown> }) =>
      String(entry.data.observed_on) >= "2025-12-16" && String(entry.data.observed_on) <= "2026-12-15";
    const economy = demoObservations().filter((entry) => entry.data.field === "kinh-te");
    const page = await open("/tim-kiem/");
    await page.locator('input[name="linh_vuc"][value="kinh-te"]').check();
    await settled(page);
    expect(await status(page)).toBe(`${economy.length.toLocaleString("vi-VN")} mục, mới nhất trước.`);
    await page.locator("#loc-nam").selectOption("2026");
    await settled(page);
    const both = economy.filter(inYear).length;
    expect(both).toBeGreaterThan(10);
    expect(await status(page)).toBe(`${both.toLocaleString("vi-VN")} mục, mới nhất trước.`);
    expect(await page.locator('[data-count="linh_vuc=kinh-te"]').textContent()).toBe(`(${both})`);
    const ratings = demoObservations().filter((entry) => entry.data.field === "van-hoa-xa-hoi" && inYear(entry)).length;
    expect(await page.locator('[data-count="linh_vuc=van-hoa-xa-hoi"]').textContent()).toBe(`(${ratings})`);
    expect(new URL(page.url()).search).toBe("?linh_vuc=kinh-te&nam=2026");
    // Newest first across the shards: the shown dates never increase, and they start at the newest such item.
    await page.locator("#xem-them").click();
    await page.locator("#ket-qua > li:nth-child(11)").waitFor();
    const shownDates = (await page.locator(".result-facts").allTextContents()).map((facts) => {
      const [day, month, year] = (/(\d{2})\/(\d{2})\/(\d{4})/.exec(facts) ?? []).slice(1);
      return `${year}-${month}-${day}`;
    });
    expect(shownDates.length).toBe(Math.min(20, both));
    expect(shownDates).toEqual([...shownDates].sort().reverse());
    expect(shownDates[0]).toBe(
      economy
        .filter(inYear)
        .map((entry) => String(entry.data.observed_on))
        .sort()
        .at(-1),
    );

    const shared = await open(`/tim-kiem/${new URL(page.url()).search}`);
    expect(await status(shared)).toBe(await status(page));
    expect(await titles(shared)).toEqual((await titles(page)).slice(0, 10));
    expect(await shared.locator("#loc-nam").inputValue()).toBe("2026");

    await page.goBack();
    await settled(page);
    expect(new URL(page.url()).search).toBe("?linh_vuc=kinh-te");
    expect(await status(page)).toBe(`${economy.length.toLocaleString("vi-VN")} mục, mới nhất trước.`);
    await shared.close();
    await page.close();
  }, 60_000);

  it("with a query, shows beside each filter value the number of results choosing it gives, a unit counting its subtree", async () => {
    const query = "dat dai";
    const page = await open(`/tim-kiem/?q=${encodeURIComponent(query)}&sap-xep=lien-quan`);
    const everything = await allUrls(page, query);
    expect(everything.length).toBeGreaterThan(20);
    expect(await status(page)).toBe(`Tìm thấy ${everything.length.toLocaleString("vi-VN")} kết quả.`);
    // A former district: its count covers its communes' items (and its successors'), as choosing it does.
    const districts = await page
      .locator('#loc-don_vi option[value^="huyen-"]')
      .evaluateAll((options) =>
        options.map((option) => [(option as HTMLOptionElement).value, Number(/\((\d+)\)$/.exec(option.textContent ?? "")?.[1])] as const),
      );
    const [district, districtCount] = [...districts].sort((a, b) => b[1] - a[1])[0] as readonly [string, number];
    expect(districtCount).toBeGreaterThan(0);
    expect(districtCount).toBeLessThan(everything.length);
    await page.locator("#loc-don_vi").selectOption(district);
    await settled(page);
    expect(await status(page)).toBe(`Tìm thấy ${districtCount.toLocaleString("vi-VN")} kết quả.`);
    // Within the district, each field's badge is what ticking it gives.
    const fieldCounts = await page
      .locator('[data-count^="linh_vuc="]')
      .evaluateAll((badges) =>
        badges.map((badge) => [badge.getAttribute("data-count")?.slice("linh_vuc=".length), Number(badge.textContent?.replace(/\D/g, ""))] as const),
      );
    const [field, fieldCount] = [...fieldCounts].sort((a, b) => b[1] - a[1])[0] as readonly [string, number];
    expect(fieldCount).toBeGreaterThan(0);
    expect(fieldCounts.reduce((sum, [, count]) => sum + count, 0)).toBeLessThanOrEqual(districtCount);
    await page.locator(`input[name="linh_vuc"][value="${field}"]`).check();
    await settled(page);
    expect(await status(page)).toBe(`Tìm thấy ${fieldCount.toLocaleString("vi-VN")} kết quả.`);
    // The district's own count now counts under the field's choice: the results shown.
    const districtNow = Number(/\((\d+)\)$/.exec((await page.locator(`#loc-don_vi option[value="${district}"]`).textContent()) ?? "")?.[1]);
    expect(districtNow).toBe(fieldCount);
    await page.close();
  }, 60_000);

  it("finds a restricted observation by its title but by no words of its body, notes or location", async () => {
    const page = await open("/tim-kiem/");
    const { restricted, own } = await restrictedSecrets();
    for (const secret of own) {
      const found = await allUrls(page, secret);
      const item = restricted.find((entry) => entry.body.includes(secret) || JSON.stringify(entry.data).includes(secret));
      expect(
        found.filter((url) => item && url.includes(item.id.split("/")[1] as string)),
        secret,
      ).toEqual([]);
    }
    const sample = restricted[0] as (typeof restricted)[number];
    expect((await allUrls(page, String(sample.data.title))).some((url) => url.includes(sample.id.split("/")[1] as string))).toBe(true);
    await page.close();
  }, 60_000);

  it("says so, and stops waiting, when the results' texts cannot be loaded", async () => {
    // Its own page, outside `open`: the refused requests are expected console errors here.
    const page = await served.browser.newPage();
    await page.goto(`${served.url}/tim-kiem/`);
    await settled(page);
    await page.route(/\.pf_fragment$/, (route) => route.abort());
    await page.locator("#q").fill("thủy lợi");
    await page.locator("#q").press("Enter");
    await expect.poll(() => status(page)).toBe("Không tải được một phần chỉ mục tìm kiếm. Hãy kiểm tra kết nối tới trang nội bộ rồi tải lại trang.");
    expect(await page.locator("#ket-qua").getAttribute("aria-busy")).toBe("false");
    await page.close();
  }, 60_000);

  it("is reached from the search box of every page, and shows results with their facts", async () => {
    const page = await open("/");
    await page.locator("#tim-nhanh").fill("đất đai");
    await page.locator("#tim-nhanh").press("Enter");
    await page.waitForURL(/\/tim-kiem\/\?q=/);
    await settled(page);
    expect(await page.locator("#q").inputValue()).toBe("đất đai");
    expect(await status(page)).toMatch(/^Tìm thấy \d+ kết quả\.$/);
    // By relevance, the items holding the phrase as typed come before those matching "đặt", "đại" or "dat".
    await page.locator("#sap-xep").selectOption("lien-quan");
    await settled(page);
    const excerpts = await page.locator("#ket-qua .excerpt").allTextContents();
    expect(excerpts.length).toBeGreaterThan(3);
    for (const text of excerpts.slice(0, 3)) expect(text.toLowerCase()).toContain("đất đai");
    const first = page.locator("#ket-qua > li").first();
    expect(await first.locator(".result-facts").textContent()).toMatch(/^(Thông tin nắm được|Báo cáo).* · \d{2}\/\d{2}\/\d{4}/);
    const href = (await first.locator("a").getAttribute("href")) as string;
    const [path, anchor] = href.split("#");
    expect(site.pages.get(`${path}index.html`)).toContain(`id="${anchor}"`);
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("the tracker and the 404 page in a real browser", () => {
  const served = browserOnSite(site);

  it("narrows the tracker to a unit's subtree and an organisation, keeps the choice in the address, with no console errors", async () => {
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${served.url}/theo-doi/`);
    const visible = () => page.locator("#cho-tra-loi tbody tr:not([hidden])").count();
    const all = await visible();
    const waiting = demoObservations().filter((entry) => entry.data.status === "da-chuyen");
    expect(all).toBe(waiting.length);
    // Thạch Hà's subtree: the commune, its residential areas, the former communes merged into it.
    const html = site.pages.get("/theo-doi/index.html") as string;
    const rows = [...html.matchAll(/<tr data-units="([^"]*)" data-organisation="([^"]*)"/g)].map(([, units, organisation]) => ({
      units: (units as string).split(" "),
      organisation,
    }));
    expect(rows.length).toBe(all);
    const inSubtree = rows.filter((row) => row.units.includes("xa-thach-ha")).length;
    expect(inSubtree).toBeGreaterThan(0);
    expect(inSubtree).toBeLessThan(all);
    // The rates over time count forwarded items in each cell's brackets.
    const counted = async (on: typeof page) =>
      (await on.locator("#theo-thoi-gian tbody td").allTextContents()).reduce((sum, cell) => sum + Number(/\((\d+)\)$/.exec(cell)?.[1] ?? 0), 0);
    const everywhere = await counted(page);
    await page.locator('select[name="don-vi"]').selectOption("xa-thach-ha");
    expect(await visible()).toBe(inSubtree);
    expect(new URL(page.url()).search).toBe("?don-vi=xa-thach-ha");
    expect(await page.locator("#so-muc-hien").textContent()).toMatch(new RegExp(`^Đang hiện ${inSubtree} trong ${all} nội dung chờ trả lời`));
    const narrowed = await counted(page);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(everywhere);
    await page.locator('select[name="to-chuc"]').selectOption("hoi-phu-nu");
    expect(await visible()).toBe(rows.filter((row) => row.units.includes("xa-thach-ha") && row.organisation === "hoi-phu-nu").length);
    expect(new URL(page.url()).search).toBe("?don-vi=xa-thach-ha&to-chuc=hoi-phu-nu");
    // A shared address opens narrowed.
    const shared = await served.browser.newPage();
    await shared.goto(`${served.url}/theo-doi/?don-vi=xa-thach-ha`);
    expect(await shared.locator("#cho-tra-loi tbody tr:not([hidden])").count()).toBe(inSubtree);
    expect(await counted(shared)).toBe(narrowed);
    expect(errors).toEqual([]);
    await shared.close();
    await page.close();
  }, 60_000);

  it("answers an unknown address with the Vietnamese 404 page, status 404, its search box filled from the address", async () => {
    const page = await served.browser.newPage();
    const response = await page.goto(`${served.url}/bao-cao/xa-khong-co/2026-13/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
    expect(await page.locator("#tim-trang").inputValue()).toBe("xa khong co 2026 13");
    await page.locator("#tim-trang").press("Enter");
    await page.waitForURL(/\/tim-kiem\/\?q=xa\+khong\+co/);
    await page.close();
  }, 60_000);
});
