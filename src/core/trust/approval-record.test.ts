/**
 * The approval line a page shows gives days as they were in Vietnam: a merge
 * at 18:30 UTC was made the next morning there.
 */
import { describe, expect, it } from "vitest";
import { formatDateVi } from "../calendar/dates.ts";
import { describeProvenance, type ProvenanceRecord } from "./approval-record.ts";

const record = (fields: Partial<ProvenanceRecord>): ProvenanceRecord => ({
  submittedBy: "Trần Thị Hoa",
  reviewedBy: "Lê Văn Bình",
  submitterId: undefined,
  reviewerId: undefined,
  approvedAt: "2026-11-22T08:00:00.000Z",
  receivedAt: "2026-11-21T02:00:00.000Z",
  commit: "a".repeat(40),
  via: "dan-y",
  pullRequest: undefined,
  verified: true,
  unverifiedReason: undefined,
  ...fields,
});

describe("the approval line", () => {
  it("dates the submission and the approval by the day in Vietnam, not in UTC", () => {
    const late = record({ receivedAt: "2026-11-20T18:30:00.000Z", approvedAt: "2026-11-21T17:00:00.000Z" });
    expect(describeProvenance(late, formatDateVi)).toBe("Trần Thị Hoa nộp ngày 21/11/2026; Lê Văn Bình duyệt ngày 22/11/2026 — đã xác minh");
    const early = record({ receivedAt: "2026-11-20T16:59:00.000Z", approvedAt: "2026-11-21T00:00:00.000Z" });
    expect(describeProvenance(early, formatDateVi)).toBe("Trần Thị Hoa nộp ngày 20/11/2026; Lê Văn Bình duyệt ngày 21/11/2026 — đã xác minh");
  });

  it("dates an unverified merge the same way", () => {
    const unverified = record({ verified: false, unverifiedReason: "không rõ người duyệt", approvedAt: "2026-11-21T20:00:00.000Z" });
    expect(describeProvenance(unverified, formatDateVi)).toBe(
      "Chưa xác minh: bản ghi hợp nhất ngày 22/11/2026 không chứng minh được việc duyệt (không rõ người duyệt)",
    );
  });
});
