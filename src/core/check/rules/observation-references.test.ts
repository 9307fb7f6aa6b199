import { describe, expect, it } from "vitest";
import { checkWith as check, observation, where } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

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
