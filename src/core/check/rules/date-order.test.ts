import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";

describe("dates", () => {
  it("rejects a recorded date before the observed date", () => {
    const [issue] = check(observation("recorded_on: 2026-03-15", "recorded_on: 2026-03-10"));
    expect(issue!.message).toBe("Ngày ghi nhận 10/03/2026 trước ngày nắm được 14/03/2026");
    expect(issue!.line).toBe(4);
  });

  it("rejects a follow-up log out of order", () => {
    const issues = check(observation("date: 2026-04-02", "date: 2026-03-15"));
    expect(issues.map((issue) => issue.message)).toContain("Bước theo dõi ngày 15/03/2026 trước bước trước (16/03/2026): nhật ký phải theo thứ tự thời gian");
  });

  it("rejects dates in the future", () => {
    const issues = check(observation("date: 2026-04-02", "date: 2026-12-02"));
    expect(issues.map((issue) => issue.message)).toContain("Ngày 02/12/2026 ở tương lai (hôm nay là 27/11/2026)");
  });
});
