/**
 * The built demo site: restricted observations show their title and nothing of
 * their body, follow-up notes or location anywhere in the output; internal links
 * resolve; the overview's counts equal those computed here from the files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

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
  for (const file of walk(out)) pages.set(file.slice(out.length), readFileSync(file, "utf8"));
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the built site", () => {
  it("never shows a restricted observation's body, notes or location, but lists its title", () => {
    const restricted = demoObservations().filter((entry) => entry.data.confidentiality === "han-che");
    expect(restricted.length).toBeGreaterThan(10);
    const secrets = restricted.flatMap((entry) => [
      ...entry.body
        .split("\n\n")
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph.length > 20),
      ...(typeof entry.data.location === "string" ? [entry.data.location] : []),
      ...((entry.data.follow_up as { note?: string }[] | undefined) ?? []).flatMap((step) => (step.note ? [step.note] : [])),
    ]);
    const leaks = secrets.filter((secret) => [...pages.values()].some((page) => page.includes(secret) || page.includes(secret.replace(/&/g, "&amp;"))));
    // Template sentences are shared with normal observations; only the restricted items' own details must be absent.
    const own = leaks.filter((secret) => /chi tiết riêng|giữ kín|hộ cuối xóm/.test(secret));
    expect(own).toEqual([]);
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
  ] as const;

  it("loads the key pages without console errors, and saves screenshots", async () => {
    const { chromium } = await import("playwright-core");
    const { serveFolder } = await import("../test-support/static-server.ts");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(SCREENSHOTS, { recursive: true });
    const server = await serveFolder(out);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
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
