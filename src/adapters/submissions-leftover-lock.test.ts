/**
 * A `<branch>.lock` file left under `refs/heads/` by a process that died while
 * moving a submission branch is not a submission: the listing (and the
 * workspace's one pass over the refs) skips it and shows the branch itself.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { branchTips, openWorkspace, pendingSubmissions, SUBMISSIONS, submit } from "./submissions.ts";

let repo: Repository | undefined;
afterEach(() => repo?.remove());

test("a leftover branch lock is not listed as a submission", async () => {
  repo = createRepository();
  const space = await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: () => {} });
  const { path, text } = observationText("khoa-sot-lai");
  const { branch } = await submit(space, [join(repo.dir, repo.write(path, text))], PEOPLE.communeMttq, undefined);
  // What a writer killed while holding the branch's lock leaves: the lock, holding a full commit id.
  const ref = join(repo.dir, ".git", "refs", "heads", branch);
  copyFileSync(ref, `${ref}.lock`);
  // And one for a branch that has no ref at all.
  const orphan = join(repo.dir, ".git", "refs", "heads", dirname(branch), "2026-11-27-mo-coi.lock");
  mkdirSync(dirname(orphan), { recursive: true });
  copyFileSync(ref, orphan);

  const listed = await pendingSubmissions(space);
  expect(listed.map((submission) => submission.branch)).toEqual([branch]);
  expect([...branchTips(space, SUBMISSIONS).keys()]).toEqual([branch]);
});
