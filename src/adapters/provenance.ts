/**
 * Who submitted each approved file, who approved it and when, read from the
 * approval merges of `main` in one pass over its first-parent history: each
 * merge's own change is a pruned tree-to-tree diff, never a log walk per file.
 */
import { trailer } from "../core/submissions/commit-trailers.ts";
import { changedPathsBetween, commitsOnFirstParent } from "./git.ts";

export interface Provenance {
  submittedBy: string;
  reviewedBy: string;
  /** Focal point ids, when the merge names them. */
  submitterId: string | undefined;
  reviewerId: string | undefined;
  /** ISO date and time of the approval. */
  approvedAt: string;
  commit: string;
}

const nameOf = (value: string | undefined) => value?.replace(/\s*<[^>]*>\s*$/, "") ?? "";

/** Content-relative path → latest approval, for every file an approval merge brought into `main`. */
export async function readProvenance(dir: string, prefix: string, branch = "main"): Promise<Map<string, Provenance>> {
  const found = new Map<string, Provenance>();
  for (const commit of await commitsOnFirstParent(dir, branch)) {
    const reviewed = trailer(commit.message, "Reviewed-by");
    const [before] = commit.parents;
    if (!reviewed || commit.parents.length < 2 || !before) continue;
    const record: Provenance = {
      submittedBy: nameOf(trailer(commit.message, "Submitted-by")),
      reviewedBy: nameOf(reviewed),
      submitterId: trailer(commit.message, "Focal-point"),
      reviewerId: trailer(commit.message, "Reviewer"),
      approvedAt: new Date(commit.author.timestamp * 1000).toISOString(),
      commit: commit.oid,
    };
    for (const change of await changedPathsBetween(dir, before, commit.oid)) {
      if (change.change === "deleted" || !change.path.startsWith(prefix)) continue;
      const path = change.path.slice(prefix.length);
      // Newest first: an earlier approval of the same file does not replace a later one.
      if (!found.has(path)) found.set(path, record);
    }
  }
  return found;
}
