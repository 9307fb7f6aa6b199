/** Which content paths a submitter may add or change: the unit's observations of their own organisation and their own reports (jurisdiction decides). */
import type { ContentModel } from "../content/content-model.ts";
import { classifyPath } from "../content/paths.ts";
import { mayWrite, type PersonInBody } from "../units/jurisdiction.ts";
import { type Problem, problem } from "./problem.ts";

/** Paths (relative to the content folder) the submitter's body may not write, and observations filed for another organisation. */
export function ownershipProblems(model: ContentModel, submitter: PersonInBody, paths: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const path of paths) {
    const verdict = mayWrite(submitter.body, path, model);
    if (!verdict.ok) {
      problems.push(problem(path, `${submitter.person.name} (${submitter.body.id}) không được nộp tệp này: tệp ${verdict.reason}`));
      continue;
    }
    const where = classifyPath(path);
    const entry = where.kind === "observation" ? model.observations.get(where.id) : undefined;
    if (entry && entry.organisation !== submitter.body.organisation) {
      problems.push(problem(path, `thông tin ghi tổ chức "${entry.organisation}" nhưng người nộp thuộc ${submitter.body.id}`));
    }
  }
  return problems;
}

/** Deletions and changes outside the content folder are never a submission's to make. */
export function scopeProblems(deleted: readonly string[], outside: readonly string[], prefix: string): Problem[] {
  return [
    ...deleted.map((path) => problem(path, "bài nộp không được xóa tệp đã duyệt")),
    ...outside.map((path) => problem(path, `bài nộp chỉ được thay đổi tệp trong ${prefix || "thư mục nội dung"}`)),
  ];
}
