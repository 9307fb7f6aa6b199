/** The whole check, pure: loaded content and the path index in, every issue out (sorted by file and position). */

import { type ContentIndex, indexPaths } from "../content/content-index.ts";
import { type ContentIssue, compareIssues, issueAt, START } from "../content/content-issue.ts";
import type { ContentModel } from "../content/content-model.ts";
import { type ContentFile, type LoadResult, loadContent, missingReferenceFiles } from "../content/load-content.ts";
import { classifyPath } from "../content/paths.ts";
import { treeOf } from "../units/jurisdiction.ts";
import { RULES } from "./rules/index.ts";
import { runEach } from "./rules/rule.ts";

export interface CheckOptions {
  /** Display path of the content directory, e.g. `content/`. */
  root: string;
  /** ISO date of today. */
  today: string;
  /** Report only issues in these display paths (all when absent). */
  only?: ReadonlySet<string>;
}

export interface CheckResult {
  model: ContentModel;
  issues: ContentIssue[];
}

/** `kinds`: the kinds of files whose issues are wanted (all when absent); a rule reporting only on other kinds is skipped. */
export function runRules(model: ContentModel, index: ContentIndex, today: string, kinds?: ReadonlySet<string>): ContentIssue[] {
  const context = { model, index, tree: treeOf(model), today };
  const rules = kinds ? RULES.filter((rule) => !rule.reportsOn || rule.reportsOn.some((kind) => kinds.has(kind))) : RULES;
  return runEach(rules, context);
}

/** The kinds of the files `only` keeps, or undefined (every rule runs) when one is outside the content folder or of no known kind. */
function kindsOf(only: ReadonlySet<string> | undefined, root: string): ReadonlySet<string> | undefined {
  if (!only) return undefined;
  const kinds = new Set<string>();
  for (const file of only) {
    const kind = file.startsWith(root) ? classifyPath(file.slice(root.length)).kind : "unknown";
    if (kind === "unknown") return undefined;
    kinds.add(kind);
  }
  return kinds;
}

/** Issues that only the whole list of paths shows: missing reference lists, two files with one id. */
export function treeIssues(relativePaths: readonly string[], root: string): { index: ContentIndex; issues: ContentIssue[] } {
  const { index, duplicates } = indexPaths(relativePaths);
  const issues = [
    ...missingReferenceFiles(index.files, root),
    ...duplicates.map((duplicate) =>
      issueAt(`${root}${duplicate.relative}`, START, "unique-ids", `Trùng mã "${duplicate.id}" với ${root}${duplicate.twin}: hãy đổi tên ngắn trong tên tệp`),
    ),
  ];
  return { index, issues };
}

/** Rules over a loaded tree (or slice of it), checked against the index of the whole tree. */
export function checkLoaded(loaded: LoadResult, index: ContentIndex, options: CheckOptions): ContentIssue[] {
  const only = options.only;
  const all = [...loaded.issues, ...runRules(loaded.model, index, options.today, kindsOf(only, options.root))];
  return (only ? all.filter((issue) => only.has(issue.file)) : all).sort(compareIssues);
}

/** The whole check of files held in memory (tests, `new`). */
export function checkContent(files: readonly ContentFile[], options: CheckOptions): CheckResult {
  const tree = treeIssues(
    files.map((file) => file.relative),
    options.root,
  );
  const loaded = loadContent(files);
  const issues = [...tree.issues, ...checkLoaded(loaded, tree.index, { root: options.root, today: options.today })];
  const only = options.only;
  return { model: loaded.model, issues: (only ? issues.filter((issue) => only.has(issue.file)) : issues).sort(compareIssues) };
}
