import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

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
