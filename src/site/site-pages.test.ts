/**
 * The built demo site's pages: the overview's, consolidated reports', compliance's
 * and fields' counts equal those computed here from the files; the feed, the guide,
 * unit pages and the search index's shards.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { demoObservations, ROOT, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

describe("the built site", () => {
  it("shows on the overview the counts of the current month computed from the files", () => {
    const home = site.pages.get("/index.html") as string;
    // The month containing 27/11/2026 is December's window: 21/11/2026–20/12/2026.
    const inWindow = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-11-21" && String(entry.data.observed_on) <= "2026-12-20");
    expect(home).toContain("Kỳ báo cáo từ 21/11/2026 đến 20/12/2026");
    expect(home).toMatch(new RegExp(`<div class="value">${inWindow.length}</div>thông tin nắm được`));
    const urgent = inWindow.filter((entry) => entry.data.urgency !== "thuong-xuyen").length;
    expect(home).toMatch(new RegExp(`<div class="value">${urgent}</div>thông tin đột xuất, khẩn`));
  });

  it("sends a Content-Security-Policy and loads nothing from outside", () => {
    const home = site.pages.get("/index.html") as string;
    expect(home).toContain('http-equiv="Content-Security-Policy"');
    const external = [...site.pages]
      .filter(([path, page]) => path.endsWith(".html") && /\ssrc="https?:|<link[^>]+href="https?:/.test(page))
      .map(([path]) => path);
    expect(external).toEqual([]);
  });
});

describe("consolidated report pages", () => {
  it("show for the province and a month the count computed from the files, and its own report", () => {
    const page = site.pages.get("/bao-cao/ha-tinh/2026-10/index.html") as string;
    expect(page).toBeDefined();
    const inWindow = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-09-21" && String(entry.data.observed_on) <= "2026-10-20");
    expect(page).toContain(`Tổng hợp ${inWindow.length} thông tin của địa bàn`);
    expect(page).toContain("Ủy ban Mặt trận Tổ quốc Việt Nam — gửi ngày");
    const economy = inWindow.filter((entry) => entry.data.field === "kinh-te").length;
    expect(page).toMatch(new RegExp(`<th scope="row">Lĩnh vực kinh tế</th><td class="number">${economy}</td>`));
  });

  it("drill down from a commune's quarter to its residential areas", () => {
    const page = site.pages.get("/bao-cao/xa-thach-ha/2026-q3/index.html") as string;
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
    const page = site.pages.get("/tinh-hinh-bao-cao/2026-10/index.html") as string;
    expect(page).toContain(`Phải gửi ${communes.length + 6}, đã gửi ${sent.length}`);
    expect(site.pages.get("/tinh-hinh-bao-cao/index.html")).toContain('href="/tinh-hinh-bao-cao/2026-10/"');
  });
});

describe("Atom feed of urgent observations", () => {
  it("lists urgent items newest first, restricted ones by title only", () => {
    const feed = site.pages.get("/khan.xml") as string;
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="vi">/);
    const urgent = demoObservations()
      .filter((entry) => entry.data.urgency !== "thuong-xuyen")
      .sort((a, b) => String(b.data.observed_on).localeCompare(String(a.data.observed_on)) || a.id.localeCompare(b.id));
    const firstLink = /<entry>\s*<id>[^<]*\/thong-tin\/([^/<]+)\/\d{4}-\d{2}\/#([^<]+)<\/id>/.exec(feed);
    expect(`${firstLink?.[1]}/${firstLink?.[2]}`).toBe(urgent[0]?.id);
    // The feed also holds recent hot spots; the urgent observations are the entries linking to their sheets.
    expect((feed.match(/<entry>\s*<id>[^<]*\/thong-tin\//g) ?? []).length).toBe(Math.min(100, urgent.length));
    for (const entry of urgent.filter((item) => item.data.confidentiality === "han-che")) expect(feed).not.toContain(String(entry.data.location ?? "§"));
  });
});

describe("guide", () => {
  it("carries the plan and the report outline", () => {
    expect(site.pages.get("/huong-dan/ke-hoach/index.html")).toContain("NỘI DUNG NẮM TÌNH HÌNH NHÂN DÂN");
    expect(site.pages.get("/huong-dan/de-cuong-bao-cao/index.html")).toContain("## VII. Kiến nghị, đề xuất");
  });
});

describe("unit pages", () => {
  it("show a former commune's successor and a current commune's focal points and predecessors", () => {
    const former = site.pages.get("/don-vi/phuong-tran-phu-cu/index.html") as string;
    expect(former).toContain("Sáp nhập vào");
    expect(former).toContain('href="/don-vi/phuong-thanh-sen/"');
    const current = site.pages.get("/don-vi/phuong-thanh-sen/index.html") as string;
    expect(current).toContain("Hình thành từ");
    const body = parse(readFileSync(join(ROOT, "content", "bodies", "phuong-thanh-sen", "mttq.yaml"), "utf8")) as { focal_points: { name: string }[] };
    expect(current).toContain(body.focal_points[0]?.name as string);
  });
});

describe("fields and channels", () => {
  it("draw the monthly trend as an inline SVG chart with no inline styles, beside a table of the same numbers", () => {
    const page = site.pages.get("/linh-vuc/index.html") as string;
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*class="chart"/);
    expect(page).not.toMatch(/<style|\sstyle="/);
    const october = demoObservations().filter(
      (entry) => String(entry.data.observed_on) >= "2026-09-21" && String(entry.data.observed_on) <= "2026-10-20",
    ).length;
    expect(page).toMatch(
      new RegExp(`<th scope="row">Tổng</th>(?:<td class="number">\\d+</td>)*<td class="number">${october}</td>(?:<td class="number">\\d+</td>){2}</tr>`),
    );
    expect(site.pages.get("/linh-vuc/kinh-te/index.html")).toContain("Công tác quy hoạch, quản lý quy hoạch");
  });
});

describe("search index", () => {
  it("is written in date shards listed newest first", () => {
    const manifest = JSON.parse(site.pages.get("/pagefind/manh.json") as string) as {
      shards: { path: string; newest: string; oldest: string; records: number }[];
    };
    expect(manifest.shards.length).toBeGreaterThan(2);
    expect(manifest.shards.reduce((sum, shard) => sum + shard.records, 0)).toBe(
      demoObservations().length + readdirSync(join(ROOT, "content", "reports"), { recursive: true }).filter((path) => String(path).endsWith(".md")).length,
    );
    for (const [index, shard] of manifest.shards.entries()) {
      expect(site.pages.has(`/pagefind/${shard.path}pagefind.js`)).toBe(true);
      expect(shard.newest >= shard.oldest).toBe(true);
      if (index > 0) expect((manifest.shards[index - 1] as { oldest: string }).oldest >= shard.newest).toBe(true);
    }
  });
});

describe("truth across the merger, on the built pages", () => {
  it("shows on a successor's page before the merger the wards its 2 observations came from, linked", () => {
    const page = site.pages.get("/bao-cao/phuong-thanh-sen/2025-05/index.html") as string;
    expect(page).toContain("Tổng hợp 2 thông tin của địa bàn");
    const section = page.slice(page.indexOf('id="don-vi-truc-thuoc"'));
    const linked = [...section.matchAll(/<a href="\/bao-cao\/([a-z0-9-]+)\/2025-05\/">[^<]+<\/a> \(trước sáp nhập[^)]*\): (\d+) thông tin/g)];
    expect(linked.reduce((sum, [, , count]) => sum + Number(count), 0)).toBe(2);
    for (const [, unit] of linked) expect(site.pages.has(`/bao-cao/${unit}/2025-05/index.html`)).toBe(true);
  });

  it("does not list on the province's page after the merger the districts dissolved on 1 July 2025", () => {
    const page = site.pages.get("/bao-cao/ha-tinh/2026-q3/index.html") as string;
    const section = page.slice(page.indexOf('id="don-vi-truc-thuoc"'));
    expect(section).toContain("Phường Thành Sen");
    expect(section).not.toMatch(/Huyện |Thị xã |Thành phố Hà Tĩnh/);
  });

  it("serves a Vietnamese 404 page that offers search", () => {
    const page = site.pages.get("/404.html") as string;
    expect(page).toContain("<h1>Không tìm thấy trang</h1>");
    expect(page).toMatch(/<form class="search" role="search" action="\/tim-kiem\/" method="get">/);
  });

  it("gives every channel a page of trends, each chart beside its table", () => {
    const page = site.pages.get("/kenh/hom-thu-gop-y/index.html") as string;
    expect(page).toMatch(/<svg[^>]*aria-label="Hòm thư góp ý[^"]*: số thông tin theo lĩnh vực/);
    expect(page).toContain("<summary>12 tháng gần nhất</summary>");
    expect(page).not.toMatch(/<style|\sstyle="/);
  });
});
