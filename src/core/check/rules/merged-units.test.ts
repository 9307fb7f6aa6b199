import { describe, expect, it } from "vitest";
import { checkWith as check } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH, VALID_REPORT_PATH } from "../../../test-support/content-fixtures.ts";

describe("merged units", () => {
  it("refuses a former commune after the reform and names its successor", () => {
    const text = VALID_OBSERVATION.replace("unit: xa-ky-hoa", "unit: xa-ky-hoa-cu");
    const issues = check({
      [VALID_OBSERVATION_PATH]: null,
      "observations/2026/03/xa-ky-hoa-cu/2026-03-14-duong-lien-thon.md": text,
      [VALID_REPORT_PATH]: null,
    });
    expect(issues.map((issue) => issue.message)).toContain(
      'Đơn vị "Xã Kỳ Hoa" đã kết thúc ngày 30/06/2025, sáp nhập vào "Xã Kỳ Hoa" (xa-ky-hoa): hãy ghi cho đơn vị kế thừa (ngày nắm được 14/03/2026)',
    );
  });
});
