import { describe, expect, it } from "vitest";
import { checkWith as check } from "../../../test-support/check-fixture.ts";
import { VALID_REPORT, VALID_REPORT_PATH } from "../../../test-support/content-fixtures.ts";

describe("report consolidation", () => {
  it("rejects an observation outside the window", () => {
    const issues = check({
      [VALID_REPORT_PATH]: null,
      "reports/2026-04/xa-ky-hoa/mttq.md": VALID_REPORT.replace("period: 2026-03", "period: 2026-04").replace("2026-03-19", "2026-04-19"),
    });
    expect(issues.map((issue) => issue.message)).toContain(
      'Thông tin "xa-ky-hoa/2026-03-14-duong-lien-thon" nắm được ngày 14/03/2026, ngoài kỳ báo cáo 21/03/2026–20/04/2026',
    );
  });

  it("rejects a missing observation with a suggestion", () => {
    const issues = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("2026-03-14-duong-lien-thon]", "2026-03-14-duong-lien-thon-x]") });
    expect(issues[0]!.message).toContain(
      'Không có thông tin mã "xa-ky-hoa/2026-03-14-duong-lien-thon-x". Có phải ý bạn là "xa-ky-hoa/2026-03-14-duong-lien-thon"?',
    );
    expect(issues[0]!.line).toBe(9);
  });

  it("requires the author to be a focal point of the body", () => {
    const [issue] = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("author: ky-hoa-mttq-le-van-binh", "author: nguoi-khac") });
    expect(issue!.message).toContain('"nguoi-khac" không phải đầu mối của xa-ky-hoa/mttq');
  });

  it("rejects a report whose path and period disagree", () => {
    const issues = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("period: 2026-03", "period: 2026-q1") });
    expect(issues.map((issue) => issue.message)).toContain('Tệp nằm trong thư mục kỳ "2026-03" nhưng ghi kỳ "2026-q1"');
  });
});
