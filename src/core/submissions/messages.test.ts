import { describe, expect, it } from "vitest";
import { trailer } from "./commit-trailers.ts";
import { approvalMessage, readRejection, rejectionMessage, submissionMessage } from "./messages.ts";

const SUBMITTER = { id: "ky-hoa-mttq-le-van-binh", name: "Lê Văn Bình", email: "binh@example.vn", body: "xa-ky-hoa/mttq" };
const REVIEWER = { id: "ha-tinh-mttq-dang-thi-lan", name: "Đặng Thị Lan", email: "lan@example.vn", body: "ha-tinh/mttq" };

describe("commit messages of the record", () => {
  it("carries the focal point in a submission", () => {
    const message = submissionMessage("xa-ky-hoa/mttq: nộp 1 tệp", SUBMITTER);
    expect(trailer(message, "Focal-point")).toBe(SUBMITTER.id);
    expect(trailer(message, "Submitted-by")).toBe("Lê Văn Bình <binh@example.vn>");
  });

  it("carries both people in an approval", () => {
    const message = approvalMessage("submissions/xa-ky-hoa/x", 2, SUBMITTER, REVIEWER);
    expect(message.split("\n")[0]).toBe("Duyệt submissions/xa-ky-hoa/x");
    expect(message).toContain("xa-ky-hoa/mttq nộp 2 tệp; ha-tinh/mttq duyệt.");
    expect(trailer(message, "Reviewed-by")).toBe("Đặng Thị Lan <lan@example.vn>");
    expect(trailer(message, "Reviewer")).toBe(REVIEWER.id);
  });

  it("reads back the reason and reviewer of a rejection", () => {
    const message = rejectionMessage("submissions/xa-ky-hoa/x", "  Cần ghi rõ thôn nào\nvà số hộ ", REVIEWER, "abc");
    expect(readRejection(message, "x")).toEqual({ reason: "Cần ghi rõ thôn nào\nvà số hộ", reviewer: "Đặng Thị Lan <lan@example.vn>" });
    expect(trailer(message, "Rejected-commit")).toBe("abc");
  });
});
