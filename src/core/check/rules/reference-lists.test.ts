import { describe, expect, it } from "vitest";
import { checkWith as check } from "../../../test-support/check-fixture.ts";
import { minimalContent } from "../../../test-support/content-fixtures.ts";

describe("reference lists", () => {
  it("refuses a repeated channel id at its line", () => {
    const channels = minimalContent()["channels.yaml"] as string;
    const first = /- id: ([a-z-]+)/.exec(channels)?.[1] as string;
    const issues = check({ "channels.yaml": `${channels}- id: ${first}\n  label: Kênh trùng\n  mode: dinh-ky\n` });
    const repeated = issues.filter((issue) => issue.rule === "reference-lists");
    expect(repeated.map((issue) => issue.message)).toEqual([`Mã "${first}" bị trùng trong danh mục`]);
    expect(repeated[0]?.line).toBe(channels.split("\n").length);
  });

  it("requires exactly one lead organisation", () => {
    const organisations = (minimalContent()["organisations.yaml"] as string).replace(/\n\s*lead: true/, "");
    const issues = check({ "organisations.yaml": organisations });
    expect(issues.map((issue) => issue.message)).toContain("Cần đúng một tổ chức chủ trì tổng hợp (lead: true); đang có 0");
  });
});
