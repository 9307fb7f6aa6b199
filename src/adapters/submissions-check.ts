/**
 * The content check of submitted files against a tree of the record (the tree
 * of `main`), read from Git objects, never from the working folder: a bare
 * repository, a clean clone and a working copy with local edits give the same
 * verdict. The tree's shared files (reference lists, units, bodies) are read
 * once per tree; the index of every path is listed only when a submitted entry
 * refers to another one.
 */
import { createHash } from "node:crypto";
import type { CheckOptions } from "../core/check/check-content.ts";
import { checkLoaded, treeIssues } from "../core/check/check-content.ts";
import { type ContentIndex, extendIndex, lazyIndex } from "../core/content/content-index.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { type ContentFile, loadContent, MAX_FILE_BYTES } from "../core/content/load-content.ts";
import * as repo from "./git.ts";

export type TreeCheck = (submitted: readonly ContentFile[]) => Promise<{ issues: ContentIssue[]; model: ContentModel }>;

/** What a prepared tree offers: the model of its shared files, and the check of submitted files against it. */
export interface PreparedTree {
  shared: ContentModel;
  check: TreeCheck;
}

const ENTRY_FOLDERS = new Set(["observations", "reports"]);

/** Thrown by the placeholder index when a rule needs the full path index; the check then lists the tree and runs again. */
const NEED_INDEX = Symbol("need the index of every path");

/**
 * Prepared trees and shared models, the most recent few only: a server
 * approving all day makes a new tree of main per approval, and each prepared
 * tree may hold the index of every path (a 100k tree: tens of MB).
 */
const prepared = new Map<string, Promise<PreparedTree>>();
const sharedModels = new Map<string, Promise<ContentModel>>();
const KEEP_PREPARED = 4;
const KEEP_SHARED = 2;
/** Checks remembered per prepared tree (a form's file is checked, sent and listed within moments). */
const KEEP_ANSWERS = 64;

function remember<T>(cache: Map<string, T>, key: string, value: T, keep: number): void {
  cache.delete(key);
  cache.set(key, value);
  for (const oldest of cache.keys()) {
    if (cache.size <= keep) break;
    cache.delete(oldest);
  }
}

/** The tree of the content folder inside a repository tree (undefined when the folder is absent). */
async function contentTree(dir: string, tree: string, prefix: string): Promise<string | undefined> {
  if (!prefix) return tree;
  const entry = await repo.entryAt(dir, tree, prefix.slice(0, -1));
  return entry?.type === "tree" ? entry.oid : undefined;
}

async function readFiles(dir: string, entries: readonly { path: string; oid: string; mode: string }[], root: string): Promise<ContentFile[]> {
  return Promise.all(
    entries.map(async (entry): Promise<ContentFile> => {
      const display = `${root}${entry.path}`;
      if (entry.mode === "120000") return { relative: entry.path, display, size: 0, symlink: true };
      const bytes = await repo.readBlobBytes(dir, entry.oid);
      if (bytes.length > MAX_FILE_BYTES) return { relative: entry.path, display, size: bytes.length, symlink: false };
      return { relative: entry.path, display, size: bytes.length, symlink: false, bytes };
    }),
  );
}

/**
 * Prepares the check of submitted files against `tree` (a repository tree;
 * `prefix` the content folder inside it, ending in `/`, or empty).
 */
export function prepareTreeChecks(dir: string, tree: string, prefix: string, options: CheckOptions): Promise<PreparedTree> {
  const key = `${dir}\0${tree}\0${prefix}\0${options.root}\0${options.today}`;
  let found = prepared.get(key);
  if (!found) {
    found = build(dir, tree, prefix, options);
    found.catch(() => prepared.delete(key));
    remember(prepared, key, found, KEEP_PREPARED);
  }
  return found;
}

async function build(dir: string, tree: string, prefix: string, options: CheckOptions): Promise<PreparedTree> {
  const content = await contentTree(dir, tree, prefix);
  const top = content ? await repo.readTreeEntriesOf(dir, content) : [];
  const sharedTop = top.filter((entry) => entry.type !== "tree" || !ENTRY_FOLDERS.has(entry.path));
  // Approvals change observations and reports, not the shared files: their model is kept by the ids of their subtrees and files.
  const key = `${dir}\0${options.root}\0${sharedTop.map((entry) => `${entry.mode} ${entry.oid} ${entry.path}`).join("\0")}`;
  let shared = sharedModels.get(key);
  if (!shared) {
    shared = (async () => {
      const sharedEntries: { path: string; oid: string; mode: string }[] = [];
      for (const entry of sharedTop) {
        if (entry.type === "tree") sharedEntries.push(...(await repo.listTree(dir, entry.oid, `${entry.path}/`)));
        else sharedEntries.push(entry);
      }
      return loadContent(await readFiles(dir, sharedEntries, options.root)).model;
    })();
    shared.catch(() => sharedModels.delete(key));
    remember(sharedModels, key, shared, KEEP_SHARED);
  }
  return withShared(dir, content, await shared, options);
}

function withShared(dir: string, content: string | undefined, shared: ContentModel, options: CheckOptions): PreparedTree {
  let full: ContentIndex | undefined;
  const fullIndex = async () => {
    full ??= treeIssues(content ? (await repo.listTree(dir, content)).map((entry) => entry.path) : [], options.root).index;
    return full;
  };
  const placeholder = lazyIndex(() => {
    if (full) return full;
    throw NEED_INDEX;
  });
  // The same files checked against the same tree give the same answer: the workspace checks a form, sends it
  // (which checks it again) and lists the new branch (again), so the last few answers are kept.
  const answers = new Map<string, Promise<{ issues: ContentIssue[]; model: ContentModel }>>();
  const check: TreeCheck = (submitted) => {
    const key = submitted
      .map(
        (file) => `${file.relative}\0${file.display}\0${file.symlink}\0${file.size}\0${file.bytes ? createHash("sha1").update(file.bytes).digest("hex") : "-"}`,
      )
      .join("\0\0");
    let answer = answers.get(key);
    if (!answer) {
      answer = checkFiles(submitted);
      answer.catch(() => answers.delete(key));
      remember(answers, key, answer, KEEP_ANSWERS);
    }
    return answer;
  };
  const checkFiles = async (submitted: readonly ContentFile[]) => {
    const own = loadContent(submitted);
    const model: ContentModel = { ...shared, observations: own.model.observations, reports: own.model.reports };
    const only = new Set(submitted.map((file) => file.display));
    const run = (index: ContentIndex) =>
      checkLoaded(
        { model, issues: own.issues },
        extendIndex(
          index,
          submitted.map((file) => file.relative),
        ),
        { ...options, only },
      );
    try {
      return { issues: run(placeholder), model };
    } catch (error) {
      if (error !== NEED_INDEX) throw error;
      return { issues: run(await fullIndex()), model };
    }
  };
  return { shared, check };
}
