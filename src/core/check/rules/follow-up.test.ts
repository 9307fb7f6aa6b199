import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";
import { minimalContent, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

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

describe("follow-up as data", () => {
  it("lets an answered item move on to informing the people back (da-thong-tin-lai), a status of statuses.yaml", () => {
    const text = VALID_OBSERVATION.replace("status: da-tra-loi\nforwarded_to", "status: da-thong-tin-lai\nforwarded_to").replace(
      "related: []",
      "  - date: 2026-04-10\n    status: da-thong-tin-lai\n    note: Thông báo kết quả tại hội nghị thôn\nrelated: []",
    );
    expect(check({ [VALID_OBSERVATION_PATH]: text })).toEqual([]);
  });

  it("follows the transitions the data gives: a status list without the step refuses it", () => {
    const statuses = (minimalContent()["statuses.yaml"] as string).replace(
      "next: [da-chuyen, da-giai-quyet, dong-chua-giai-quyet, da-thong-tin-lai]",
      "next: [da-chuyen, da-giai-quyet, dong-chua-giai-quyet]",
    );
    const text = VALID_OBSERVATION.replace("status: da-tra-loi\nforwarded_to", "status: da-thong-tin-lai\nforwarded_to").replace(
      "related: []",
      "  - date: 2026-04-10\n    status: da-thong-tin-lai\nrelated: []",
    );
    expect(check({ "statuses.yaml": statuses, [VALID_OBSERVATION_PATH]: text }).map((issue) => issue.message)).toEqual([
      'Không thể chuyển từ "da-tra-loi" (Đã có trả lời) sang "da-thong-tin-lai" (Đã thông tin lại cho Nhân dân); được phép: da-chuyen, da-giai-quyet, dong-chua-giai-quyet',
    ]);
  });
});
