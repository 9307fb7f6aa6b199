import { describe, expect, it } from "vitest";
import { checkWith, observation, where, withBodyLine } from "../../../test-support/check-fixture.ts";
import { minimalContent, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";
import { decodeEntities, findUnsafeHtml } from "./unsafe-html.ts";

const htmlIssues = (changes: Record<string, string>) =>
  checkWith(changes)
    .filter((issue) => issue.rule === "unsafe-html")
    .map((issue) => `${where(issue)} ${issue.message.split(" trong nội dung")[0]}`);

describe("unsafe HTML in bodies", () => {
  it.each([
    ["<script>", "<script>alert(1)</script>"],
    ["<iframe>", '<iframe src="https://example.com"></iframe>'],
    ["an event handler", '<img src="x" onerror="alert(1)">'],
    ["a javascript: link", "[bấm vào đây](javascript:alert(1))"],
  ])("rejects %s", (_, html) => {
    const issues = checkWith(observation("Bà con đề nghị", `${html}\n\nBà con đề nghị`));
    expect(issues.some((issue) => issue.rule === "unsafe-html" && issue.line === 30)).toBe(true);
  });
});

describe("findUnsafeHtml judges text as a browser reads it", () => {
  it.each([
    ["java&#115;cript:alert(1)", "javascript:"],
    ["java&#x73;cript&colon;alert(1)", "javascript:"],
    ["java&#115cript:alert(1)", "javascript:"],
    ["[x](java\tscript:alert(1))", "javascript:"],
    ["[x](JaVa\u200Bscript:alert(1))", "JaVascript:"],
    ["[ảnh](data:image/svg+xml;base64,PHN2Zz4=)", "data:image/svg+xml"],
    ["data&colon;text/html,<b>", "data:text/html"],
    ["&lt;script&gt;alert(1)&lt;/script&gt;", "<script"],
    ["<svg/onload=alert(1)>", "<svg"],
    ['<img src=x\u0000 onerror="alert(1)">', "onerror="],
    ["<img/onerror=alert(1)>", "onerror="],
    ["<a href=x\nonclick = alert(1)>", "onclick="],
  ])("%j is refused as %j", (text, found) => {
    expect(findUnsafeHtml(text)).toBe(found);
  });

  it.each([
    "Giá điện tăng 5%, dưới 10 hộ < 20 hộ năm trước",
    "Tỷ lệ = 3/4, thời gian: 2 tuần",
    "Bà con hỏi về online = trực tuyến",
    "Thôn Java Hạ; kịch bản (script) của đêm văn nghệ",
    "AT&T và R&D, &copy; 2026",
    "Hội nghị <Tiếp xúc cử tri> lần 2",
    "Mục 3 (data: số liệu 2025)",
  ])("%j is accepted", (text) => {
    expect(findUnsafeHtml(text)).toBeUndefined();
  });

  it("decodes references once, as the HTML parser does", () => {
    expect(decodeEntities("&#106;&#x61;&lt;&amp;lt;&unknown;")).toBe("ja<&lt;&unknown;");
  });
});

describe("every text field of every file", () => {
  it("refuses encoded HTML in forwarded_to, authority, notes, and the body, at their positions", () => {
    const text = observation("forwarded_to: UBND xã Kỳ Hoa", 'forwarded_to: "UBND <svg onload=alert(1)>"')
      [VALID_OBSERVATION_PATH]?.replace("    authority: UBND xã Kỳ Hoa\n    note: Chuyển", '    authority: "java&#115;cript:alert(1)"\n    note: Chuyển')
      .replace("Bà con đề nghị", "[ảnh](data:image/svg+xml;base64,PHN2Zz4=)") as string;
    expect(htmlIssues({ [VALID_OBSERVATION_PATH]: text })).toEqual([
      `content/${VALID_OBSERVATION_PATH}:15:15 Không được dùng mã HTML "<svg"`,
      `content/${VALID_OBSERVATION_PATH}:19:16 Không được dùng mã HTML "javascript:"`,
      `content/${VALID_OBSERVATION_PATH}:30:7 Không được dùng mã HTML "data:image/svg+xml"`,
    ]);
  });

  it("refuses HTML in unit names, person names and reference labels", () => {
    const channels = (minimalContent()["channels.yaml"] as string).replace(/label: ([^\n]+)/, 'label: "$1 <iframe src=x>"');
    expect(
      htmlIssues({
        "units/thon-moi.yaml": 'name: "Thôn <script>alert(1)</script>"\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n',
        "bodies/xa-ky-hoa/mttq.yaml":
          'focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: "Lê Văn Bình&#60;img src=x onerror=alert(1)>"\n    title: Phó Chủ tịch\n',
        "channels.yaml": channels,
      }),
    ).toEqual([
      `content/bodies/xa-ky-hoa/mttq.yaml:3:11 Không được dùng mã HTML "onerror="`,
      `content/channels.yaml:${channels.split("\n").findIndex((line) => line.includes("<iframe")) + 1}:10 Không được dùng mã HTML "<iframe"`,
      `content/units/thon-moi.yaml:1:7 Không được dùng mã HTML "<script"`,
    ]);
  });

  it("finds a scheme broken over two body lines", () => {
    expect(htmlIssues(withBodyLine('<a href="java\nscript:alert(1)">x</a>'))).toEqual([
      `content/${VALID_OBSERVATION_PATH}:27:1 Không được dùng mã HTML "javascript:"`,
    ]);
  });
});
