/**
 * The built demo site's hot-spot pages, its reporting calendars and the hot
 * spots in the urgent feed, against what the core computes from the same files.
 */
import { describe, expect, it } from "vitest";
import { testedMonths } from "../core/reports/hotspots-view.ts";
import { demoViewContext, useBuiltDemoSite } from "../test-support/built-site.ts";
import { parseEvents } from "../test-support/ical.ts";

const site = useBuiltDemoSite();

describe("hot-spot pages", () => {
  it("show the method and every tested month, each with its own page, without inline scripts or styles", () => {
    const { model, tree } = demoViewContext();
    const months = testedMonths(model, tree);
    expect(months.length).toBeGreaterThan(0);
    const index = site.pages.get("/diem-nong/index.html") as string;
    expect(index).toContain("<h1>Điểm nóng mới nổi</h1>");
    expect(index).toContain("Benjamini–Hochberg");
    for (const month of months) {
      const page = site.pages.get(`/diem-nong/${month.period.id}/index.html`);
      expect(page, month.period.id).toBeDefined();
      expect(page?.match(/class="card hotspot"/g)?.length ?? 0).toBe(month.hotspots.length);
    }
    for (const [path, page] of site.pages) {
      if (!path.startsWith("/diem-nong/")) continue;
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
      expect(page).not.toMatch(/\sstyle="/);
    }
  });

  it("put the hot spots of the last three months in the urgent feed", () => {
    const { model, tree } = demoViewContext();
    const expected = testedMonths(model, tree)
      .slice(0, 3)
      .reduce((sum, month) => sum + month.hotspots.length, 0);
    const feed = site.pages.get("/khan.xml") as string;
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.match(/<title>\[Điểm nóng\]/g)?.length ?? 0).toBe(expected);
  });
});

describe("reporting calendars", () => {
  it("give a commune body its periodic deadlines and the demo's ad-hoc requests addressed to it", () => {
    const calendar = site.pages.get("/lich/xa-thach-ha/mttq.ics") as string;
    expect(calendar).toBeDefined();
    const events = parseEvents(calendar);
    const uids = events.map((event) => event.UID);
    expect(uids).toContain("bao-cao-2026-11-xa-thach-ha-mttq@dan-y");
    expect(uids).toContain("yeu-cau-2026-11-23-mua-lu-cuoi-thang-11-xa-thach-ha-mttq@dan-y");
    expect(uids).toContain("yeu-cau-2026-10-02-sap-xep-truong-hoc-xa-thach-ha-mttq@dan-y");
    expect(new Set(uids).size).toBe(uids.length);
    // The women's union of the same commune is asked by name in one request only.
    const union = parseEvents(site.pages.get("/lich/xa-thach-ha/hoi-phu-nu.ics") as string).map((event) => event.UID);
    expect(union).toEqual(["yeu-cau-2026-10-02-sap-xep-truong-hoc-xa-thach-ha-hoi-phu-nu@dan-y"]);
  });
});

describe("ad-hoc requests on the compliance page", () => {
  it("list each demo request with its counts", () => {
    const page = site.pages.get("/tinh-hinh-bao-cao/index.html") as string;
    expect(page).toContain("Báo cáo đột xuất theo yêu cầu");
    expect(page).toContain("Tình hình Nhân dân sau đợt mưa lũ cuối tháng 11/2026");
    expect(page).toContain("Ý kiến của Nhân dân về việc sắp xếp, sáp nhập trường học: từng cơ quan");
    expect(page).toContain("Hội LHPN Xã Thạch Hà: Chưa gửi (đã quá hạn)");
  });
});
