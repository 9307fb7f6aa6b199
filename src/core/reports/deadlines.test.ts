import { describe, expect, it } from "vitest";
import { demoViewContext } from "../../test-support/built-site.ts";
import { deadlinesFor } from "./deadlines.ts";

const { model } = demoViewContext();

describe("deadlinesFor", () => {
  it("gives a commune's MTTQ the current period of every kind, soonest first", () => {
    const deadlines = deadlinesFor(model, "xa-thach-ha", "mttq", "2026-11-27");
    const current = deadlines.filter((deadline) => !deadline.overdue);
    expect(current.map((deadline) => [deadline.period.id, deadline.due, deadline.daysLeft])).toEqual([
      ["2026-h2", "2026-12-15", 18],
      ["2026", "2026-12-15", 18],
      ["2026-12", "2026-12-20", 23],
      ["2026-q4", "2026-12-20", 23],
    ]);
  });

  it("adds the previous period when its report is missing, as overdue, and not when it was sent", () => {
    // The demo holds November's report of Kỳ Anh's MTTQ and none of Thạch Hà's.
    expect(model.reports.has("2026-11/xa-thach-ha/mttq")).toBe(false);
    const november = deadlinesFor(model, "xa-thach-ha", "mttq", "2026-11-27").find((deadline) => deadline.period.id === "2026-11");
    expect(november).toMatchObject({ due: "2026-11-20", daysLeft: -7, overdue: true, report: undefined });
    expect(model.reports.has("2026-11/xa-ky-anh/mttq")).toBe(true);
    expect(deadlinesFor(model, "xa-ky-anh", "mttq", "2026-11-27").find((deadline) => deadline.period.id === "2026-11")).toBeUndefined();
  });

  it("gives nothing to a body the schedule expects nothing of, nor to a unit that has ended", () => {
    expect(deadlinesFor(model, "xa-thach-ha", "hoi-phu-nu", "2026-11-27")).toEqual([]);
    expect(deadlinesFor(model, "phuong-tran-phu-cu", "mttq", "2026-11-27")).toEqual([]);
  });

  it("marks a sent report as sent, not due", () => {
    const sent = [...model.reports.values()].find((report) => report.unit === "ha-tinh" && /^\d{4}-\d{2}$/.test(report.period));
    expect(sent).toBeDefined();
    if (!sent) return;
    // The day before its due date the province's report of that month is listed with its report.
    const [year, month] = sent.period.split("-").map(Number) as [number, number];
    const dayBefore = `${year}-${String(month).padStart(2, "0")}-19`;
    const deadline = deadlinesFor(model, "ha-tinh", sent.organisation, dayBefore).find((item) => item.period.id === sent.period);
    expect(deadline?.report?.id).toBe(sent.id);
    expect(deadline?.overdue).toBe(false);
  });
});
