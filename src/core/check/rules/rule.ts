/**
 * The shapes of a validation rule, one rule per file in this folder. As in
 * markdownlint's `(params, onError)`, a rule gets what it judges and a reporter
 * already bound to its id: it says where and what, the runner collects.
 */

import type { ContentIndex } from "../../content/content-index.ts";
import { type ContentIssue, issueAt, type Position, type Severity } from "../../content/content-issue.ts";
import type { ContentModel, Located, MarkdownBody, ObservationEntry, ReportEntry, Source } from "../../content/content-model.ts";
import { locateYamlPath } from "../../content/yaml.ts";
import type { UnitTree } from "../../units/unit-tree.ts";

export interface RuleContext {
  /** The parsed entries (possibly one slice of the observations and reports) and all reference data. */
  model: ContentModel;
  /** Every observation and report of the whole tree, from paths: what references are checked against. */
  index: ContentIndex;
  tree: UnitTree;
  /** Today's date (ISO), injected so that checks are reproducible. */
  today: string;
}

export interface ReportOptions {
  /** Point at the key rather than its value. */
  key?: boolean;
  /** A warning does not fail `check`; default error. */
  severity?: Severity;
}

/** Where a rule says what it found; bound to the rule's id. */
export interface Reporter {
  /** At a YAML path of an entry (`[]` is the start of its YAML). */
  at(entry: Located, path: readonly PropertyKey[], message: string, options?: ReportOptions): void;
  /** At a YAML path of a source that may be absent (a reference list that did not load). */
  atSource(source: Source | undefined, path: readonly PropertyKey[], message: string, options?: ReportOptions): void;
  /** At a line and column of a file. */
  atPosition(file: string, position: Position, message: string, options?: ReportOptions): void;
}

export interface Rule {
  /** Short id shown with each issue, e.g. `references`. */
  id: string;
  /** What the rule guarantees, in one Vietnamese sentence (listed by `check --rules`). */
  description: string;
  /**
   * The kinds of files every issue of this rule is reported on, when the rule
   * reports on no other (the unit tree only on unit files): a check limited to
   * files of other kinds (a workspace form's one observation) skips the rule,
   * whose findings it would drop anyway.
   */
  reportsOn?: readonly FileKind[];
  check(context: RuleContext, report: Reporter): void;
}

/** The kinds of files a content directory holds (see paths.ts). */
export type FileKind = "observation" | "report" | "unit" | "body" | "reference";

/** One schema-valid file, as a rule about that file alone sees it. */
export interface EntryContext {
  kind: FileKind;
  /** Display path. */
  file: string;
  /** Its YAML (front matter or whole data file), to point into. */
  source: Source;
  /** The validated value (an observation, report, unit, body or reference list). */
  data: unknown;
  /** Observations and reports: the entry. */
  entry?: ObservationEntry | ReportEntry;
  /** Observations and reports: the Markdown body. */
  text?: MarkdownBody;
}

/** A rule about one file and its body alone; runs while loading, so bodies need not be kept. */
export interface EntryRule {
  id: string;
  description: string;
  check(context: EntryContext, report: Reporter): void;
}

/** One decoded file before anything parses it. */
export interface TextContext {
  /** Display path. */
  file: string;
  /** Path inside the content directory: rules may apply to Markdown only. */
  relative: string;
  /** The decoded text (NFC, LF line ends). */
  text: string;
}

/** A rule about the raw text of a file; any issue it reports stops the file from being parsed. */
export interface TextRule {
  id: string;
  description: string;
  check(context: TextContext, report: Reporter): void;
}

/** A reporter for `rule` that appends to `issues`. */
export function reporterFor(rule: string, issues: ContentIssue[]): Reporter {
  const push = (file: string, position: Position, message: string, options?: ReportOptions) => {
    const issue = issueAt(file, position, rule, message);
    if (options?.severity === "warning") issue.severity = "warning";
    issues.push(issue);
  };
  const atSource = (source: Source | undefined, path: readonly PropertyKey[], message: string, options?: ReportOptions) => {
    if (source) push(source.file, locateYamlPath(source.yaml, path, source.lineOffset, options?.key ?? false), message, options);
  };
  return {
    at: (entry, path, message, options) => atSource(entry.source, path, message, options),
    atSource,
    atPosition: push,
  };
}

/** Runs rules with one context, each with its own bound reporter; the issues in rule order. */
export function runEach<C>(rules: readonly { id: string; check(context: C, report: Reporter): void }[], context: C): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const rule of rules) rule.check(context, reporterFor(rule.id, issues));
  return issues;
}
