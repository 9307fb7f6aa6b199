/** The whole check, pure: files in, model and every issue out (sorted by file and position). */
import { compareIssues, type ContentIssue } from "./content-issue.ts";
import type { ContentModel } from "./content-model.ts";
import { type ContentFile, loadContent } from "./load-content.ts";
import { RULES } from "./rules/index.ts";
import { buildUnitTree } from "./unit-tree.ts";

export interface CheckOptions {
  /** Display path of the content directory, e.g. `content/`. */
  root: string;
  /** ISO date of today. */
  today: string;
  /** Report only issues in these display paths (all when absent); the model is still whole. */
  only?: ReadonlySet<string>;
}

export interface CheckResult {
  model: ContentModel;
  issues: ContentIssue[];
}

export function runRules(model: ContentModel, today: string): ContentIssue[] {
  const context = { model, tree: buildUnitTree(model), today };
  return RULES.flatMap((rule) => rule.check(context));
}

export function checkContent(files: readonly ContentFile[], options: CheckOptions): CheckResult {
  const { model, issues } = loadContent(files, options.root);
  const all = [...issues, ...runRules(model, options.today)];
  const only = options.only;
  const kept = only ? all.filter((issue) => only.has(issue.file)) : all;
  return { model, issues: kept.sort(compareIssues) };
}
