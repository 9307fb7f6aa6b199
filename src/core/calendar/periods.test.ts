import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { scheduleSchema } from "../../../schemas/schedule.ts";
import { dueDate, parsePeriod, periodContaining, periodEnd, periodIdsOfDay, periodLabel, periodWindow } from "./periods.ts";

const schedule = scheduleSchema.parse(parse(readFileSync(join(import.meta.dirname, "../../../content/schedule.yaml"), "utf8")));
/** A period id the test knows is valid. */
function known(id: string) {
  const period = parsePeriod(id);
  if (!period) throw new Error(`not a period: ${id}`);
  return period;
}
const window = (id: string) => periodWindow(known(id), schedule);

describe("periods with the plan's schedule", () => {
  it("due dates: monthly the 20th, quarterly the 20th of the last month, six-monthly 20 June, annual 15 December", () => {
    expect(dueDate(known("2026-03"), schedule)).toBe("2026-03-20");
    expect(dueDate(known("2026-q2"), schedule)).toBe("2026-06-20");
    expect(dueDate(known("2026-h1"), schedule)).toBe("2026-06-20");
    expect(dueDate(known("2026"), schedule)).toBe("2026-12-15");
    expect(dueDate(known("2026-03-15-bao-lu"), schedule)).toBeUndefined();
  });

  it("windows start the day after the previous due date, across years", () => {
    expect(window("2026-03")).toEqual({ start: "2026-02-21", end: "2026-03-20" });
    expect(window("2026-01")).toEqual({ start: "2025-12-21", end: "2026-01-20" });
    expect(window("2026-q1")).toEqual({ start: "2025-12-21", end: "2026-03-20" });
    expect(window("2026-h1")).toEqual({ start: "2025-12-16", end: "2026-06-20" });
    expect(window("2026-h2")).toEqual({ start: "2026-06-21", end: "2026-12-15" });
    expect(window("2026")).toEqual({ start: "2025-12-16", end: "2026-12-15" });
    expect(window("2026-03-15-bao-lu")).toEqual({ start: "2026-02-13", end: "2026-03-15" });
  });

  it("finds the period containing a date, including after the last due date of a year", () => {
    expect(periodContaining("month", "2026-03-21", schedule).id).toBe("2026-04");
    expect(periodContaining("month", "2026-12-25", schedule).id).toBe("2027-01");
    expect(periodContaining("year", "2026-12-16", schedule).id).toBe("2027");
  });

  it("clamps a due day past the month's end", () => {
    const custom = { ...schedule, month: { label: "Tháng", due: schedule.month.due.map((due) => ({ ...due, day: 31 })) } };
    expect(dueDate(known("2026-02"), custom)).toBe("2026-02-28");
    expect(dueDate(known("2028-02"), custom)).toBe("2028-02-29");
  });

  it("names periods in Vietnamese", () => {
    expect(["2026-03", "2026-q1", "2026-h1", "2026", "2026-03-15-bao-lu"].map((id) => periodLabel(known(id)))).toEqual([
      "Tháng 3/2026",
      "Quý I/2026",
      "6 tháng đầu năm 2026",
      "Năm 2026",
      "Đột xuất ngày 15/03/2026",
    ]);
  });

  it("rejects malformed period ids", () => {
    expect(["2026-13", "2026-q5", "2026-h3", "26-03", "2026-03-15"].map(parsePeriod)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("periodEnd", () => {
  it("is the due date of a periodic period and the date of an ad-hoc one", () => {
    expect(periodEnd(known("2026-03"), schedule)).toBe("2026-03-20");
    expect(periodEnd(known("2026"), schedule)).toBe("2026-12-15");
    expect(periodEnd(known("2026-05-07-ngap-lut"), schedule)).toBe("2026-05-07");
  });
});

describe("periodIdsOfDay", () => {
  it("gives the periods of each kind containing a date, in the kinds' order", () => {
    const periodsOf = periodIdsOfDay(["month", "quarter", "half", "year"], schedule);
    expect(periodsOf("2026-03-21")).toEqual(["2026-04", "2026-q2", "2026-h1", "2026"]);
    expect(periodsOf("2025-12-16")).toEqual(["2025-12", "2025-q4", "2026-h1", "2026"]);
    expect(periodsOf("2026-03-21")).toBe(periodsOf("2026-03-21"));
  });
});
