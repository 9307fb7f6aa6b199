import { describe, expect, it } from "vitest";
import { checkWith as check } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

describe("file location", () => {
  it("requires the file to sit in its unit's folder", () => {
    const tree = { [VALID_OBSERVATION_PATH]: null, "observations/2026/03/ha-tinh/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION };
    const issues = check(tree);
    expect(issues.some((issue) => issue.rule === "location" && issue.message.includes('thư mục của đơn vị "ha-tinh"'))).toBe(true);
  });

  it("requires the date folder to match the date in the name", () => {
    const issues = check({ [VALID_OBSERVATION_PATH]: null, "observations/2026/04/xa-ky-hoa/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION });
    expect(issues.map((issue) => issue.message)).toContain("Tệp nằm trong thư mục 2026/04 nhưng ngày trong tên tệp là 2026-03-14: cần thư mục 2026/03");
  });

  it("rejects two files with the same id", () => {
    const issues = check({ "observations/2026/04/xa-ky-hoa/2026-03-14-duong-lien-thon.md": VALID_OBSERVATION });
    expect(issues.some((issue) => issue.rule === "unique-ids")).toBe(true);
  });
});
