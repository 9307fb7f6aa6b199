/**
 * Several submissions reviewed in one form: answered in the order asked, each
 * with its own verdict, and the approvals among them go to main together
 * (as rounds of the served record), not one move of main per branch.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import * as git from "../adapters/git.ts";
import { openWorkspace, submit } from "../adapters/submissions.ts";
import { findFocalPoint, type PersonInBody } from "../core/units/jurisdiction.ts";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { ServedRecord } from "./record.ts";
import { review } from "./reviewing.ts";
import type { Service } from "./service.ts";

// A pass-through spy: how many times main is swapped.
vi.mock("../adapters/git.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../adapters/git.ts")>();
  return { ...actual, updateBranch: vi.fn(actual.updateBranch) };
});
const mainSwaps = () => vi.mocked(git.updateBranch).mock.calls.filter(([, branch]) => branch === "main").length;

let repo: Repository;
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => repo.remove());

it("reviews a form's branches at once: results in the order asked, the approvals in fewer moves of main than branches", async () => {
  const space = await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: () => {} });
  const branches: string[] = [];
  for (const slug of ["mot", "hai", "ba", "bon"]) {
    const { path, text } = observationText(slug);
    branches.push((await submit(space, [join(repo.dir, repo.write(path, text))], PEOPLE.communeMttq, undefined)).branch);
  }
  repo.git("clean", "-fdq", "content/observations");
  const record = new ServedRecord({ contentDirectory: join(repo.dir, "content"), today: () => "2026-11-27" });
  const me = findFocalPoint(await record.model(), PEOPLE.provinceMttq) as PersonInBody;
  await record.pending();
  vi.mocked(git.updateBranch).mockClear();

  const asked = [branches[0], "submissions/../main", branches[1], "submissions/xa-ky-hoa/khong-co", branches[2], branches[3]] as string[];
  const results = await review({ record } as unknown as Service, me, asked, "duyet", "");
  expect(results.map(({ branch, ok, status }) => [branch, ok, status])).toEqual([
    [branches[0], true, 200],
    ["submissions/../main", false, 400],
    [branches[1], true, 200],
    ["submissions/xa-ky-hoa/khong-co", false, 404],
    [branches[2], true, 200],
    [branches[3], true, 200],
  ]);
  // One after another, four approvals moved main four times.
  expect(mainSwaps()).toBeLessThanOrEqual(2);
  expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("4");
  await record.workingCopyWritten();
  expect(repo.git("status", "--porcelain").trim()).toBe("");
}, 120_000);
