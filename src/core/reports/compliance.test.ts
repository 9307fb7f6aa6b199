import { expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_REPORT } from "../../test-support/content-fixtures.ts";
import { parsePeriod } from "../calendar/periods.ts";
import { checkContent } from "../check/check-content.ts";
import { compliance, lowerReportGaps } from "./compliance.ts";

it("counts expected, on-time, late and missing reports per period, from the schedule's expectations", () => {
  const tree = {
    ...minimalContent(),
    "units/xa-ky-lac.yaml": "name: Xã Kỳ Lạc\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n",
    "reports/2026-04/xa-ky-hoa/mttq.md": VALID_REPORT.replace("period: 2026-03", "period: 2026-04")
      .replace("submitted_on: 2026-03-19", "submitted_on: 2026-04-23")
      .replace("  observations: [xa-ky-hoa/2026-03-14-duong-lien-thon]\n", "  observations: []\n"),
  };
  const { model, issues } = checkContent(toContentFiles(tree), { root: "content/", today: "2026-11-27" });
  expect(issues).toEqual([]);
  model.schedule = {
    ...(model.schedule as NonNullable<typeof model.schedule>),
    expected_reports: [{ level: "xa", organisations: ["mttq"], kinds: ["month"] }],
  };
  const march = compliance(model, parsePeriod("2026-03") as never, "2026-11-27");
  expect(march?.rows.map((row) => [row.unit, row.status])).toEqual([
    ["xa-ky-hoa", "dung-han"],
    ["xa-ky-lac", "chua-gui"],
  ]);
  expect(march).toMatchObject({ due: "2026-03-20", expected: 2, submitted: 1, onTime: 1, late: 0, missing: 1, submittedRate: 0.5, onTimeRate: 0.5 });
  const april = compliance(model, parsePeriod("2026-04") as never, "2026-11-27");
  expect(april?.rows.find((row) => row.unit === "xa-ky-hoa")?.status).toBe("tre-han");
  // The province's page lists its communes' late and missing reports; a commune's own row is not a lower gap.
  const subtree = new Set(["ha-tinh", "xa-ky-hoa", "xa-ky-lac"]);
  expect(lowerReportGaps(april as NonNullable<typeof april>, subtree, "ha-tinh").map((row) => [row.unit, row.status])).toEqual([
    ["xa-ky-hoa", "tre-han"],
    ["xa-ky-lac", "chua-gui"],
  ]);
  expect(lowerReportGaps(march as NonNullable<typeof march>, subtree, "ha-tinh").map((row) => row.unit)).toEqual(["xa-ky-lac"]);
  expect(lowerReportGaps(april as NonNullable<typeof april>, new Set(["xa-ky-lac"]), "xa-ky-lac")).toEqual([]);
  const december = compliance(model, parsePeriod("2026-12") as never, "2026-11-27");
  expect(december?.rows.every((row) => row.status === "chua-den-han")).toBe(true);
  expect(december?.submittedRate).toBe(0);
  // The former commune ended before 2026 and is not expected; the quarter is not expected of communes here.
  expect(compliance(model, parsePeriod("2026-q1") as never, "2026-11-27")?.expected).toBe(0);
});
