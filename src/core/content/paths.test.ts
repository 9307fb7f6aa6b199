import { describe, expect, it } from "vitest";
import { classifyPath } from "./paths.ts";

describe("classifyPath", () => {
  it("derives ids from well-formed paths", () => {
    expect(classifyPath("observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md")).toEqual({
      kind: "observation",
      id: "xa-ky-hoa/2026-03-14-duong-lien-thon",
      year: "2026",
      month: "03",
      unit: "xa-ky-hoa",
      date: "2026-03-14",
      slug: "duong-lien-thon",
    });
    expect(classifyPath("reports/2026-q1/ha-tinh/hoi-phu-nu.md")).toMatchObject({ kind: "report", id: "2026-q1/ha-tinh/hoi-phu-nu" });
    expect(classifyPath("bodies/ha-tinh/mttq.yaml")).toMatchObject({ kind: "body", id: "ha-tinh/mttq" });
    expect(classifyPath("units/ha-tinh.yaml")).toEqual({ kind: "unit", id: "ha-tinh" });
  });

  it.each([
    ["observations/2026/../xa-ky-hoa/2026-03-14-a.md", 'Đường dẫn không được chứa ".."'],
    ["observations/2026/03/xa ky hoa/2026-03-14-a.md", 'Tên "xa ky hoa" chứa dấu cách; hãy dùng dấu gạch ngang'],
    ["units/Xa-Ky-Hoa.yaml", 'Tên "Xa-Ky-Hoa.yaml" chứa chữ hoa; hãy viết chữ thường'],
    ["reports/2026-13/ha-tinh/mttq.md", 'Tệp "reports/2026-13/ha-tinh/mttq.md" không đúng vị trí: cần dạng reports/<kỳ>/<mã-đơn-vị>/<mã-tổ-chức>.md'],
    ["ghi-chu.txt", 'Tệp "ghi-chu.txt" không thuộc cấu trúc nội dung'],
  ])("refuses %s", (path, message) => {
    const result = classifyPath(path);
    expect(result.kind).toBe("unknown");
    expect(result.kind === "unknown" && result.message).toContain(message);
  });
});
