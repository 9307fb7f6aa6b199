import { describe, expect, it } from "vitest";
import { escapeForDisplay } from "./display-text.ts";
import { componentProblem, hostileTreeProblems } from "./hostile-tree.ts";
import { formatProblem } from "./problem.ts";

const OBSERVATION = "content/observations/2026/11/xa-ky-hoa/2026-11-20-duong.md";
const one = (path: string, mode = "100644") => hostileTreeProblems([{ path, mode }], "content/").map(formatProblem);

describe("hostile trees", () => {
  it("accepts a regular file inside the content folder", () => {
    expect(one(OBSERVATION)).toEqual([]);
  });

  it.each([
    ["160000", "là gitlink (submodule), không phải tệp thường"],
    ["120000", "là liên kết tượng trưng (symlink)"],
    ["100755", "có quyền thực thi (chế độ 100755)"],
    ["100664", "chế độ tệp 100664 không được chấp nhận"],
  ])("refuses mode %s", (mode, reason) => {
    const [found] = one(OBSERVATION, mode);
    expect(found).toContain(reason);
    expect(found?.startsWith("observations/2026/11/xa-ky-hoa/2026-11-20-duong.md: ")).toBe(true);
  });

  it.each([
    ["..", 'đường dẫn không được chứa ".."'],
    [".git", "trùng với thư mục .git của Git"],
    [".GIT", "trùng với thư mục .git của Git"],
    ["git~1", "trùng với thư mục .git của Git"],
    [".git.", "trùng với thư mục .git của Git"],
    ["a\\b.md", "dấu gạch chéo ngược"],
    ["a\u0007.md", "ký tự điều khiển"],
    ["a\u202Egnp.md", "ký tự đổi chiều chữ (bidi)"],
    ["x".repeat(256), "quá 255 byte"],
    ["đ".repeat(128), "dài 256 byte"],
    ["con.md", "tên dành riêng của Windows"],
    ["LPT1", "tên dành riêng của Windows"],
    ["ten.", "kết thúc bằng dấu chấm hoặc dấu cách"],
    ["ten ", "kết thúc bằng dấu chấm hoặc dấu cách"],
    ["a:b.md", "ký tự Windows không cho phép"],
  ])("refuses the name %j", (name, reason) => {
    expect(componentProblem(name)).toContain(reason);
    expect(one(`content/observations/${name}`)[0]).toContain(reason);
  });

  it("accepts names every platform takes, up to 255 bytes", () => {
    for (const name of ["2026-11-20-duong.md", "x".repeat(255), "Đường làng.md", "a.b-c_d"]) expect(componentProblem(name)).toBeUndefined();
  });

  it("bounds the whole path at 260 characters", () => {
    const long = `content/observations/${"a".repeat(200)}/${"b".repeat(40)}.md`;
    expect(long.length).toBeGreaterThan(260);
    expect(one(long)[0]).toContain("quá 260 ký tự");
    expect(one(`content/${"a".repeat(240)}.md`)).toEqual([]);
  });

  it("refuses paths outside the content folder and shows the repository path", () => {
    expect(one(".github/workflows/x.yml")).toEqual([".github/workflows/x.yml: bài nộp chỉ được thay đổi tệp trong content/"]);
  });

  it("escapes control and bidi characters in what it shows", () => {
    const [found] = one("content/observations/a\u202Eb.md");
    expect(found).toContain("a\\u{202E}b.md");
    expect(found).not.toContain("\u202E");
    expect(escapeForDisplay("submissions/x\u2066y\n")).toBe("submissions/x\\u{2066}y\\u{000A}");
  });

  it("gives one problem per hostile entry", () => {
    expect(
      hostileTreeProblems(
        [
          { path: "content/..", mode: "100644" },
          { path: OBSERVATION, mode: "160000" },
          { path: OBSERVATION.replace("duong", "ok"), mode: "100644" },
        ],
        "content/",
      ),
    ).toHaveLength(2);
  });
});
