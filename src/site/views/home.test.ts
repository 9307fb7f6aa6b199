/** The home view on the demo data (today 27/11/2026): counts compared like with like, featured fields from the data, coming deadlines. */
import { describe, expect, it } from "vitest";
import { demoObservations, demoViewContext } from "../../test-support/built-site.ts";
import { homeView } from "./home.ts";
import { consolidationPages } from "./pages.ts";

const context = demoViewContext();
const view = homeView(context, consolidationPages(context.model, context.tree));
const between = (from: string, to: string) =>
  demoObservations().filter((entry) => String(entry.data.observed_on) >= from && String(entry.data.observed_on) <= to);

describe("home view", () => {
  it("compares the first 7 days of December's window with the first 7 days of November's, and says so", () => {
    const now = between("2026-11-21", "2026-12-20");
    const before = between("2026-10-21", "2026-10-27");
    expect(view.intro).toBe("Kỳ báo cáo từ 21/11/2026 đến 20/12/2026 (hôm nay 27/11/2026); so với 7 ngày đầu kỳ trước (tháng 11/2026).");
    expect(view.total.count).toBe(String(now.length));
    const difference = now.length - before.length;
    expect(view.total.change).toBe(`7 ngày đầu kỳ: ${difference === 0 ? "không đổi" : difference > 0 ? `tăng ${difference}` : `giảm ${-difference}`}`);
    expect(view.columns).toEqual(["Đến hôm nay", "7 ngày đầu kỳ trước"]);
    const economy = view.fields.find((row) => row.label === "Lĩnh vực kinh tế");
    expect(economy?.cells).toEqual([
      String(now.filter((e) => e.data.field === "kinh-te").length),
      String(before.filter((e) => e.data.field === "kinh-te").length),
    ]);
  });

  it("lists the fields marked featured in fields.yaml on their own, not a field id written in the page", () => {
    expect(view.featured.map((field) => field.id)).toEqual(context.model.fields.filter((field) => field.featured).map((field) => field.id));
    expect(view.featured.map((field) => field.id)).toEqual(["vu-viec-noi-com"]);
  });

  it("shows the coming deadline of every periodic kind, soonest first, with how many of the expected reports are in", () => {
    expect(view.deadlines.map((item) => [item.due, item.label])).toEqual([
      ["2026-12-15", "6 tháng cuối năm 2026"],
      ["2026-12-15", "Năm 2026"],
      ["2026-12-20", "Tháng 12/2026"],
      ["2026-12-20", "Quý IV/2026"],
    ]);
    expect(view.deadlines[0]?.daysLeft).toBe(18);
    expect(view.deadlines[0]?.href).toBe("/tinh-hinh-bao-cao/2026-h2/");
  });

  it("names urgent items by title, unit and date", () => {
    const urgent = between("2026-11-21", "2026-12-20").filter((entry) => entry.data.urgency !== "thuong-xuyen");
    expect(view.urgent.map((item) => item.title).sort()).toEqual(urgent.map((entry) => String(entry.data.title)).sort());
    for (const item of view.urgent) expect(item.unit).not.toMatch(/^[a-z-]+$/);
  });
});

describe("home view on a changed urgency list", () => {
  it("counts and lists the levels marked urgent in urgencies.yaml, with their labels", () => {
    const urgencies = context.model.urgencies.map((level) =>
      level.id === "dot-xuat" ? { ...level, urgent: false } : level.id === "khan" ? { ...level, label: "Khẩn cấp" } : level,
    );
    const model = { ...context.model, urgencies };
    const changed = homeView({ ...context, model }, consolidationPages(model, context.tree));
    const urgent = between("2026-11-21", "2026-12-20").filter((entry) => entry.data.urgency === "khan");
    expect(urgent.length).toBeGreaterThan(0);
    expect(changed.urgentCount).toBe(String(urgent.length));
    expect(changed.urgent.map((item) => item.title).sort()).toEqual(urgent.map((entry) => String(entry.data.title)).sort());
    expect(new Set(changed.urgent.map((item) => item.urgency))).toEqual(new Set(["Khẩn cấp"]));
    expect([view.urgentPhrase, changed.urgentPhrase]).toEqual(["đột xuất, khẩn", "khẩn cấp"]);
  });
});
