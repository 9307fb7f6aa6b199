import { describe, expect, it } from "vitest";
import { checkWith as check, where } from "../../../test-support/check-fixture.ts";

describe("bodies", () => {
  it("names a body folder without a unit, an unknown organisation and a reused focal-point id", () => {
    const person = "focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Cán bộ\n";
    const issues = check({ "bodies/xa-ky-hoaa/mttq.yaml": person, "bodies/xa-ky-hoa/hoi-nong-da.yaml": person });
    const lines = issues.filter((issue) => issue.rule === "bodies").map((issue) => `${where(issue)} ${issue.message}`);
    expect(lines).toContain('content/bodies/xa-ky-hoaa/mttq.yaml:1:1 Thư mục bodies/xa-ky-hoaa không ứng với đơn vị nào. Có phải ý bạn là "xa-ky-hoa"?');
    expect(lines.some((line) => line.startsWith("content/bodies/xa-ky-hoa/hoi-nong-da.yaml:1:1 Tệp hoi-nong-da.yaml không ứng với tổ chức nào"))).toBe(true);
    expect(lines).toContain(
      'content/bodies/xa-ky-hoa/mttq.yaml:2:9 Mã đầu mối "ky-hoa-mttq-le-van-binh" đã dùng trong content/bodies/xa-ky-hoa/hoi-nong-da.yaml',
    );
  });
});
