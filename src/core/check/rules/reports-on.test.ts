/**
 * A rule that declares `reportsOn` is skipped by a check limited to files of
 * other kinds (a workspace form's one observation): the declaration must be
 * true, or that check would miss what the rule says. Each such rule is run
 * over content it finds fault with, and every issue must land on a declared kind.
 */
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";
import { loadContent } from "../../content/load-content.ts";
import { classifyPath } from "../../content/paths.ts";
import { checkContent, checkLoaded, treeIssues } from "../check-content.ts";
import { RULES } from "./index.ts";

const TODAY = "2026-11-27";
const ROOT = "content/";

/** The minimal tree with a unit tree fault (a parent at a lower level, an unknown level) and plain contacts under declared publishing keys. */
function faulty(): Record<string, string> {
  return {
    ...minimalContent(),
    "units/thon-a.yaml": "name: Thôn A\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
    "units/xa-b.yaml": "name: Xã B\nlevel: xaa\nparent: thon-a\n",
    "bodies/ha-tinh/mttq.yaml":
      'focal_points:\n  - id: ha-tinh-mttq-hoang-quan\n    name: Hoàng Quân\n    title: Phó Chủ tịch\n    phone: "0912 000 111"\npublishing_keys: [age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq]\n',
    [VALID_OBSERVATION_PATH]: VALID_OBSERVATION,
  };
}

describe("rules that report on some kinds of files only", () => {
  const scoped = RULES.filter((rule) => rule.reportsOn);

  it("are the unit tree's and the sealed contacts' (each declared, each found at fault here)", () => {
    expect(scoped.map((rule) => rule.id).sort()).toEqual(["sealed-contacts", "unit-tree"]);
    const issues = checkContent(toContentFiles(faulty()), { root: ROOT, today: TODAY }).issues;
    for (const rule of scoped) expect(issues.filter((issue) => issue.rule === rule.id).length).toBeGreaterThan(0);
  });

  it("report only on the kinds they declare", () => {
    const issues = checkContent(toContentFiles(faulty()), { root: ROOT, today: TODAY }).issues;
    for (const rule of scoped) {
      for (const issue of issues.filter((candidate) => candidate.rule === rule.id)) {
        expect(rule.reportsOn).toContain(classifyPath(issue.file.slice(ROOT.length)).kind);
      }
    }
  });

  it("still run when the check is limited to a file of their kind, and are skipped for an observation alone with the same answer", () => {
    const files = toContentFiles(faulty());
    const loaded = loadContent(files);
    const { index } = treeIssues(
      files.map((file) => file.relative),
      ROOT,
    );
    const everything = checkLoaded(loaded, index, { root: ROOT, today: TODAY });
    const unitFile = `${ROOT}units/xa-b.yaml`;
    const forUnit = checkLoaded(loaded, index, { root: ROOT, today: TODAY, only: new Set([unitFile]) });
    expect(forUnit.map((issue) => issue.rule)).toContain("unit-tree");
    expect(forUnit).toEqual(everything.filter((issue) => issue.file === unitFile));
    const observationFile = `${ROOT}${VALID_OBSERVATION_PATH}`;
    const forObservation = checkLoaded(loaded, index, { root: ROOT, today: TODAY, only: new Set([observationFile]) });
    expect(forObservation).toEqual(everything.filter((issue) => issue.file === observationFile));
    // A file outside the content folder: no kind is known, every rule runs (and its issues are kept as before).
    const outside = checkLoaded(loaded, index, { root: ROOT, today: TODAY, only: new Set(["khac/units/xa-b.yaml", unitFile]) });
    expect(outside).toEqual(forUnit);
  });
});
