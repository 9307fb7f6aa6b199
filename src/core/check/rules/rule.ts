/** The shape of a cross-file validation rule: one rule per file in this folder. */

import type { ContentIndex } from "../../content/content-index.ts";
import { type ContentIssue, issueAt, type Position } from "../../content/content-issue.ts";
import type { ContentModel, Located, MarkdownBody, ObservationEntry, ReportEntry } from "../../content/content-model.ts";
import type { UnitTree } from "../../units/unit-tree.ts";
import { locateYamlPath } from "../../content/yaml.ts";

export interface RuleContext {
  /** The parsed entries (possibly one slice of the observations and reports) and all reference data. */
  model: ContentModel;
  /** Every observation and report of the whole tree, from paths: what references are checked against. */
  index: ContentIndex;
  tree: UnitTree;
  /** Today's date (ISO), injected so that checks are reproducible. */
  today: string;
}

export interface Rule {
  /** Short id shown with each issue, e.g. `references`. */
  id: string;
  /** What the rule guarantees, in one Vietnamese sentence (listed by `check --rules`). */
  description: string;
  check(context: RuleContext): ContentIssue[];
}

/** A rule about one entry and its body alone; runs while loading, so bodies need not be kept. */
export interface EntryRule {
  id: string;
  description: string;
  check(entry: ObservationEntry | ReportEntry, text: MarkdownBody): ContentIssue[];
}

/** Builds issues that point into an entry's YAML. */
export function reporter(rule: string) {
  return {
    at(entry: Located, path: readonly PropertyKey[], message: string, key = false): ContentIssue {
      return issueAt(entry.source.file, locateYamlPath(entry.source.yaml, path, entry.source.lineOffset, key), rule, message);
    },
    atPosition(file: string, position: Position, message: string): ContentIssue {
      return issueAt(file, position, rule, message);
    },
  };
}
