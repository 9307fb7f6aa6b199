import { describe, expect, it } from "vitest";
import { add, BASELINE, province, steady } from "../../test-support/hotspots-fixture.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { hotspotFeedEntries, hotspotsForReport, hotspotsIndexView, hotspotsMarkdown, monthView, testedMonths } from "./hotspots-view.ts";
import { draftReport } from "./report-draft.ts";

function surging() {
  const model = province();
  steady(model, [...BASELINE, "2026-11"]);
  const restricted = add(model, "xa-2", "2026-11-01", "quy-hoach", { confidentiality: "han-che", urgency: "khan" });
  for (const unit of ["xa-2", "xa-5", "xa-8"]) for (let day = 2; day <= 7; day++) add(model, unit, `2026-11-0${day}`, "quy-hoach");
  return { model, tree: buildUnitTree(model), restricted };
}

describe("hot-spot views", () => {
  it("shows topic, units against baseline and the observations by their anchors, restricted ones by title and classification", () => {
    const { model, tree, restricted } = surging();
    const month = testedMonths(model, tree).find((candidate) => candidate.period.id === "2026-11");
    if (!month) throw new Error("2026-11 not tested");
    const view = monthView(model, month);
    expect(view.label).toBe("Tháng 11/2026");
    expect(view.window).toBe("21/10/2026 – 20/11/2026");
    expect(view.href).toBe("/diem-nong/2026-11/");
    const [card] = view.cards;
    expect(card?.topic).toBe("Công tác quy hoạch, quản lý quy hoạch");
    expect(card?.summary).toMatch(/^Tăng ở 3 đơn vị: 22 thông tin trong tháng, so với khoảng \d+,\d thường thấy \(gấp \d+,\d lần\)\.$/);
    expect(card?.units.map((unit) => [unit.unit, unit.count, unit.href])).toEqual([
      ["xa-2", "8", "/don-vi/xa-2/"],
      ["xa-5", "7", "/don-vi/xa-5/"],
      ["xa-8", "7", "/don-vi/xa-8/"],
    ]);
    expect(card?.units[0]?.baselineMean).toBe("1,0");
    expect(card?.items).toHaveLength(22);
    const shown = card?.items.find((item) => item.href.endsWith(restricted.slice("xa-2/".length)));
    expect(shown).toEqual({
      title: expect.any(String),
      href: `/thong-tin/xa-2/2026-11/#${restricted.slice("xa-2/".length)}`,
      unit: "xa-2",
      date: "01/11/2026",
      classification: "Khẩn · thông tin hạn chế: chỉ hiện tiêu đề và phân loại",
      restricted: true,
    });
  });

  it("gives the index the current month, the months list and the method", () => {
    const { model, tree } = surging();
    const view = hotspotsIndexView(model, tree, "2026-11-10");
    expect(view.latest?.id).toBe("2026-11");
    expect(view.months[0]).toEqual({ label: "Tháng 11/2026", href: "/diem-nong/2026-11/", count: "1 điểm nóng" });
    expect(view.method.join(" ")).toContain("Benjamini–Hochberg");
  });

  it("headlines the last whole month while the month in progress has found nothing yet", () => {
    const { model, tree } = surging();
    steady(model, ["2026-12"]);
    const inProgress = hotspotsIndexView(model, tree, "2026-11-25");
    expect(inProgress.months[0]?.label).toBe("Tháng 12/2026");
    expect(inProgress.latest?.id).toBe("2026-11");
    expect(hotspotsIndexView(model, tree, "2026-11-10").latest?.id).toBe("2026-11");
  });

  it("feeds consolidated reports and drafts of the units it touches, with names not ids", () => {
    const { model, tree } = surging();
    expect(hotspotsForReport(model, tree, "tinh", "2026-11")).toHaveLength(1);
    expect(hotspotsForReport(model, tree, "tinh", "2026-q4")).toHaveLength(1);
    expect(hotspotsForReport(model, tree, "xa-5", "2026-11")[0]?.cards).toHaveLength(1);
    expect(hotspotsForReport(model, tree, "xa-1", "2026-11")).toEqual([]);
    expect(hotspotsForReport(model, tree, "tinh", "2026-10")).toEqual([]);
    const markdown = hotspotsMarkdown(model, tree, "tinh", "2026-11");
    expect(markdown).toContain("## Điểm nóng mới nổi");
    expect(markdown).toContain("**Công tác quy hoạch, quản lý quy hoạch** (tháng 11/2026)");
    expect(markdown).toContain("  - xa-2: 8 thông tin, thường thấy khoảng");
    expect(markdown).not.toMatch(/2026-11-0\d-tin/);
    expect(hotspotsMarkdown(model, tree, "xa-1", "2026-11")).toBe("");
  });
});

describe("hot spots in the urgent feed", () => {
  it("are Atom entries linking to the month page's anchor", () => {
    const { model, tree } = surging();
    const entries = hotspotFeedEntries(model, tree, "https://dan-y.example/site");
    expect(entries).toHaveLength(1);
    expect(entries[0]?.updated).toBe("2026-11-20T00:00:00+07:00");
    expect(entries[0]?.xml).toContain("<id>https://dan-y.example/site/diem-nong/2026-11/#diem-nong-subtopic-quy-hoach</id>");
    expect(entries[0]?.xml).toContain("<title>[Điểm nóng] Công tác quy hoạch, quản lý quy hoạch — tháng 11/2026</title>");
  });
});

describe("hot spots in report drafts", () => {
  it("are a section of the draft of a unit they touch, left out when asked", () => {
    const { model, tree } = surging();
    const request = { unit: "tinh", organisation: "mttq", period: "2026-11", author: "nguyen-van-a", submittedOn: "2026-11-20" };
    const draft = draftReport(model, tree, request);
    if (!draft.ok) throw new Error(draft.message);
    expect(draft.text).toContain("## Điểm nóng mới nổi\n\n- **Công tác quy hoạch, quản lý quy hoạch** (tháng 11/2026): Tăng ở 3 đơn vị");
    const plain = draftReport(model, tree, { ...request, withHotspots: false });
    expect(plain.ok && plain.text.includes("Điểm nóng")).toBe(false);
  });
});
