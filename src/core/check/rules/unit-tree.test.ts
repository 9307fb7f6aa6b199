import { describe, expect, it } from "vitest";
import { checkWith as check } from "../../../test-support/check-fixture.ts";

describe("unit tree", () => {
  it("rejects a parent at a lower level, an unknown level and a missing successor", () => {
    const issues = check({
      "units/thon-a.yaml": "name: Thôn A\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
      "units/xa-b.yaml": "name: Xã B\nlevel: xa\nparent: thon-a\n",
      "units/xa-c.yaml": "name: Xã C\nlevel: xaa\nparent: ha-tinh\nvalid_to: 2025-06-30\nmerged_into: [xa-khong-co]\n",
    });
    const messages = issues.map((issue) => issue.message);
    expect(messages).toContain('Đơn vị cấp trên phải ở cấp cao hơn: "Thôn A" ở cấp "khu-dan-cu", đơn vị này ở cấp "xa"');
    expect(messages).toContain('Cấp "xaa" không có trong levels.yaml. Có phải ý bạn là "xa"?');
    expect(messages.some((message) => message.startsWith('Đơn vị kế thừa "xa-khong-co" không tồn tại'))).toBe(true);
  });
});
