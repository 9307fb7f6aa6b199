/**
 * The built demo site: restricted observations show their title and nothing of
 * their body, follow-up notes or location anywhere in the output; internal links
 * resolve; the overview's counts equal those computed here from the files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { launchChromium } from "../test-support/browser.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const TODAY = "2026-11-27";
let out: string;
const pages = new Map<string, string>();

function* walk(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) yield* walk(join(folder, entry.name));
    else yield join(folder, entry.name);
  }
}

/** The demo's observations straight from the files, parsed here independently of the site's code. */
function demoObservations() {
  const found: { id: string; data: Record<string, unknown>; body: string }[] = [];
  for (const file of walk(join(ROOT, "content", "observations"))) {
    const text = readFileSync(file, "utf8");
    const end = text.indexOf("\n---\n", 4);
    const relative = file.slice(join(ROOT, "content", "observations").length + 1).split("/");
    found.push({ id: `${relative[2]}/${relative[3]?.replace(/\.md$/, "")}`, data: parse(text.slice(4, end)), body: text.slice(end + 5) });
  }
  return found;
}

/** The demo's restricted observations, and the details of each that must appear nowhere in the site or its index. */
function restrictedSecrets() {
  const restricted = demoObservations().filter((entry) => entry.data.confidentiality === "han-che");
  const secrets = restricted.flatMap((entry) => [
    ...entry.body
      .split("\n\n")
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 20),
    ...(typeof entry.data.location === "string" ? [entry.data.location] : []),
    ...((entry.data.follow_up as { note?: string }[] | undefined) ?? []).flatMap((step) => (step.note ? [step.note] : [])),
  ]);
  // Template sentences are shared with normal observations; only the restricted items' own details must be absent.
  return { restricted, secrets, own: secrets.filter((secret) => /chi tiết riêng|giữ kín|hộ cuối xóm/.test(secret)) };
}

/** Every file of the Pagefind bundle as text, its gzip (and Pagefind's own header) undone. */
function indexTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of walk(join(out, "pagefind"))) {
    if (!/(\.pf_(fragment|index|meta|filter)|\/bo-loc\.json\.gz)$/.test(file)) continue;
    const bytes = readFileSync(file);
    const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    texts.set(file.slice(out.length), plain.toString("utf8"));
  }
  return texts;
}

/** The article of one observation on its unit-month page. */
function observationSheet(id: string): string {
  const [unit, anchor] = id.split("/") as [string, string];
  const page = pages.get(`/thong-tin/${unit}/${anchor.slice(0, 7)}/index.html`) ?? "";
  const start = page.indexOf(`<article class="observation" id="${anchor}"`);
  expect(start, id).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf("</article>", start));
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "dan-y-site-"));
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules", "astro", "bin", "astro.mjs"), "build", "--outDir", out], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: "content", DAN_Y_TODAY: TODAY },
    encoding: "utf8",
    timeout: 300_000,
  });
  expect(build.status, build.stderr).toBe(0);
  // Small shards, so that the demo's search runs across several of them as a large site's does.
  const index = spawnSync(process.execPath, [join(ROOT, "src", "cli", "commands", "index-search.ts"), "--site", out, "--shard-size", "200"], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(index.status, index.stderr).toBe(0);
  for (const file of walk(out)) pages.set(file.slice(out.length), readFileSync(file, "utf8"));
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the built site", () => {
  it("never shows a restricted observation's body, notes or location, but lists its title", () => {
    const { restricted, secrets, own } = restrictedSecrets();
    expect(restricted.length).toBeGreaterThan(10);
    expect(own.length).toBeGreaterThanOrEqual(restricted.length);
    const leaks = own.filter((secret) => [...pages.values()].some((page) => page.includes(secret) || page.includes(secret.replace(/&/g, "&amp;"))));
    expect(leaks).toEqual([]);
    // The scan itself can fail: the normal observations' sentences are found in the output.
    expect(secrets.filter((secret) => !own.includes(secret)).some((secret) => [...pages.values()].some((page) => page.includes(secret)))).toBe(true);
    for (const entry of restricted) {
      const sheet = observationSheet(entry.id);
      expect(sheet).toContain(String(entry.data.title).replace(/&/g, "&amp;"));
      expect(sheet).toContain("Thông tin <strong>hạn chế</strong>");
    }
  });

  it("resolves every internal link, anchors included", () => {
    const missing: string[] = [];
    let anchored = 0;
    for (const [path, html] of pages) {
      if (!path.endsWith(".html")) continue;
      for (const [, href, fragment] of html.matchAll(/href="(\/[^"#?]*)(?:#([^"]*))?"/g)) {
        const file = `${href}${(href as string).endsWith("/") ? "index.html" : ""}`;
        if (!existsSync(join(out, file))) missing.push(`${path} → ${href}`);
        else if (fragment) {
          anchored++;
          if (!pages.get(file)?.includes(`id="${fragment}"`)) missing.push(`${path} → ${href}#${fragment}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(anchored).toBeGreaterThan(500);
  });

  it("shows on the overview the counts of the current month computed from the files", () => {
    const home = pages.get("/index.html") as string;
    // The month containing 27/11/2026 is December's window: 21/11/2026–20/12/2026.
    const inWindow = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-11-21" && String(entry.data.observed_on) <= "2026-12-20");
    expect(home).toContain("Kỳ báo cáo từ 21/11/2026 đến 20/12/2026");
    expect(home).toMatch(new RegExp(`<div class="value">${inWindow.length}</div>thông tin nắm được`));
    const urgent = inWindow.filter((entry) => entry.data.urgency !== "thuong-xuyen").length;
    expect(home).toMatch(new RegExp(`<div class="value">${urgent}</div>thông tin đột xuất, khẩn`));
  });

  it("sends a Content-Security-Policy and loads nothing from outside", () => {
    const home = pages.get("/index.html") as string;
    expect(home).toContain('http-equiv="Content-Security-Policy"');
    const external = [...pages].filter(([path, page]) => path.endsWith(".html") && /\ssrc="https?:|<link[^>]+href="https?:/.test(page)).map(([path]) => path);
    expect(external).toEqual([]);
  });
});

describe("consolidated report pages", () => {
  it("show for the province and a month the count computed from the files, and its own report", () => {
    const page = pages.get("/bao-cao/ha-tinh/2026-10/index.html") as string;
    expect(page).toBeDefined();
    const inWindow = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-09-21" && String(entry.data.observed_on) <= "2026-10-20");
    expect(page).toContain(`Tổng hợp ${inWindow.length} thông tin của địa bàn`);
    expect(page).toContain("Ủy ban Mặt trận Tổ quốc Việt Nam — gửi ngày");
    const economy = inWindow.filter((entry) => entry.data.field === "kinh-te").length;
    expect(page).toMatch(new RegExp(`<th scope="row">Lĩnh vực kinh tế</th><td class="number">${economy}</td>`));
  });

  it("drill down from a commune's quarter to its residential areas", () => {
    const page = pages.get("/bao-cao/xa-thach-ha/2026-q3/index.html") as string;
    expect(page).toContain("Đơn vị trực thuộc");
    expect(page).toMatch(/href="\/bao-cao\/xa-thach-ha-thon-[a-z-]+\/2026-q3\/"/);
  });
});

describe("reporting compliance", () => {
  it("expects every current commune's MTTQ and the province's six bodies, and counts what the files hold", () => {
    const communes = readdirSync(join(ROOT, "content", "units")).filter((name) => {
      const unit = parse(readFileSync(join(ROOT, "content", "units", name), "utf8")) as { level: string; valid_to?: string };
      return unit.level === "xa" && !unit.valid_to;
    });
    const sent = readdirSync(join(ROOT, "content", "reports", "2026-10"), { recursive: true })
      .map(String)
      .filter((path) => path.endsWith(".md"));
    const page = pages.get("/tinh-hinh-bao-cao/2026-10/index.html") as string;
    expect(page).toContain(`Phải gửi ${communes.length + 6}, đã gửi ${sent.length}`);
    expect(pages.get("/tinh-hinh-bao-cao/index.html")).toContain('href="/tinh-hinh-bao-cao/2026-10/"');
  });
});

describe("in a real browser (Debian's Chromium)", () => {
  const SCREENSHOTS = join(ROOT, "test-output", "screenshots");
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
    const server = await serveFolder(out);
    const browser = await launchChromium();
    try {
      const observation = [...pages.keys()]
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
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${device}.png`), fullPage: device === "may-tinh" });
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

describe("Atom feed of urgent observations", () => {
  it("lists urgent items newest first, restricted ones by title only", () => {
    const feed = pages.get("/khan.xml") as string;
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="vi">/);
    const urgent = demoObservations()
      .filter((entry) => entry.data.urgency !== "thuong-xuyen")
      .sort((a, b) => String(b.data.observed_on).localeCompare(String(a.data.observed_on)) || a.id.localeCompare(b.id));
    const firstLink = /<entry>\s*<id>[^<]*\/thong-tin\/([^/<]+)\/\d{4}-\d{2}\/#([^<]+)<\/id>/.exec(feed);
    expect(`${firstLink?.[1]}/${firstLink?.[2]}`).toBe(urgent[0]?.id);
    expect((feed.match(/<entry>/g) ?? []).length).toBe(Math.min(100, urgent.length));
    for (const entry of urgent.filter((item) => item.data.confidentiality === "han-che")) expect(feed).not.toContain(String(entry.data.location ?? "§"));
  });
});

describe("guide", () => {
  it("carries the plan and the report outline", () => {
    expect(pages.get("/huong-dan/ke-hoach/index.html")).toContain("NỘI DUNG NẮM TÌNH HÌNH NHÂN DÂN");
    expect(pages.get("/huong-dan/de-cuong-bao-cao/index.html")).toContain("## VII. Kiến nghị, đề xuất");
  });
});

describe("unit pages", () => {
  it("show a former commune's successor and a current commune's focal points and predecessors", () => {
    const former = pages.get("/don-vi/phuong-tran-phu-cu/index.html") as string;
    expect(former).toContain("Sáp nhập vào");
    expect(former).toContain('href="/don-vi/phuong-thanh-sen/"');
    const current = pages.get("/don-vi/phuong-thanh-sen/index.html") as string;
    expect(current).toContain("Hình thành từ");
    const body = parse(readFileSync(join(ROOT, "content", "bodies", "phuong-thanh-sen", "mttq.yaml"), "utf8")) as { focal_points: { name: string }[] };
    expect(current).toContain(body.focal_points[0]?.name as string);
  });
});

describe("fields and channels", () => {
  it("draw the monthly trend as an inline SVG chart with no inline styles, beside a table of the same numbers", () => {
    const page = pages.get("/linh-vuc/index.html") as string;
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*class="chart"/);
    expect(page).not.toMatch(/<style|\sstyle="/);
    const october = demoObservations().filter(
      (entry) => String(entry.data.observed_on) >= "2026-09-21" && String(entry.data.observed_on) <= "2026-10-20",
    ).length;
    expect(page).toMatch(
      new RegExp(`<th scope="row">Tổng</th>(?:<td class="number">\\d+</td>)*<td class="number">${october}</td>(?:<td class="number">\\d+</td>){2}</tr>`),
    );
    expect(pages.get("/linh-vuc/kinh-te/index.html")).toContain("Công tác quy hoạch, quản lý quy hoạch");
  });
});

describe("search index", () => {
  it("is written in date shards listed newest first", () => {
    const manifest = JSON.parse(pages.get("/pagefind/manh.json") as string) as { shards: { path: string; newest: string; oldest: string; records: number }[] };
    expect(manifest.shards.length).toBeGreaterThan(2);
    expect(manifest.shards.reduce((sum, shard) => sum + shard.records, 0)).toBe(
      demoObservations().length + readdirSync(join(ROOT, "content", "reports"), { recursive: true }).filter((path) => String(path).endsWith(".md")).length,
    );
    for (const [index, shard] of manifest.shards.entries()) {
      expect(pages.has(`/pagefind/${shard.path}pagefind.js`)).toBe(true);
      expect(shard.newest >= shard.oldest).toBe(true);
      if (index > 0) expect((manifest.shards[index - 1] as { oldest: string }).oldest >= shard.newest).toBe(true);
    }
  });

  it("holds no restricted observation's body, notes or location, and does hold normal text (scanned decompressed)", () => {
    const texts = indexTexts();
    expect([...texts.keys()].filter((path) => path.endsWith(".pf_fragment")).length).toBeGreaterThan(500);
    const { secrets, own } = restrictedSecrets();
    const all = [...texts.values()].join("\n");
    expect(own.filter((secret) => all.includes(secret))).toEqual([]);
    expect(secrets.filter((secret) => !own.includes(secret)).some((secret) => all.includes(secret))).toBe(true);
  });
});

describe("search in a real browser", () => {
  type Page = import("playwright-core").Page;
  let browser: import("playwright-core").Browser;
  let server: { url: string; close: () => Promise<void> };
  const errors: string[] = [];

  beforeAll(async () => {
    const { serveFolder } = await import("../test-support/static-server.ts");
    server = await serveFolder(out);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(address: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}${address}`);
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
        for (const result of search.results) urls.push((await result.data()).url);
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
    const { restricted, own } = restrictedSecrets();
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
    const page = await browser.newPage();
    await page.goto(`${server.url}/tim-kiem/`);
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
    expect(pages.get(`${path}index.html`)).toContain(`id="${anchor}"`);
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
