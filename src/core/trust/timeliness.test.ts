import { describe, expect, it } from "vitest";
import { vietnamDay } from "../calendar/dates.ts";
import { reportTiming } from "./timeliness.ts";

describe("on time or late, from the record", () => {
  it("judges a report sent on 01/12 but dated 19/11 as late, and warns about the date", () => {
    expect(reportTiming("2026-11-19", "2026-11-20", "2026-12-01T03:15:00.000Z")).toEqual({
      due: "2026-11-20",
      declaredOn: "2026-11-19",
      receivedOn: "2026-12-01",
      fromRecord: true,
      late: true,
      warning: "Ngày gửi ghi trong báo cáo (19/11/2026) khác ngày báo cáo đến kho (01/12/2026) 12 ngày; tính đúng hạn theo ngày đến kho",
    });
  });

  it("counts the day in Vietnam: 23:30 UTC on the 20th is already the 21st, past a deadline of the 20th", () => {
    expect(vietnamDay("2026-11-20T16:59:00.000Z")).toBe("2026-11-20");
    expect(vietnamDay("2026-11-20T17:00:00.000Z")).toBe("2026-11-21");
    expect(reportTiming("2026-11-20", "2026-11-20", "2026-11-20T23:30:00.000Z")).toMatchObject({ late: true, receivedOn: "2026-11-21", warning: undefined });
  });

  it("a report on time by the record stays on time whatever the file says, with a warning past a day's difference", () => {
    expect(reportTiming("2026-11-25", "2026-11-20", "2026-11-19T02:00:00.000Z")).toMatchObject({ late: false, warning: expect.stringContaining("6 ngày") });
    expect(reportTiming("2026-11-20", "2026-11-20", "2026-11-19T02:00:00.000Z")).toMatchObject({ late: false, warning: undefined });
  });

  it("falls back to the declared date, saying so, when there is no record", () => {
    expect(reportTiming("2026-11-19", "2026-11-20", undefined)).toEqual({
      due: "2026-11-20",
      declaredOn: "2026-11-19",
      receivedOn: "2026-11-19",
      fromRecord: false,
      late: false,
      warning: undefined,
    });
  });
});
