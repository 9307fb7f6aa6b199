import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";

describe("related", () => {
  it("refuses a self-reference, a repeat and an unknown id with a suggestion", () => {
    const self = "xa-ky-hoa/2026-03-14-duong-lien-thon";
    const issues = check(observation("related: []", `related: [${self}, xa-ky-hoa/2026-03-14-duong-lien-thonn, xa-ky-hoa/2026-03-14-duong-lien-thonn]`));
    expect(issues.filter((issue) => issue.rule === "related").map((issue) => `${issue.line}:${issue.column} ${issue.message}`)).toEqual([
      "24:11 Thông tin không thể liên quan đến chính nó",
      `24:49 Không có thông tin mã "xa-ky-hoa/2026-03-14-duong-lien-thonn". Có phải ý bạn là "${self}"?`,
      '24:88 Mã "xa-ky-hoa/2026-03-14-duong-lien-thonn" đã có trong danh sách liên quan',
    ]);
  });
});
