import { describe, expect, it } from "vitest";
import { branchProblems, branchUnit, submissionBranch } from "./branch-name.ts";
import { formatProblem } from "./problem.ts";

describe("submission branch names", () => {
  it("names a branch for the unit, the day and a short name of at most 60 characters", () => {
    expect(submissionBranch("xa-ky-hoa", "2026-11-27", "duong-ngap")).toBe("submissions/xa-ky-hoa/2026-11-27-duong-ngap");
    expect(submissionBranch("xa-ky-hoa", "2026-11-27", "a".repeat(80))).toHaveLength("submissions/xa-ky-hoa/2026-11-27-".length + 60);
    expect(branchUnit("submissions/xa-ky-hoa/2026-11-27-x")).toBe("xa-ky-hoa");
    expect(branchUnit("submissions/xa-ky-hoa")).toBeUndefined();
  });

  it("accepts the submitter's own unit", () => {
    expect(branchProblems("submissions/xa-ky-hoa/2026-11-27-x", "xa-ky-hoa")).toEqual([]);
  });

  it("refuses a branch named for another unit", () => {
    expect(branchProblems("submissions/xa-ky-lac/2026-11-27-x", "xa-ky-hoa").map(formatProblem)).toEqual([
      'submissions/xa-ky-lac/2026-11-27-x: nhánh mang tên đơn vị "xa-ky-lac" nhưng người nộp thuộc đơn vị "xa-ky-hoa"',
    ]);
  });

  it("refuses bidi characters and shows them escaped", () => {
    const [found] = branchProblems("submissions/xa-ky-hoa/2026-11-27-\u202Ex", "xa-ky-hoa").map(formatProblem);
    expect(found).toContain("submissions/xa-ky-hoa/2026-11-27-\\u{202E}x: tên nhánh không hợp lệ");
    expect(found).not.toContain("\u202E");
  });

  it("refuses a name that is not submissions/<unit>/<name>", () => {
    expect(branchProblems("feature/x", undefined).map(formatProblem)[0]).toContain("phải có dạng submissions/<mã-đơn-vị>/<ngày>-<tên-ngắn>");
  });
});
