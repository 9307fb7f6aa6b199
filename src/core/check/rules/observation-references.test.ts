import { describe, expect, it } from "vitest";
import { checkWith as check, observation, where } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";
import { isError } from "../../content/content-issue.ts";

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

describe("references to urgencies, statuses and tags", () => {
  it("refuses an urgency and a status not in their lists, with a suggestion", () => {
    const changed = observation("urgency: thuong-xuyen", "urgency: khann")[VALID_OBSERVATION_PATH]?.replace(
      "    status: da-chuyen",
      "    status: da-chuyenn",
    ) as string;
    const messages = check({ [VALID_OBSERVATION_PATH]: changed })
      .filter((issue) => issue.rule === "references")
      .map((issue) => `${issue.line} ${issue.message}`);
    expect(messages).toEqual([
      '10 Mức độ "khann" không có trong urgencies.yaml (có: thuong-xuyen, dot-xuat, khan). Có phải ý bạn là "khan"?',
      `18 Trạng thái "da-chuyenn" không có trong statuses.yaml (có: moi, da-chuyen, da-tra-loi, da-giai-quyet, da-thong-tin-lai, khong-thuoc-tham-quyen, trung-lap, dong-chua-giai-quyet). Có phải ý bạn là "da-chuyen"?`,
    ]);
  });

  it("warns, without failing, about a tag not in tags.yaml, with a suggestion", () => {
    const issues = check(observation("tags: [giao-thong]", "tags: [giao-thong, giao-thon, hoan-toan-moi]"));
    expect(issues.map((issue) => `${where(issue)} ${issue.severity} ${issue.message}`)).toEqual([
      `content/${VALID_OBSERVATION_PATH}:13:20 warning Từ khóa "giao-thon" chưa có trong tags.yaml: hãy thêm nó (mã và tên tiếng Việt) vào danh mục. Có phải ý bạn là "giao-thong"?`,
      `content/${VALID_OBSERVATION_PATH}:13:31 warning Từ khóa "hoan-toan-moi" chưa có trong tags.yaml: hãy thêm nó (mã và tên tiếng Việt) vào danh mục.`,
    ]);
    expect(issues.filter(isError)).toEqual([]);
  });
});
