import { describe, expect, it } from "vitest";
import {
  minimalContent,
  toContentFiles,
  VALID_OBSERVATION,
  VALID_OBSERVATION_PATH,
  VALID_REPORT,
  VALID_REPORT_PATH,
} from "../../test-support/content-fixtures.ts";
import { checkContent } from "./check-content.ts";

const TODAY = "2026-11-27";

function check(changes: Record<string, string | null>) {
  const tree: Record<string, string> = minimalContent();
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) delete tree[path];
    else tree[path] = text;
  }
  return checkContent(toContentFiles(tree), { root: "content/", today: TODAY }).issues;
}

const where = (issue: { file: string; line: number; column: number }) => `${issue.file}:${issue.line}:${issue.column}`;
const observation = (from: string, to: string) => ({ [VALID_OBSERVATION_PATH]: VALID_OBSERVATION.replace(from, to) });

describe("checkContent on a valid tree", () => {
  it("finds no issue and builds the model", () => {
    const result = checkContent(toContentFiles(minimalContent()), { root: "content/", today: TODAY });
    expect(result.issues).toEqual([]);
    expect(result.model.observations.get("xa-ky-hoa/2026-03-14-duong-lien-thon")?.people_count).toBe(40);
    expect(result.model.reports.get("2026-03/xa-ky-hoa/mttq")?.consolidates.observations).toHaveLength(1);
  });
});

describe("references", () => {
  it("names a missing field with a suggestion and its position", () => {
    const [issue, ...rest] = check(observation("field: kinh-te", "field: kinh-tee"));
    expect(rest).toEqual([]);
    expect(where(issue!)).toBe(`content/${VALID_OBSERVATION_PATH}:7:8`);
    expect(issue!.message).toContain('Lĩnh vực "kinh-tee" không có trong fields.yaml');
    expect(issue!.message).toContain('Có phải ý bạn là "kinh-te"?');
  });

  it("rejects a sub-topic of another field, naming that field", () => {
    const [issue] = check(observation("subtopics: [nong-nghiep-nong-thon]", "subtopics: [giao-duc-dao-tao]"));
    expect(issue!.message).toBe('Tiểu mục "giao-duc-dao-tao" thuộc lĩnh vực "van-hoa-xa-hoi", không thuộc "kinh-te"');
  });

  it("suggests the unit id for a near miss", () => {
    const issues = check(observation("unit: xa-ky-hoa", "unit: xa-ky-hao"));
    expect(issues.map((issue) => issue.message)).toContain('Đơn vị "xa-ky-hao" không có trong units/. Có phải ý bạn là "xa-ky-hoa"?');
  });
});

describe("file location", () => {
  it("requires the file to sit in its unit's folder", () => {
    const tree = { [VALID_OBSERVATION_PATH]: null, "observations/2026/03/ha-tinh/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION };
    const issues = check(tree);
    expect(issues.some((issue) => issue.rule === "location" && issue.message.includes('thư mục của đơn vị "ha-tinh"'))).toBe(true);
  });

  it("requires the date folder to match the date in the name", () => {
    const issues = check({ [VALID_OBSERVATION_PATH]: null, "observations/2026/04/xa-ky-hoa/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION });
    expect(issues.map((issue) => issue.message)).toContain("Tệp nằm trong thư mục 2026/04 nhưng ngày trong tên tệp là 2026-03-14: cần thư mục 2026/03");
  });

  it("rejects two files with the same id", () => {
    const issues = check({ "observations/2026/04/xa-ky-hoa/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION });
    expect(issues.some((issue) => issue.rule === "unique-ids")).toBe(true);
  });
});

describe("dates", () => {
  it("rejects a recorded date before the observed date", () => {
    const [issue] = check(observation("recorded_on: 2026-03-15", "recorded_on: 2026-03-10"));
    expect(issue!.message).toBe("Ngày ghi nhận 10/03/2026 trước ngày nắm được 14/03/2026");
    expect(issue!.line).toBe(4);
  });

  it("rejects a follow-up log out of order", () => {
    const issues = check(observation("date: 2026-04-02", "date: 2026-03-15"));
    expect(issues.map((issue) => issue.message)).toContain("Bước theo dõi ngày 15/03/2026 trước bước trước (16/03/2026): nhật ký phải theo thứ tự thời gian");
  });

  it("rejects dates in the future", () => {
    const issues = check(observation("date: 2026-04-02", "date: 2026-12-02"));
    expect(issues.map((issue) => issue.message)).toContain("Ngày 02/12/2026 ở tương lai (hôm nay là 27/11/2026)");
  });
});

describe("follow-up", () => {
  it("rejects a transition out of a closed state", () => {
    const text = VALID_OBSERVATION.replace("status: da-tra-loi\nforwarded_to", "status: da-tra-loi\nforwarded_to").replace(
      "  - date: 2026-04-02\n    status: da-tra-loi",
      "  - date: 2026-03-20\n    status: trung-lap\n  - date: 2026-04-02\n    status: da-tra-loi",
    );
    const issues = check({ [VALID_OBSERVATION_PATH]: text });
    expect(issues.map((issue) => issue.message)).toContain(
      'Không thể chuyển từ "trung-lap" (Trùng lặp) sang "da-tra-loi" (Đã có trả lời); đây là trạng thái kết thúc',
    );
  });

  it("requires the status to equal the last step", () => {
    const [issue] = check(observation("status: da-tra-loi\nforwarded_to", "status: da-giai-quyet\nforwarded_to"));
    expect(issue!.message).toContain('Trạng thái phải khớp bước theo dõi cuối cùng "da-tra-loi"');
  });

  it("requires forwarded_to to match the last forwarding", () => {
    const [issue] = check(observation("forwarded_to: UBND xã Kỳ Hoa", "forwarded_to: Công an xã"));
    expect(issue!.message).toContain('phải là "UBND xã Kỳ Hoa"');
  });
});

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

describe("report consolidation", () => {
  it("rejects an observation outside the window", () => {
    const issues = check({
      [VALID_REPORT_PATH]: null,
      "reports/2026-04/xa-ky-hoa/mttq.md": VALID_REPORT.replace("period: 2026-03", "period: 2026-04").replace("2026-03-19", "2026-04-19"),
    });
    expect(issues.map((issue) => issue.message)).toContain(
      'Thông tin "xa-ky-hoa/2026-03-14-duong-lien-thon" nắm được ngày 14/03/2026, ngoài kỳ báo cáo 21/03/2026–20/04/2026',
    );
  });

  it("rejects a missing observation with a suggestion", () => {
    const issues = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("2026-03-14-duong-lien-thon]", "2026-03-14-duong-lien-thon-x]") });
    expect(issues[0]!.message).toContain(
      'Không có thông tin mã "xa-ky-hoa/2026-03-14-duong-lien-thon-x". Có phải ý bạn là "xa-ky-hoa/2026-03-14-duong-lien-thon"?',
    );
    expect(issues[0]!.line).toBe(9);
  });

  it("requires the author to be a focal point of the body", () => {
    const [issue] = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("author: ky-hoa-mttq-le-van-binh", "author: nguoi-khac") });
    expect(issue!.message).toContain('"nguoi-khac" không phải đầu mối của xa-ky-hoa/mttq');
  });

  it("rejects a report whose path and period disagree", () => {
    const issues = check({ [VALID_REPORT_PATH]: VALID_REPORT.replace("period: 2026-03", "period: 2026-q1") });
    expect(issues.map((issue) => issue.message)).toContain('Tệp nằm trong thư mục kỳ "2026-03" nhưng ghi kỳ "2026-q1"');
  });
});

describe("personal data and unsafe HTML in bodies", () => {
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

  it.each([
    ["<script>", "<script>alert(1)</script>"],
    ["<iframe>", '<iframe src="https://example.com"></iframe>'],
    ["an event handler", '<img src="x" onerror="alert(1)">'],
    ["a javascript: link", "[bấm vào đây](javascript:alert(1))"],
  ])("rejects %s", (_, html) => {
    const issues = check(observation("Bà con đề nghị", `${html}\n\nBà con đề nghị`));
    expect(issues.some((issue) => issue.rule === "unsafe-html" && issue.line === 30)).toBe(true);
  });

  it("does not flag dates, money and document numbers", () => {
    const issues = check(observation("Bà con đề nghị", "Văn bản số 125/UBND ngày 20/11/2025, kinh phí 1.500.000.000 đồng, 2026-03-14.\n\nBà con đề nghị"));
    expect(issues).toEqual([]);
  });
});

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

  it("reports a missing reference list", () => {
    const issues = check({ "channels.yaml": null });
    expect(issues.map((issue) => `${issue.file} ${issue.message}`)).toContain("content/channels.yaml Thiếu tệp danh mục channels.yaml (danh mục channels)");
  });
});
