import { describe, expect, it } from "vitest";
import { checkWith as check, where } from "../../../test-support/check-fixture.ts";
import { VALID_REPORT, VALID_REPORT_PATH } from "../../../test-support/content-fixtures.ts";

const withSent = (sent: string) => ({ [VALID_REPORT_PATH]: VALID_REPORT.replace("submitted_on: 2026-03-19\n", `submitted_on: 2026-03-19\nsent_to:\n${sent}`) });

describe("report-recipients", () => {
  // The fixture has no provincial body: the commune's recipients are its Party committee and People's Committee.
  it("accepts the recipients of the plan's default and names an unknown one with a suggestion", () => {
    expect(check(withSent("  - recipient: ubnd-xa-ky-hoa\n    date: 2026-03-20\n")).filter((issue) => issue.rule === "report-recipients")).toEqual([]);
    const lines = check(withSent("  - recipient: ubnd-xa-ky-hoaa\n    date: 2026-03-18\n"))
      .filter((issue) => issue.rule === "report-recipients")
      .map((issue) => `${where(issue)} ${issue.message}`);
    expect(lines).toEqual([
      'content/reports/2026-03/xa-ky-hoa/mttq.md:9:16 "ubnd-xa-ky-hoaa" không phải nơi nhận của báo cáo này (nơi nhận: cap-uy-xa-ky-hoa, ubnd-xa-ky-hoa). Có phải ý bạn là "ubnd-xa-ky-hoa"?',
      "content/reports/2026-03/xa-ky-hoa/mttq.md:10:11 Ngày gửi 2026-03-18 trước ngày báo cáo 2026-03-19",
    ]);
  });
});
