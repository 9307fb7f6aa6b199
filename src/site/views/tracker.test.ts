/** The tracker view on the demo data: overdue first, narrowing by unit subtree, organisation and authority, rates per quarter; checked against the files. */
import { describe, expect, it } from "vitest";
import { narrowItems, ratesOverTime, STAGE } from "../../core/reports/tracker.ts";
import { demoObservations, demoViewContext } from "../../test-support/built-site.ts";
import { trackerView } from "./tracker.ts";

const context = demoViewContext();
const view = trackerView(context);
const files = demoObservations();
const forwardedFiles = files.filter((entry) => ((entry.data.follow_up as { status: string }[] | undefined) ?? []).some((step) => step.status === "da-chuyen"));

describe("tracker view", () => {
  it("never names the authority of a restricted item, in its rows or its data", () => {
    const restricted = forwardedFiles.filter((entry) => entry.data.confidentiality === "han-che");
    expect(restricted.length).toBeGreaterThan(0);
    const secret = restricted
      .map((entry) => String(entry.data.forwarded_to))
      .filter((name) => !forwardedFiles.some((entry) => entry.data.confidentiality !== "han-che" && entry.data.forwarded_to === name));
    for (const name of secret) {
      expect(view.data.authorities).not.toContain(name);
      expect(view.rows.map((row) => row.authority)).not.toContain(name);
    }
    expect(view.data.authorities).toContain("(thông tin hạn chế)");
  });

  it("lists every item waiting for an answer, the overdue ones first", () => {
    expect(view.rows.length).toBe(files.filter((entry) => entry.data.status === "da-chuyen").length);
    const firstNotOverdue = view.rows.findIndex((row) => !row.overdue);
    expect(firstNotOverdue).toBeGreaterThan(0);
    expect(view.rows.slice(firstNotOverdue).every((row) => !row.overdue)).toBe(true);
  });

  it("holds every forwarded item in its data, and narrows a unit to its subtree, former units included", () => {
    expect(view.data.items.length).toBe(forwardedFiles.length);
    // Thành Sen's subtree: itself, its residential areas and the wards merged into it.
    const units = [...context.tree.coverage("phuong-thanh-sen")];
    const expected = forwardedFiles.filter((entry) => units.includes(String(entry.data.unit))).length;
    expect(expected).toBeGreaterThan(0);
    expect(narrowItems(view.data, { unit: "phuong-thanh-sen" }).length).toBe(expected);
    expect(narrowItems(view.data, { unit: "ha-tinh" }).length).toBe(forwardedFiles.length);
    const women = forwardedFiles.filter((entry) => entry.data.organisation === "hoi-phu-nu").length;
    expect(narrowItems(view.data, { organisation: "hoi-phu-nu" }).length).toBe(women);
    expect(narrowItems(view.data, { unit: "khong-co" })).toEqual([]);
  });

  it("gives each authority's answer and resolution counts per quarter of forwarding", () => {
    const authority = view.options.authorities[0] as string;
    const rows = ratesOverTime(view.data, narrowItems(view.data, { authority }));
    expect(rows.map((row) => row.authority)).toEqual([authority]);
    const shown = (entry: (typeof forwardedFiles)[number]) =>
      entry.data.confidentiality === "han-che" ? "(thông tin hạn chế)" : (entry.data.forwarded_to ?? "(chưa ghi cơ quan)");
    const theirs = forwardedFiles.filter((entry) => shown(entry) === authority);
    expect(rows[0]?.forwarded).toBe(theirs.length);
    const inQuarters = rows[0]?.cells.reduce((sum, cell) => sum + cell.forwarded, 0) ?? 0;
    expect(inQuarters).toBeLessThanOrEqual(theirs.length);
    const resolved = narrowItems(view.data, { authority }).filter((item) => item[4] === STAGE.resolved && item[3] >= 0).length;
    expect(rows[0]?.cells.reduce((sum, cell) => sum + cell.resolved, 0)).toBe(resolved);
    expect(view.periods).toEqual(["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]);
  });
});
