import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";

describe("personal data in bodies", () => {
  it.each([
    ["a phone number", "Liên hệ 0912 345 678 để biết thêm.", "số điện thoại"],
    ["an e-mail address", "Gửi thư về nguoidan@gmail.com nhé.", "địa chỉ thư điện tử"],
    ["a 12-digit ID", "Căn cước số 042195001234 của người tố cáo.", "số CMND/CCCD"],
    ["a 9-digit ID", "CMND 183456789 của người khiếu nại.", "số CMND/CCCD"],
  ])("rejects %s with its line and column", (_, sentence, kind) => {
    const [issue, ...rest] = check(observation("Bà con đề nghị", `${sentence}\n\nBà con đề nghị`));
    expect(rest).toEqual([]);
    expect(issue!.rule).toBe("personal-data");
    expect(issue!.message).toContain(kind);
    expect(issue!.line).toBe(30);
  });

  it("does not flag dates, money and document numbers", () => {
    const issues = check(observation("Bà con đề nghị", "Văn bản số 125/UBND ngày 20/11/2025, kinh phí 1.500.000.000 đồng, 2026-03-14.\n\nBà con đề nghị"));
    expect(issues).toEqual([]);
  });
});
