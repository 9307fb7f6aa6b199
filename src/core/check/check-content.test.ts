import { describe, expect, it } from "vitest";
import { checkWith as check, TODAY } from "../../test-support/check-fixture.ts";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { checkContent } from "./check-content.ts";

// Each rule's cases sit beside it (rules/<rule>.test.ts); here, the whole check.
describe("checkContent on a valid tree", () => {
  it("finds no issue and builds the model", () => {
    const result = checkContent(toContentFiles(minimalContent()), { root: "content/", today: TODAY });
    expect(result.issues).toEqual([]);
    expect(result.model.observations.get("xa-ky-hoa/2026-03-14-duong-lien-thon")?.people_count).toBe(40);
    expect(result.model.reports.get("2026-03/xa-ky-hoa/mttq")?.consolidates.observations).toHaveLength(1);
  });

  it("reports a missing reference list", () => {
    const issues = check({ "channels.yaml": null });
    expect(issues.map((issue) => `${issue.file} ${issue.message}`)).toContain("content/channels.yaml Thiếu tệp danh mục channels.yaml (danh mục channels)");
  });
});
