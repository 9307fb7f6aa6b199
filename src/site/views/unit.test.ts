/** The unit view on the demo data: coming deadlines per body, the subtree's trend beside its sub-units'; figures checked against the files. */
import { describe, expect, it } from "vitest";
import { demoObservations, demoViewContext } from "../../test-support/built-site.ts";
import { consolidationPages } from "./pages.ts";
import { unitView } from "./unit.ts";

const context = demoViewContext();
const pages = consolidationPages(context.model, context.tree);

describe("unit view", () => {
  it("shows a commune's coming deadlines, the missed one first", () => {
    const view = unitView(context, "xa-thach-ha", pages);
    expect(view.deadlines.map((item) => [item.due, item.body, item.period, item.state])).toEqual([
      ["20/11/2026", "MTTQ", "Tháng 11/2026", "Quá hạn 7 ngày"],
      ["15/12/2026", "MTTQ", "6 tháng cuối năm 2026", "Còn 18 ngày"],
      ["15/12/2026", "MTTQ", "Năm 2026", "Còn 18 ngày"],
      ["20/12/2026", "MTTQ", "Tháng 12/2026", "Còn 23 ngày"],
      ["20/12/2026", "MTTQ", "Quý IV/2026", "Còn 23 ngày"],
    ]);
  });

  it("shows no deadline for a unit that has ended", () => {
    expect(unitView(context, "phuong-tran-phu-cu", pages).deadlines).toEqual([]);
  });

  it("draws the subtree's last twelve months beside its sub-units', counts equal to the files", () => {
    const view = unitView(context, "xa-thach-ha", pages);
    const trend = view.trend;
    expect(trend?.own.total?.svg).toMatch(/^<svg[^>]*role="img"/);
    expect(trend?.own.columns.at(-1)).toBe("12/2026");
    // October 2026's window: 21/09–20/10/2026, the commune and its residential areas (and former communes).
    const units = context.tree.coverage("xa-thach-ha");
    const october = demoObservations().filter(
      (entry) => units.has(String(entry.data.unit)) && String(entry.data.observed_on) >= "2026-09-21" && String(entry.data.observed_on) <= "2026-10-20",
    ).length;
    const total = trend?.own.rows.at(-1);
    expect(total?.label).toBe("Tổng");
    expect(total?.cells[trend?.own.columns.indexOf("10/2026") ?? -1]).toBe(String(october));
    const subUnits = trend?.subUnits;
    expect(subUnits?.multiples.length).toBeGreaterThan(0);
    expect(subUnits?.multiples.length).toBeLessThanOrEqual(8);
    for (const chart of subUnits?.multiples ?? []) expect(chart.svg).toContain(`aria-label="${chart.label}: số thông tin`);
    // The sub-units' rows add up to the subtree's total, month by month.
    const rows = subUnits?.rows ?? [];
    const sums = (trend?.own.columns ?? []).map((_, index) => rows.slice(0, -1).reduce((sum, row) => sum + Number(row.cells[index]), 0));
    expect(sums.map(String)).toEqual(rows.at(-1)?.cells);
  });
});
