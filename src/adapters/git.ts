/**
 * Every isomorphic-git call of the project, as named verbs. Git errors become
 * `GitError` with a Vietnamese message; nothing else imports isomorphic-git.
 */
import fs from "node:fs";
import git, { TREE } from "isomorphic-git";
import { GitError } from "../../scripts/lib/errors.ts";

export interface ChangedPath {
  /** Repository-relative path, with `/`. */
  path: string;
  change: "added" | "modified" | "deleted";
}

/** A branch, tag, HEAD or (short) commit id, with `~N` / `^` suffixes as in git (first parents). */
export async function resolveCommit(dir: string, spec: string): Promise<string> {
  const [, name = spec, suffix = ""] = /^(.*?)((?:[~^]\d*)*)$/.exec(spec) ?? [];
  let oid: string;
  try {
    oid = await git.resolveRef({ fs, dir, ref: name });
  } catch {
    try {
      oid = await git.expandOid({ fs, dir, oid: name });
    } catch (error) {
      throw new GitError(`Không tìm thấy "${spec}" trong kho Git ${dir}`, { cause: error });
    }
  }
  for (const [, step, count] of suffix.matchAll(/([~^])(\d*)/g)) {
    const times = step === "~" ? Number(count || 1) : 1;
    for (let index = 0; index < times; index++) {
      const { commit } = await git.readCommit({ fs, dir, oid });
      const parent = commit.parent[step === "^" ? Number(count || 1) - 1 : 0];
      if (!parent) throw new GitError(`"${spec}": commit ${oid.slice(0, 7)} không có commit cha`);
      oid = parent;
    }
  }
  return oid;
}

/**
 * Files that differ between two commits, from a walk of the two trees that
 * never descends into a subtree whose id is the same on both sides: the cost
 * follows the size of the change, not of the repository.
 */
export async function changedPathsBetween(dir: string, base: string, head: string): Promise<ChangedPath[]> {
  const [baseOid, headOid] = await Promise.all([resolveCommit(dir, base), resolveCommit(dir, head)]);
  const changes: ChangedPath[] = [];
  const cache = {};
  await git.walk({
    fs,
    dir,
    cache,
    trees: [TREE({ ref: baseOid }), TREE({ ref: headOid })],
    map: async (path, [before, after]) => {
      if (path === ".") return true;
      const [beforeOid, afterOid] = await Promise.all([before?.oid(), after?.oid()]);
      if (beforeOid === afterOid) return null;
      const [beforeType, afterType] = await Promise.all([before?.type(), after?.type()]);
      if (beforeType === "tree" || afterType === "tree") {
        if (beforeType === "blob") changes.push({ path, change: "deleted" });
        if (afterType === "blob") changes.push({ path, change: "added" });
        return true;
      }
      changes.push({ path, change: !before ? "added" : !after ? "deleted" : "modified" });
      return null;
    },
  });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The folder holding `.git` for a path inside a working tree. */
export async function findRepositoryRoot(path: string): Promise<string> {
  try {
    return await git.findRoot({ fs, filepath: path });
  } catch (error) {
    throw new GitError(`"${path}" không nằm trong kho Git nào`, { cause: error });
  }
}
