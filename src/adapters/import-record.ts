/**
 * What the record holds, as Git sees it: a file counts as recorded when `main`
 * or a submission branch (local or fetched) has it at that path. An import
 * asks this, not the working folder alone: an import that stopped before its
 * branch existed left files on disk that are recorded nowhere, and a re-run
 * must submit them rather than call them "already imported".
 */
import { realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { GitError } from "../core/errors.ts";
import { SUBMISSIONS } from "../core/submissions/branch-name.ts";
import * as repo from "./git.ts";

const MAIN = "main";

export interface RecordedFiles {
  /** Repository root. */
  dir: string;
  /** The content folder relative to the root, ending in `/` (or empty). */
  prefix: string;
  /**
   * Of these paths (relative to the content folder), those recorded, each with
   * where: `main` or the first submission branch holding it.
   */
  recordedIn(paths: Iterable<string>): Promise<Map<string, string>>;
}

const folderOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf("/"), 0));
const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/**
 * The record of the repository holding a content folder, or undefined when it
 * is in none. Only the trees along the asked folders are read (a folder's
 * listing once per distinct tree): no blob, no whole-tree walk.
 */
export async function openRecord(contentDirectory: string): Promise<RecordedFiles | undefined> {
  const absolute = realpathSync(resolve(contentDirectory));
  let dir: string;
  try {
    dir = await repo.findRepositoryRoot(absolute);
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
  const inside = relative(dir, absolute).split(sep).join("/");
  return recordOf(dir, inside === "" ? "" : `${inside}/`);
}

/** The same for a repository root and its content prefix (doctor). */
export async function recordOf(dir: string, prefix: string): Promise<RecordedFiles> {
  const remote = (await repo.remoteUrl(dir)) ? "origin" : undefined;
  // A `<branch>.lock` left by a killed ref update is listed too: it is no branch (git forbids the name), whatever it holds.
  const branches = (await repo.listBranchesUnder(dir, SUBMISSIONS, remote).catch(() => [])).filter((branch) => !branch.name.endsWith(".lock"));
  const tips: { name: string; tree: string }[] = [];
  for (const { name, ref } of [{ name: MAIN, ref: `refs/heads/${MAIN}` }, ...branches]) {
    const commit = await repo.refTarget(dir, ref);
    // An unreadable branch holds nothing it can prove: doctor reports it on its own.
    const tree = commit ? await repo.treeOf(dir, commit).catch(() => undefined) : undefined;
    if (tree) tips.push({ name, tree });
  }
  // Names in one folder of one tree, by the folder's own tree id: branches share most folders with main.
  const listings = new Map<string, Promise<Set<string>>>();
  const namesIn = async (tree: string, folder: string): Promise<Set<string>> => {
    const entry = folder === "" ? { oid: tree, type: "tree" } : await repo.entryAt(dir, tree, folder);
    if (entry?.type !== "tree") return new Set();
    let names = listings.get(entry.oid);
    if (!names) {
      names = repo.readTreeEntriesOf(dir, entry.oid).then((entries) => new Set(entries.filter((item) => item.type === "blob").map((item) => item.path)));
      listings.set(entry.oid, names);
    }
    return names;
  };
  return {
    dir,
    prefix,
    async recordedIn(paths) {
      const byFolder = new Map<string, string[]>();
      for (const path of paths) {
        const folder = folderOf(`${prefix}${path}`);
        const list = byFolder.get(folder);
        if (list) list.push(path);
        else byFolder.set(folder, [path]);
      }
      const found = new Map<string, string>();
      for (const [folder, inFolder] of byFolder) {
        for (const tip of tips) {
          const names = await namesIn(tip.tree, folder);
          if (names.size === 0) continue;
          for (const path of inFolder) if (!found.has(path) && names.has(nameOf(path))) found.set(path, tip.name);
        }
      }
      return found;
    },
  };
}
