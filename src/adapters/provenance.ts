/**
 * Who submitted each approved file, who approved it and when, read from the
 * merges of `main` in one pass over its first-parent history, and whether the
 * tool can verify it (`judgeApprovalRecord`): an approval merge whose second
 * parent is the submission, whose submission commits are all by the focal
 * point it names, and whose reviewer the jurisdiction function entitled with
 * the data as it was on `main` just before. Merges made by a forge's button
 * ("Merge pull request #N from …") carry no trailers: the merger and the pull
 * request are read from the commit itself. A merge that cannot be verified is
 * returned as such and must never be shown as an approval.
 *
 * Each merge's own change is a pruned tree-to-tree diff; the data the rules judge
 * by (units, bodies, reference lists) is loaded once per distinct version.
 */

import type { ContentModel } from "../core/content/content-model.ts";
import { isUrgent as isUrgentLevel } from "../core/content/labels.ts";
import { loadContent } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";
import { type ApprovalEvidence, judgeApprovalRecord, type ProvenanceRecord } from "../core/trust/approval-record.ts";
import { isAdministrativePath } from "../core/units/jurisdiction.ts";
import { type CommitInfo, changedPathsBetween, commitsOnFirstParent, entryAt, listTree, readBlobBytes, readCommitInfo, refTarget } from "./git.ts";

export type { ProvenanceRecord as Provenance } from "../core/trust/approval-record.ts";

/** Units, bodies and reference lists at a commit, as a model; cached by the ids of those trees. */
function administrativeModels(dir: string, prefix: string): (commit: string) => Promise<ContentModel> {
  const byKey = new Map<string, Promise<ContentModel>>();
  return async (commit) => {
    const tree = (await readCommitInfo(dir, commit)).tree;
    const content = prefix ? await entryAt(dir, tree, prefix.replace(/\/$/, "")) : { oid: tree, type: "tree" };
    if (content?.type !== "tree") return loadContent([]).model;
    const top = await listTreeLevel(dir, content.oid);
    const key = top.map((entry) => `${entry.path}:${entry.oid}`).join(",");
    let model = byKey.get(key);
    if (!model) {
      model = (async () => {
        const files = [];
        for (const entry of top) {
          const listed = entry.type === "tree" ? await listTree(dir, entry.oid, `${entry.path}/`) : [{ path: entry.path, oid: entry.oid, mode: "100644" }];
          for (const file of listed) {
            if (!isAdministrativePath(file.path)) continue;
            const bytes = await readBlobBytes(dir, file.oid);
            files.push({ relative: file.path, display: `${prefix}${file.path}`, size: bytes.length, symlink: file.mode === "120000", bytes });
          }
        }
        return loadContent(files).model;
      })();
      byKey.set(key, model);
    }
    return model;
  };
}

/** The administrative entries at the top of the content folder: the units and bodies folders, the reference lists. */
async function listTreeLevel(dir: string, tree: string): Promise<{ path: string; oid: string; type: string }[]> {
  const entries: { path: string; oid: string; type: string }[] = [];
  for (const name of ["units", "bodies"]) {
    const entry = await entryAt(dir, tree, name);
    if (entry) entries.push({ path: name, oid: entry.oid, type: entry.type });
  }
  for (const name of Object.keys(REFERENCE_FILES)) {
    const entry = await entryAt(dir, tree, name);
    if (entry) entries.push({ path: name, oid: entry.oid, type: entry.type });
  }
  return entries;
}

/** The commits of a submission: from its tip back to main's first-parent line, newest first. */
async function submissionCommits(dir: string, tip: string, mainLine: ReadonlySet<string>): Promise<CommitInfo[]> {
  const commits: CommitInfo[] = [];
  const seen = new Set<string>();
  const pending = [tip];
  while (pending.length > 0) {
    const oid = pending.pop() as string;
    if (seen.has(oid) || mainLine.has(oid)) continue;
    seen.add(oid);
    const info = await readCommitInfo(dir, oid);
    commits.push(info);
    // A long branch that never meets main is not a submission: stop early.
    if (commits.length > 200) break;
    pending.push(...info.parents);
  }
  return commits.sort((a, b) => b.author.timestamp - a.author.timestamp);
}

const URGENCY = /^urgency:\s*["']?([a-z-]+)/m;

/** Content-relative path → latest approval record, for every file a merge brought into `main`. */
export async function readProvenance(dir: string, prefix: string, branch = "main"): Promise<Map<string, ProvenanceRecord>> {
  const found = new Map<string, ProvenanceRecord>();
  const line = await commitsOnFirstParent(dir, branch);
  const mainLine = new Set(line.map((commit) => commit.oid));
  const modelAt = administrativeModels(dir, prefix);
  for (const commit of line) {
    const [before, submissionTip] = commit.parents;
    if (commit.parents.length < 2 || !before || !submissionTip) continue;
    const changes = (await changedPathsBetween(dir, before, commit.oid)).filter((change) => change.change !== "deleted" && change.path.startsWith(prefix));
    const paths = changes.map((change) => change.path.slice(prefix.length)).filter((path) => !found.has(path));
    if (paths.length === 0) continue;
    const commits = await submissionCommits(dir, submissionTip, mainLine);
    const branchName = /^Duyệt (\S+)/.exec(commit.message)?.[1];
    const rejection = branchName ? await refTarget(dir, `refs/heads/reviews/${branchName}`) : undefined;
    const evidence: ApprovalEvidence = {
      merge: commit,
      submission: commits,
      paths: changes.map((change) => change.path.slice(prefix.length)),
      urgent: false,
      sentBack: rejection !== undefined,
    };
    const model = await modelAt(before);
    let record = judgeApprovalRecord(model, evidence);
    // Urgency matters only when the routine line does not entitle the reviewer: read the files then.
    if (!record.verified && changes.every((change) => change.path.slice(prefix.length).startsWith("observations/") && change.oid)) {
      const urgencies: (string | undefined)[] = [];
      for (const change of changes) {
        const text = new TextDecoder().decode((await readBlobBytes(dir, change.oid as string)).subarray(0, 4096));
        urgencies.push(URGENCY.exec(text)?.[1]);
      }
      if (urgencies.every((urgency) => urgency !== undefined && isUrgentLevel(model, urgency)))
        record = judgeApprovalRecord(model, { ...evidence, urgent: true });
    }
    // Newest first: an earlier approval of the same file does not replace a later one.
    for (const path of paths) found.set(path, record);
  }
  return found;
}
