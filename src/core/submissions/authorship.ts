/**
 * Who a submission is from: every commit outside `main` must name the same
 * focal point (`Focal-point:` trailer), and be authored and committed by that
 * person. A commit written by someone else in the focal point's name is forged.
 */
import type { ContentModel } from "../content/content-model.ts";
import { commitEmail, findFocalPoint, type PersonInBody } from "../units/jurisdiction.ts";
import { trailer } from "./commit-trailers.ts";
import { escapeForDisplay } from "./display-text.ts";
import { type Problem, problem } from "./problem.ts";

export interface CommitFacts {
  oid: string;
  message: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
}

const signature = (person: { name: string; email: string }) => `${person.name} <${person.email}>`;

export function authorship(model: ContentModel, commits: readonly CommitFacts[]): { submitter: PersonInBody | undefined; problems: Problem[] } {
  const ids = new Set(commits.map((commit) => trailer(commit.message, "Focal-point") ?? ""));
  const [claimed] = [...ids];
  if (ids.size !== 1 || !claimed)
    return { submitter: undefined, problems: [problem("", "các commit không cùng một đầu mối nộp (thiếu hoặc khác nhau ở dòng Focal-point)")] };
  const submitter = findFocalPoint(model, claimed);
  if (!submitter) return { submitter: undefined, problems: [problem("", `đầu mối "${escapeForDisplay(claimed)}" không có trong bodies/`)] };
  const expected = `${submitter.person.name} <${commitEmail(submitter.person)}>`;
  const problems: Problem[] = [];
  for (const commit of commits) {
    const short = commit.oid.slice(0, 7);
    if (signature(commit.author) !== expected) {
      problems.push(
        problem(
          "",
          `commit ${short} ghi tác giả "${escapeForDisplay(signature(commit.author))}" nhưng tự nhận là đầu mối ${claimed} (${expected}): nghi giả mạo`,
        ),
      );
      break;
    }
    if (signature(commit.committer) !== expected) {
      problems.push(
        problem(
          "",
          `commit ${short} do "${escapeForDisplay(signature(commit.committer))}" ghi (committer) nhưng tự nhận là đầu mối ${claimed} (${expected}): chỉ chính đầu mối được ghi commit bài nộp`,
        ),
      );
      break;
    }
  }
  return { submitter, problems };
}
