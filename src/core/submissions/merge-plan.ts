/**
 * What an approval writes onto `main`: each submitted path takes the
 * submission's version, unless `main` changed that path since the submission
 * left it (then the submitter must update it first).
 */
import { type Problem, problem } from "./problem.ts";

export interface PathVersions {
  /** Repository-relative path. */
  path: string;
  /** Blob ids on main now, where the submission started, and at its tip (undefined: absent). */
  onMain: string | undefined;
  atBase: string | undefined;
  atTip: { oid: string; mode: string } | undefined;
}

export type MergePlan = { ok: true; changes: { path: string; oid: string | null; mode: string }[] } | { ok: false; conflicts: Problem[] };

export function planMerge(branch: string, versions: readonly PathVersions[]): MergePlan {
  const conflicts = versions
    .filter((version) => version.onMain !== version.atBase && version.onMain !== version.atTip?.oid)
    .map((version) =>
      problem(version.path, `Không duyệt được ${branch}: xung đột ở ${version.path}, tệp đã thay đổi trên main sau khi nộp. Người nộp cần cập nhật bài nộp.`),
    );
  if (conflicts.length > 0) return { ok: false, conflicts };
  return { ok: true, changes: versions.map((version) => ({ path: version.path, oid: version.atTip?.oid ?? null, mode: version.atTip?.mode ?? "100644" })) };
}
