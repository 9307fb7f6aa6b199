import { describe, expect, it } from "vitest";
import { toContentFiles } from "../../test-support/content-fixtures.ts";
import { observationText, PEOPLE, repositoryContent } from "../../test-support/git-fixture.ts";
import { loadContent } from "../content/load-content.ts";
import { authorship, type CommitFacts } from "./authorship.ts";
import { ownershipProblems } from "./ownership.ts";
import { formatProblem } from "./problem.ts";
import { isUrgent } from "./routing.ts";

const model = loadContent(toContentFiles(repositoryContent())).model;
const BINH = { name: "Lê Văn Bình", email: "binh@example.vn" };
const commit = (overrides: Partial<CommitFacts> = {}): CommitFacts => ({
  oid: "1234567890abcdef",
  message: `Nộp\n\nFocal-point: ${PEOPLE.communeMttq}`,
  author: BINH,
  committer: BINH,
  ...overrides,
});

describe("who a submission is from", () => {
  it("is the focal point every commit names, authored and committed by them", () => {
    const found = authorship(model, [commit(), commit()]);
    expect(found.problems).toEqual([]);
    expect(found.submitter?.person.id).toBe(PEOPLE.communeMttq);
  });

  it("refuses a forged author", () => {
    const found = authorship(model, [commit({ author: { name: "Kẻ Lạ", email: "la@example.vn" } })]);
    expect(found.problems.map(formatProblem)).toEqual([
      `commit 1234567 ghi tác giả "Kẻ Lạ <la@example.vn>" nhưng tự nhận là đầu mối ${PEOPLE.communeMttq} (Lê Văn Bình <binh@example.vn>): nghi giả mạo`,
    ]);
  });

  it("counts the committer as well as the author", () => {
    const found = authorship(model, [commit({ committer: { name: "Kẻ Lạ", email: "la@example.vn" } })]);
    expect(found.problems.map(formatProblem)[0]).toContain('do "Kẻ Lạ <la@example.vn>" ghi (committer) nhưng tự nhận là đầu mối');
  });

  it("refuses commits naming different focal points, or none", () => {
    expect(authorship(model, [commit(), commit({ message: `x\n\nFocal-point: ${PEOPLE.communeWomen}` })]).problems[0]?.message).toContain(
      "không cùng một đầu mối",
    );
    expect(authorship(model, [commit({ message: "x" })]).submitter).toBeUndefined();
    expect(authorship(model, [commit({ message: "x\n\nFocal-point: ai-do" })]).problems[0]?.message).toBe('đầu mối "ai-do" không có trong bodies/');
  });
});

describe("ownership and routing", () => {
  const submitter = authorship(model, [commit()]).submitter as NonNullable<ReturnType<typeof authorship>["submitter"]>;

  it("lets a commune's MTTQ write its unit's observations, not another unit's nor the unit list", () => {
    expect(ownershipProblems(model, submitter, ["observations/2026/11/xa-ky-hoa/2026-11-20-a.md"])).toEqual([]);
    expect(ownershipProblems(model, submitter, ["observations/2026/11/xa-ky-lac/2026-11-20-a.md"]).map(formatProblem)[0]).toContain(
      'thuộc đơn vị "xa-ky-lac", không phải "xa-ky-hoa"',
    );
    expect(ownershipProblems(model, submitter, ["units/thon-moi.yaml"])[0]?.path).toBe("units/thon-moi.yaml");
  });

  it("calls urgent what the urgency list's data says is urgent, not a fixed id", () => {
    const content = repositoryContent();
    const observation = observationText("khan-cap", "mttq", "dot-xuat");
    content[observation.path.replace(/^content\//, "")] = observation.text;
    const path = observation.path.replace(/^content\//, "");
    const urgentModel = loadContent(toContentFiles(content)).model;
    expect(isUrgent(urgentModel, [path])).toBe(true);
    // The same level, made routine in urgencies.yaml: no longer urgent.
    const urgencies = content["urgencies.yaml"] as string;
    content["urgencies.yaml"] = urgencies.replace(/(id: dot-xuat[\s\S]*?urgent: )true/, "$1false");
    expect(content["urgencies.yaml"]).not.toBe(urgencies);
    expect(isUrgent(loadContent(toContentFiles(content)).model, [path])).toBe(false);
  });

  it("calls nothing urgent without observations", () => {
    expect(isUrgent(model, [])).toBe(false);
    expect(isUrgent(model, ["reports/2026-03/xa-ky-hoa/mttq.md"])).toBe(false);
  });
});
