/** The consolidated report view on the demo data: the units of each period below a unit, compared like with like; figures checked against the files. */
import { describe, expect, it } from "vitest";
import { demoObservations, demoUnits, demoViewContext } from "../../test-support/built-site.ts";
import { reportPageView } from "./consolidated-report.ts";
import { consolidationPages } from "./pages.ts";

const context = demoViewContext();
const pages = consolidationPages(context.model, context.tree);
const view = (unit: string, period: string) => reportPageView(context, unit, period, pages, () => undefined);
const units = demoUnits();
const observed = (from: string, to: string, unitIds: Iterable<string>) => {
  const wanted = new Set(unitIds);
  return demoObservations().filter(
    (entry) => wanted.has(String(entry.data.unit)) && String(entry.data.observed_on) >= from && String(entry.data.observed_on) <= to,
  );
};
const count = (text: string) => Number(text.replace(/\D/g, ""));
const between = (from: string, to: string) =>
  demoObservations().filter((entry) => String(entry.data.observed_on) >= from && String(entry.data.observed_on) <= to);

describe("units listed below a unit for a period", () => {
  it("on a successor's page before the merger: the wards that merged into it, with their counts and links", () => {
    const page = view("phuong-thanh-sen", "2025-05");
    const predecessors = [...units].filter(([, unit]) => unit.merged_into?.includes("phuong-thanh-sen"));
    expect(predecessors.length).toBeGreaterThan(3);
    // Tháng 5/2025 runs 21/04/2025–20/05/2025.
    const inMay = observed(
      "2025-04-21",
      "2025-05-20",
      predecessors.map(([id]) => id),
    );
    expect(inMay.length).toBe(2);
    expect(page.intro).toContain("Tổng hợp 2 thông tin của địa bàn");
    const rows = page.below?.rows ?? [];
    expect(rows.map((row) => row.name).sort()).toEqual(predecessors.map(([, unit]) => unit.name).sort());
    for (const [id, unit] of predecessors) {
      const row = rows.find((candidate) => candidate.name === unit.name);
      const own = inMay.filter((entry) => entry.data.unit === id).length;
      expect(count(row?.count ?? ""), unit.name).toBe(own);
      expect(row?.href).toBe(own > 0 ? `/bao-cao/${id}/2025-05/` : undefined);
      expect(row?.note).toContain("trước sáp nhập");
    }
    // The counts below add up to the page's total: where the 2 came from is on the page.
    expect(rows.reduce((sum, row) => sum + count(row.count), 0)).toBe(2);
  });

  it("after the merger: never the districts that had ended, only the units that existed", () => {
    const page = view("ha-tinh", "2026-q3");
    const districts = [...units].filter(([, unit]) => unit.level === "huyen");
    expect(districts.length).toBe(12);
    const names = (page.below?.rows ?? []).map((row) => row.name);
    for (const [, district] of districts) expect(names).not.toContain(district.name);
    // Quý III/2026 runs 21/06/2026–20/09/2026: the province's children alive then.
    const alive = [...units].filter(([, unit]) => unit.parent === "ha-tinh" && (!unit.valid_to || unit.valid_to >= "2026-06-21"));
    expect(names.length).toBe(alive.length);
  });

  it("across the merger date: the old districts until 30/06/2025 and the new communes from 01/07/2025, each observation counted once", () => {
    const page = view("ha-tinh", "2025-q3");
    const rows = page.below?.rows ?? [];
    const names = rows.map((row) => row.name);
    expect(names).toContain("Huyện Thạch Hà");
    expect(names).toContain("Phường Thành Sen");
    const total = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2025-06-21" && String(entry.data.observed_on) <= "2025-09-20").length;
    expect(total).toBeGreaterThan(0);
    expect(rows.reduce((sum, row) => sum + count(row.count), 0)).toBe(total);
  });
});

describe("comparisons like with like", () => {
  it("compares a period in progress with the same number of days of the previous one, and says so", () => {
    // 27/11/2026 is the 7th day of December's window (21/11–20/12/2026).
    const page = view("ha-tinh", "2026-12");
    expect(page.columns).toEqual(["Đến hôm nay", "7 ngày đầu kỳ trước", "Thay đổi"]);
    expect(page.intro).toContain("so với 7 ngày đầu kỳ trước (tháng 11/2026)");
    const firstWeek = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-10-21" && String(entry.data.observed_on) <= "2026-10-27");
    const economy = page.fields.find((row) => row.label === "Lĩnh vực kinh tế");
    expect(economy?.cells[1]).toBe(String(firstWeek.filter((entry) => entry.data.field === "kinh-te").length));
  });

  it("compares an ended period with the whole previous one", () => {
    const page = view("ha-tinh", "2026-10");
    expect(page.columns).toEqual(["Kỳ này", "Kỳ trước", "Thay đổi"]);
    const september = demoObservations().filter((entry) => String(entry.data.observed_on) >= "2026-08-21" && String(entry.data.observed_on) <= "2026-09-20");
    const economy = page.fields.find((row) => row.label === "Lĩnh vực kinh tế");
    expect(economy?.cells[1]).toBe(String(september.filter((entry) => entry.data.field === "kinh-te").length));
    expect(page.intro).toContain("so với tháng 9/2026");
  });
});

describe("highlights", () => {
  it("name each notable observation by title, unit and date, numbered sections in Roman numerals", () => {
    const page = view("ha-tinh", "2026-10");
    expect(page.sections.map((section) => section.heading.split(".")[0])).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    const first = page.sections.flatMap((section) => section.items)[0];
    expect(first?.unit).toMatch(/^(Xã|Phường|Thôn|Tổ dân phố|Tỉnh) /);
    expect(first?.date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(first?.href).toMatch(/^\/thong-tin\/[a-z0-9-]+\/\d{4}-\d{2}\/#\d{4}-\d{2}-\d{2}-/);
  });
});

describe("trend on consolidated pages", () => {
  it("draws the province's last six months by field, the total equal to the files", () => {
    const page = view("ha-tinh", "2026-10");
    expect(page.trend?.columns).toEqual(["5/2026", "6/2026", "7/2026", "8/2026", "9/2026", "10/2026"]);
    expect(page.trend?.total?.svg).toMatch(/^<svg[^>]*aria-label="Tỉnh Hà Tĩnh: số thông tin, 6 kỳ đến tháng 10\/2026"[^>]*role="img"/);
    expect(page.trend?.total?.svg).toContain("<title>Tỉnh Hà Tĩnh: số thông tin, 6 kỳ đến tháng 10/2026</title>");
    const october = between("2026-09-21", "2026-10-20");
    expect(page.trend?.rows.at(-1)?.cells.at(-1)).toBe(String(october.length));
    const economy = page.trend?.rows.find((row) => row.label === "Lĩnh vực kinh tế");
    expect(economy?.cells.at(-1)).toBe(String(october.filter((entry) => entry.data.field === "kinh-te").length));
  });

  it("leaves a residential area's page as a list", () => {
    const thon = [...pages].find((key) => key.includes("-thon-") && /\/\d{4}-\d{2}$/.test(key)) as string;
    const [unit, period] = thon.split("/") as [string, string];
    expect(view(unit, period).trend).toBeUndefined();
  });
});

describe("a report body that cannot be rendered", () => {
  it("fails naming the report's file", () => {
    const report = [...context.model.reports.values()].find((candidate) => pages.has(`${candidate.unit}/${candidate.period}`));
    if (!report) throw new Error("the demo has no consolidated report with a page");
    // Not a string: the Markdown parser throws, as a stack overflow on deep nesting would.
    const broken = { ...report, body: 42 as unknown as string };
    const reports = new Map([...context.model.reports].map(([id, entry]) => [id, entry === report ? broken : entry]));
    const model = { ...context.model, reports };
    const render = () => reportPageView({ ...context, model }, report.unit, report.period, consolidationPages(model, context.tree), () => undefined);
    expect(render).toThrow(`${report.source.file}: không dựng được nội dung Markdown`);
  });
});
