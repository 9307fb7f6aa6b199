import { join } from "node:path";
import { expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { checkContent } from "../check/check-content.ts";
import type { BodyEntry, ContentModel } from "../content/content-model.ts";
import { loadContent } from "../content/load-content.ts";
import { observationPath, reportPath } from "../content/paths.ts";
import { bodyTeam, type CodeownersOptions, codeowners } from "./codeowners.ts";
import { mayApprove } from "./jurisdiction.ts";

const OPTIONS: CodeownersOptions = { contentPath: "content", organisation: "@mttq-ha-tinh", adminTeam: "quan-tri" };

/** Owners of a repository path as a forge reads CODEOWNERS: the last matching pattern wins. */
function ownersOf(text: string, path: string): string[] {
  let owners: string[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [pattern = "", ...names] = line.split(/\s+/);
    const body = pattern
      .replace(/^\//, "")
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]*");
    const regex = pattern === "*" ? /^/ : new RegExp(`^${body}${pattern.endsWith("/") ? "" : "$"}`);
    if (regex.test(path)) owners = names;
  }
  return owners.sort();
}

/** The teams whose members the command line lets approve a submission of `body`'s first focal point. */
function acceptedTeams(model: ContentModel, body: BodyEntry, urgent: boolean): string[] {
  const submitter = { person: body.focal_points[0] as BodyEntry["focal_points"][number], body };
  const accepted = new Set<string>();
  for (const reviewerBody of model.bodies.values()) {
    for (const person of reviewerBody.focal_points) {
      if (mayApprove(model, { person, body: reviewerBody }, submitter, urgent).ok) accepted.add(bodyTeam(OPTIONS, reviewerBody.id));
    }
  }
  return [...accepted].sort();
}

it("gives each body's paths to the bodies it reports to, and shared data to the administrators", () => {
  const tree = {
    ...minimalContent(),
    "units/thon-a.yaml": "name: Thôn A\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
    "bodies/thon-a/mttq.yaml": "focal_points:\n  - id: thon-a-mttq\n    name: Phan Văn An\n    title: Trưởng ban\n",
    "bodies/ha-tinh/mttq.yaml": "focal_points:\n  - id: ha-tinh-mttq\n    name: Đặng Thị Lan\n    title: Trưởng ban\n",
  };
  const { model } = checkContent(toContentFiles(tree), { root: "content/", today: "2026-11-27" });
  const text = codeowners(model, OPTIONS);
  expect(text.split("\n").filter((line) => line && !line.startsWith("#"))).toEqual([
    "* @mttq-ha-tinh/quan-tri",
    "/content/observations/*/*/ha-tinh/ @mttq-ha-tinh/ha-tinh-mttq",
    "/content/observations/*/*/thon-a/ @mttq-ha-tinh/ha-tinh-mttq @mttq-ha-tinh/xa-ky-hoa-mttq",
    "/content/observations/*/*/xa-ky-hoa/ @mttq-ha-tinh/ha-tinh-mttq",
    "/content/reports/*/ha-tinh/mttq.md @mttq-ha-tinh/ha-tinh-mttq",
    "/content/reports/*/thon-a/mttq.md @mttq-ha-tinh/xa-ky-hoa-mttq",
    "/content/reports/*/xa-ky-hoa/mttq.md @mttq-ha-tinh/ha-tinh-mttq",
    "/content/units/ @mttq-ha-tinh/quan-tri",
    "/content/bodies/ @mttq-ha-tinh/quan-tri",
    "/content/*.yaml @mttq-ha-tinh/quan-tri",
  ]);
});

it("names, for every body of the demo, the reviewers the command line accepts (observation folders: a superset the status check narrows)", () => {
  const directory = join(import.meta.dirname, "..", "..", "..", "content");
  const { model } = loadContent(readContentFiles(directory, listContentPaths(directory, ["observations", "reports"])));
  const text = codeowners(model, OPTIONS);
  let narrowed = 0;
  for (const body of model.bodies.values()) {
    // Reports: exactly the same set.
    expect({ body: body.id, owners: ownersOf(text, `content/${reportPath("2026-03", body.unit, body.organisation)}`) }).toEqual({
      body: body.id,
      owners: acceptedTeams(model, body, false),
    });
    // Observations: every team the command line accepts (routine or urgent) owns the folder.
    const folderOwners = ownersOf(text, `content/${observationPath(body.unit, "2026-03-04", "vi-du")}`);
    const urgent = acceptedTeams(model, body, true);
    for (const team of urgent) expect(folderOwners).toContain(team);
    const routine = acceptedTeams(model, body, false);
    narrowed += folderOwners.filter((team) => !routine.includes(team)).length;
  }
  // The folder rule is wider than one organisation's line: the header says what the status check adds.
  expect(narrowed).toBeGreaterThan(0);
  expect(text).toContain("dan-y verify-approval");
  for (const path of ["content/bodies/ha-tinh/mttq.yaml", "content/units/ha-tinh.yaml", "content/organisations.yaml", "README.md"]) {
    expect(ownersOf(text, path)).toEqual(["@mttq-ha-tinh/quan-tri"]);
  }
});
