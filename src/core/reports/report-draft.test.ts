/** Report drafts on the demo data: the units of the period below, highlights named by title, unit and date. */
import { describe, expect, it } from "vitest";
import { demoObservations, demoViewContext } from "../../test-support/built-site.ts";
import { draftReport } from "./report-draft.ts";

const { model, tree } = demoViewContext();
const draft = (unit: string, period: string) => {
  const result = draftReport(model, tree, { unit, organisation: "mttq", period, author: "x", submittedOn: "2026-11-27" });
  if (!result.ok) throw new Error(result.message);
  return result.text.slice(result.text.indexOf("\n---\n") + 5);
};

describe("report drafts", () => {
  it("list, for a successor before the merger, the wards that merged into it with their counts", () => {
    const body = draft("phuong-thanh-sen", "2025-05");
    expect(body).toContain("Tổng hợp 2 thông tin nắm được");
    expect(body).toContain("- Phường Bắc Hà (trước sáp nhập): 1 thông tin.");
    expect(body).toContain("- Phường Văn Yên (trước sáp nhập): 1 thông tin.");
  });

  it("never list the districts dissolved on 1 July 2025 after that date", () => {
    const body = draft("ha-tinh", "2026-q3");
    expect(body).not.toMatch(/- Huyện /);
    expect(body).toMatch(/- Phường Thành Sen: \d+ thông tin\./);
  });

  it("name highlights by title, unit and date, never by a raw id", () => {
    const body = draft("ha-tinh", "2026-10");
    expect(body).not.toContain("`");
    const highlights = body.split("\n").filter((line) => / — .+, \d{2}\/\d{2}\/\d{4}$/.test(line));
    expect(highlights.length).toBeGreaterThan(3);
    const titles = new Set(demoObservations().map((entry) => String(entry.data.title)));
    for (const line of highlights) {
      const title = line.slice(2, line.lastIndexOf(" — ")).replace(/ \((đột xuất|khẩn)\)$/, "");
      expect(titles.has(title), line).toBe(true);
    }
  });
});
