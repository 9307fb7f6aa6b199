import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { parseEvents } from "../../test-support/ical.ts";
import { loadContent } from "../content/load-content.ts";
import { calendarDeadlines, calendarText, periodicDeadlines } from "./calendar-feed.ts";

function model() {
  return loadContent(toContentFiles(minimalContent())).model;
}

describe("reporting calendar", () => {
  it("lists a commune body's periodic deadlines a year back and ahead, and ad-hoc requests", () => {
    const content = model();
    const deadlines = calendarDeadlines(content, "xa-ky-hoa", "mttq", "2026-11-27", [
      {
        id: "2026-11-25-mua-lu",
        title: "Tình hình Nhân dân sau mưa lũ",
        due: "2026-12-05",
        period: "2026-12-05-mua-lu",
        requestedBy: "Ban Thường trực Ủy ban MTTQ tỉnh",
        about: "Ý kiến của Nhân dân về công tác cứu trợ.",
      },
    ]);
    // 12 + 1 monthly due dates from 20/12/2025 to 20/11/2027 … every kind the schedule expects of a commune's MTTQ.
    expect(deadlines.filter((deadline) => deadline.period.match(/^\d{4}-\d{2}$/)).map((deadline) => deadline.due)[0]).toBe("2025-12-20");
    expect(deadlines.filter((deadline) => /^\d{4}-q\d$/.test(deadline.period)).length).toBe(8);
    const adHoc = deadlines.find((deadline) => deadline.uid.startsWith("yeu-cau-"));
    expect(adHoc?.summary).toContain("Tình hình Nhân dân sau mưa lũ");
    expect(adHoc?.due).toBe("2026-12-05");
    expect(periodicDeadlines(content, "xa-ky-hoa", "hoi-nong-dan", "2026-01-01", "2026-12-31")).toEqual([]);
  });

  it("writes valid iCalendar with all-day events, two reminders and UIDs stable across builds", () => {
    const content = model();
    const deadlines = calendarDeadlines(content, "xa-ky-hoa", "mttq", "2026-11-27");
    const first = calendarText(content, "xa-ky-hoa", "mttq", deadlines, "2026-11-27");
    const events = parseEvents(first);
    expect(events).toHaveLength(deadlines.length);
    for (const event of events) {
      expect(event.UID).toMatch(/^bao-cao-[0-9a-z-]+-xa-ky-hoa-mttq@dan-y$/);
      expect(event["DTSTART;VALUE=DATE"]).toMatch(/^\d{8}$/);
      expect(event.DTSTAMP).toBe("20261127T000000Z");
      expect(event.TRIGGER).toBe("-P5D,-P1D");
    }
    const november = events.find((event) => event.UID === "bao-cao-2026-11-xa-ky-hoa-mttq@dan-y");
    expect(november?.["DTSTART;VALUE=DATE"]).toBe("20261120");
    expect(november?.SUMMARY).toContain("Hạn báo cáo tháng 11/2026");
    const later = parseEvents(calendarText(content, "xa-ky-hoa", "mttq", calendarDeadlines(content, "xa-ky-hoa", "mttq", "2026-12-03"), "2026-12-03"));
    const uids = new Set(events.map((event) => event.UID));
    expect(later.filter((event) => uids.has(event.UID ?? "")).length).toBeGreaterThan(events.length - 3);
    expect(calendarText(content, "xa-ky-hoa", "mttq", deadlines, "2026-11-27")).toBe(first);
  });
});
