import { describe, expect, it } from "vitest";
import { planMerge } from "./merge-plan.ts";

const BRANCH = "submissions/xa-ky-hoa/2026-11-27-x";

describe("merge plan", () => {
  it("takes the submission's version of a path main has not changed since", () => {
    expect(planMerge(BRANCH, [{ path: "content/a.md", onMain: undefined, atBase: undefined, atTip: { oid: "b1", mode: "100644" } }])).toEqual({
      ok: true,
      changes: [{ path: "content/a.md", oid: "b1", mode: "100644" }],
    });
  });

  it("accepts a path main already holds in the submitted version", () => {
    expect(planMerge(BRANCH, [{ path: "content/a.md", onMain: "b1", atBase: "b0", atTip: { oid: "b1", mode: "100644" } }]).ok).toBe(true);
  });

  it("refuses a path main changed since the submission left it, naming it", () => {
    const plan = planMerge(BRANCH, [{ path: "content/a.md", onMain: "b2", atBase: "b0", atTip: { oid: "b1", mode: "100644" } }]);
    expect(plan.ok).toBe(false);
    if (!plan.ok)
      expect(plan.conflicts[0]?.message).toBe(
        `Không duyệt được ${BRANCH}: xung đột ở content/a.md, tệp đã thay đổi trên main sau khi nộp. Người nộp cần cập nhật bài nộp.`,
      );
  });
});
