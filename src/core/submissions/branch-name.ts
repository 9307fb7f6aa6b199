/** Names of submission branches: `submissions/<unit>/<date>-<slug>`, and whether a branch is named for its submitter's unit. */
import { escapeForDisplay } from "./display-text.ts";
import { componentProblem } from "./hostile-tree.ts";
import { type Problem, problem } from "./problem.ts";

export const SUBMISSIONS = "submissions/";
export const REVIEWS = "reviews/";

/** The branch a new submission gets (before a `-2`, `-3` … suffix when taken). */
export function submissionBranch(unit: string, today: string, slug: string): string {
  return `${SUBMISSIONS}${unit}/${today}-${slug.slice(0, 60)}`;
}

/** The unit a submission branch is named for, or undefined when the name is not `submissions/<unit>/<name>`. */
export function branchUnit(branch: string): string | undefined {
  const match = /^submissions\/([^/]+)\/[^/].*$/.exec(branch);
  return match?.[1];
}

/** Problems of a branch name for a submitter of `unit` (undefined: the submitter is not known yet). */
export function branchProblems(branch: string, unit: string | undefined): Problem[] {
  const shown = escapeForDisplay(branch);
  const bad = branch
    .split("/")
    .map(componentProblem)
    .find((found) => found !== undefined);
  if (bad) return [problem(shown, `tên nhánh không hợp lệ: ${bad}`)];
  const named = branchUnit(branch);
  if (!named) return [problem(shown, "tên nhánh bài nộp phải có dạng submissions/<mã-đơn-vị>/<ngày>-<tên-ngắn>")];
  if (unit !== undefined && named !== unit) return [problem(shown, `nhánh mang tên đơn vị "${named}" nhưng người nộp thuộc đơn vị "${unit}"`)];
  return [];
}
