import { describe, expect, it } from "vitest";
import { describeServerRewrite, plainHttpWarning } from "./transport.ts";

describe("talking to the server", () => {
  it("warns, in Vietnamese, when credentials go over plain http to another machine", () => {
    expect(plainHttpWarning("http://git.mttq-hatinh.vn/dan-y.git")).toMatch(
      /^Cảnh báo: đang gửi tên đăng nhập và mật khẩu tới git\.mttq-hatinh\.vn qua http:\/\//,
    );
    expect(plainHttpWarning("https://git.mttq-hatinh.vn/dan-y.git")).toBeUndefined();
    expect(plainHttpWarning("http://127.0.0.1:8080/kho.git")).toBeUndefined();
    expect(plainHttpWarning("http://localhost/kho.git")).toBeUndefined();
    expect(plainHttpWarning("/srv/git/kho.git")).toBeUndefined();
  });

  it("says what the server's rewrite removed and that nothing local was lost", () => {
    const text = describeServerRewrite({
      before: "a".repeat(40),
      after: "b".repeat(40),
      common: "c".repeat(40),
      lost: [{ oid: "d".repeat(40), summary: "Duyệt submissions/xa-ky-hoa/2026-11-20-duong", author: "Lê Văn Bình" }],
    });
    expect(text).toContain("Máy chủ đã viết lại lịch sử main: lần đồng bộ trước main trên máy chủ là aaaaaaa, nay là bbbbbbb");
    expect(text).toContain("Phần chung cuối cùng: ccccccc.");
    expect(text).toContain("  - ddddddd Duyệt submissions/xa-ky-hoa/2026-11-20-duong (Lê Văn Bình)");
    expect(text).toContain("main trên máy này được giữ nguyên");
  });
});
