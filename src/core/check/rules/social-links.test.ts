import { describe, expect, it } from "vitest";
import { checkWith, withBodyLine } from "../../../test-support/check-fixture.ts";
import { flagEntry } from "./reviewed-flags.ts";

const flagged = (sentence: string) =>
  checkWith(withBodyLine(sentence))
    .filter((issue) => issue.rule === "social-links")
    .map((issue) => `${issue.line}:${issue.column} ${issue.message.slice(0, issue.message.indexOf("):") + 1)}`);

describe("social-links", () => {
  it.each([
    ["Xem trang fb.com/nguyen.van.a để biết.", "fb.com/nguyen.van.a", 11],
    ["Nguồn: https://www.facebook.com/profile.php?id=1000", "https://www.facebook.com/profile.php", 8],
    ["Nhắn zalo.me/0912345678 nhé", "zalo.me/0912345678", 6],
    ["Kênh t.me/nhom_kin và tiktok.com/@ba.lan", "t.me/nhom_kin", 6],
  ])("flags %j", (sentence, link, column) => {
    expect(flagged(sentence)[0]).toBe(`30:${column} Không được ghi liên kết trang cá nhân hay tài khoản nhắn tin ("${link}")`);
  });

  it("flags both links of a line, and not an ordinary site", () => {
    expect(flagged("Kênh t.me/nhom_kin và tiktok.com/@ba.lan")).toHaveLength(2);
    expect(flagged("Xem https://mattran.org.vn/tin-tuc và gov.vn, trang x.company.vn")).toEqual([]);
  });

  it("is silenced by its reviewed flag", () => {
    const text = withBodyLine("Trang chính thức: facebook.com/mttqhatinh")["observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md"] as string;
    const reviewed = text.replace("related: []", `related: []\nreviewed_flags: ["${flagEntry("social-links", "facebook.com/mttqhatinh")}"]`);
    expect(checkWith({ "observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md": reviewed })).toEqual([]);
  });
});
