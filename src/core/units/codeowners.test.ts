import { expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { checkContent } from "../check/check-content.ts";
import { codeowners } from "./codeowners.ts";
import { buildUnitTree } from "./unit-tree.ts";

it("gives each body's paths to the bodies it reports to, and shared data to the administrators", () => {
  const tree = {
    ...minimalContent(),
    "units/thon-a.yaml": "name: Thôn A\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
    "bodies/thon-a/mttq.yaml": "focal_points:\n  - id: thon-a-mttq\n    name: Phan Văn An\n    title: Trưởng ban\n",
    "bodies/ha-tinh/mttq.yaml": "focal_points:\n  - id: ha-tinh-mttq\n    name: Đặng Thị Lan\n    title: Trưởng ban\n",
  };
  const { model } = checkContent(toContentFiles(tree), { root: "content/", today: "2026-11-27" });
  const text = codeowners(model, buildUnitTree(model), { contentPath: "content", organisation: "@mttq-ha-tinh", adminTeam: "quan-tri" });
  expect(text.split("\n").filter((line) => line && !line.startsWith("#"))).toEqual([
    "* @mttq-ha-tinh/quan-tri",
    "/content/observations/*/*/ha-tinh/ @mttq-ha-tinh/quan-tri",
    "/content/observations/*/*/thon-a/ @mttq-ha-tinh/xa-ky-hoa-mttq",
    "/content/observations/*/*/xa-ky-hoa/ @mttq-ha-tinh/ha-tinh-mttq",
    "/content/reports/*/ha-tinh/mttq.md @mttq-ha-tinh/quan-tri",
    "/content/reports/*/thon-a/mttq.md @mttq-ha-tinh/xa-ky-hoa-mttq",
    "/content/reports/*/xa-ky-hoa/mttq.md @mttq-ha-tinh/ha-tinh-mttq",
  ]);
});
