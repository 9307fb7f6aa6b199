/**
 * From raw files to the content model: size and kind checks, decoding, front
 * matter, schema validation. Pure: the adapter supplies bytes and file facts.
 */
import type { z } from "zod";
import {
  bodySchema,
  channelsFileSchema,
  fieldsFileSchema,
  levelsFileSchema,
  observationSchema,
  organisationsFileSchema,
  reportSchema,
  scheduleSchema,
  statusesFileSchema,
  tagsFileSchema,
  unitSchema,
  urgenciesFileSchema,
} from "../../../schemas/index.ts";
import { requestSchema } from "../../../schemas/request.ts";
import { ENTRY_RULES } from "../check/rules/entry-rules.ts";
import { type EntryContext, runEach } from "../check/rules/rule.ts";
import { TEXT_RULES } from "../check/rules/text-rules.ts";
import { type ContentIssue, issueAt, START } from "./content-issue.ts";
import { type ContentModel, emptyModel, type ObservationEntry, type Source } from "./content-model.ts";
import { decodeContent } from "./decode.ts";
import { parseMarkdown } from "./markdown-file.ts";
import { classifyPath, type ReferenceKind } from "./paths.ts";
import { validateWith } from "./schema-issues.ts";
import { locateYamlPath, parseYaml } from "./yaml.ts";

/** A file of the content directory as the adapter found it. */
export interface ContentFile {
  /** Path relative to the content directory, with `/`. */
  relative: string;
  /** Path shown to users (relative to the repository root). */
  display: string;
  size: number;
  symlink: boolean;
  /** Absent for symlinks and oversized files, which are never read. */
  bytes?: Uint8Array;
}

export const MAX_FILE_BYTES = 1024 * 1024;

export interface LoadResult {
  model: ContentModel;
  issues: ContentIssue[];
}

const REFERENCE_SCHEMAS = {
  levels: levelsFileSchema,
  organisations: organisationsFileSchema,
  fields: fieldsFileSchema,
  channels: channelsFileSchema,
  schedule: scheduleSchema,
  urgencies: urgenciesFileSchema,
  statuses: statusesFileSchema,
  tags: tagsFileSchema,
} satisfies Record<ReferenceKind, z.ZodType>;

/**
 * Builds the model one file at a time, so the adapter may feed it as files
 * arrive (reads overlap parsing) and only one file's bytes live at once.
 * Cross-file rules run later. Bodies are kept only when asked (the site needs
 * them, the check does not).
 */
export class ContentLoader {
  readonly model = emptyModel();
  readonly issues: ContentIssue[] = [];
  readonly #keepBodies: boolean;
  readonly #compact: ((entry: ObservationEntry) => ObservationEntry) | undefined;

  constructor(options: LoadOptions = {}) {
    this.#keepBodies = options.keepBodies ?? false;
    this.#compact = options.compact ? compactObservation() : undefined;
  }

  add(file: ContentFile): void {
    const { model, issues } = this;
    const options = { keepBodies: this.#keepBodies };
    const fail = (file: string, line: number, column: number, message: string, rule = "file") => issues.push(issueAt(file, { line, column }, rule, message));
    const where = classifyPath(file.relative);
    if (where.kind === "unknown") {
      fail(file.display, 1, 1, where.message, "path");
      return;
    }
    if (file.symlink) {
      fail(file.display, 1, 1, "Không chấp nhận liên kết tượng trưng (symlink): hãy đặt tệp thật vào đây");
      return;
    }
    if (file.size > MAX_FILE_BYTES || !file.bytes) {
      fail(file.display, 1, 1, `Tệp quá lớn: ${file.size.toLocaleString("vi-VN")} byte, tối đa 1 MB`);
      return;
    }
    const decoded = decodeContent(file.bytes);
    if (!decoded.ok) {
      fail(file.display, decoded.line, decoded.column, "Tệp không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8");
      return;
    }
    const text = decoded.text;
    const textIssues = runEach(TEXT_RULES, { file: file.display, relative: file.relative, text });
    if (textIssues.length > 0) {
      issues.push(...textIssues);
      return;
    }
    const nfdAt = firstNonNfc(text);
    if (nfdAt) {
      fail(
        file.display,
        nfdAt.line,
        nfdAt.column,
        "Chữ tiếng Việt đang ở dạng tổ hợp (NFD): hãy lưu lại ở dạng dựng sẵn (NFC) để tìm kiếm và hiển thị đúng",
        "nfc",
      );
      return;
    }

    const reportSchemaIssues = (source: Source, messages: { message: string; path: readonly PropertyKey[]; key: boolean }[]) => {
      for (const located of messages) {
        const position = locateYamlPath(source.yaml, located.path, source.lineOffset, located.key);
        issues.push(issueAt(file.display, position, "schema", located.message));
      }
    };

    if (where.kind === "observation" || where.kind === "report") {
      const parsed = parseMarkdown(text);
      if (!parsed.ok) {
        for (const problem of parsed.problems) issues.push(issueAt(file.display, problem.position, "yaml", problem.message));
        return;
      }
      const { data, frontmatter, body, bodyLine } = parsed.parts;
      const source: Source = { file: file.display, yaml: frontmatter, lineOffset: 1 };
      if (where.kind === "observation") {
        const result = validateWith(observationSchema, data);
        if (!result.ok) reportSchemaIssues(source, result.messages);
        else
          model.observations.set(where.id, {
            ...result.value,
            id: where.id,
            path: { year: where.year, month: where.month, unit: where.unit, date: where.date },
            source,
            ...(options.keepBodies ? { body } : {}),
          });
        const stored = model.observations.get(where.id);
        if (stored)
          issues.push(
            ...checkEntry({
              kind: "observation",
              file: file.display,
              source,
              data: result.ok ? result.value : undefined,
              entry: stored,
              text: { body, bodyLine },
            }),
          );
        if (stored && this.#compact) model.observations.set(where.id, this.#compact(stored));
      } else {
        const result = validateWith(reportSchema, data);
        if (!result.ok) reportSchemaIssues(source, result.messages);
        else
          model.reports.set(where.id, {
            ...result.value,
            id: where.id,
            path: { period: where.period, unit: where.unit, organisation: where.organisation },
            source,
            ...(options.keepBodies ? { body } : {}),
          });
        const stored = model.reports.get(where.id);
        if (stored)
          issues.push(
            ...checkEntry({ kind: "report", file: file.display, source, data: result.ok ? result.value : undefined, entry: stored, text: { body, bodyLine } }),
          );
      }
      return;
    }

    const yaml = parseYaml(text);
    if (!yaml.ok) {
      for (const problem of yaml.problems) issues.push(issueAt(file.display, problem.position, "yaml", problem.message));
      return;
    }
    const source: Source = { file: file.display, yaml: text, lineOffset: 0 };
    switch (where.kind) {
      case "reference": {
        const result = validateWith(REFERENCE_SCHEMAS[where.reference] as z.ZodType, yaml.value);
        if (!result.ok) {
          reportSchemaIssues(source, result.messages);
          break;
        }
        model.referenceSources[where.reference] = source;
        (model as unknown as Record<string, unknown>)[where.reference] = result.value;
        issues.push(...checkEntry({ kind: "reference", file: file.display, source, data: result.value }));
        break;
      }
      case "unit": {
        const result = validateWith(unitSchema, yaml.value);
        if (!result.ok) reportSchemaIssues(source, result.messages);
        else {
          model.units.set(where.id, { ...result.value, id: where.id, source });
          issues.push(...checkEntry({ kind: "unit", file: file.display, source, data: result.value }));
        }
        break;
      }
      case "body": {
        const result = validateWith(bodySchema, yaml.value);
        if (!result.ok) reportSchemaIssues(source, result.messages);
        else {
          model.bodies.set(where.id, {
            ...result.value,
            id: where.id,
            unit: where.unit,
            organisation: where.organisation,
            source,
          });
          issues.push(...checkEntry({ kind: "body", file: file.display, source, data: result.value }));
        }
        break;
      }
      case "request": {
        const result = validateWith(requestSchema, yaml.value);
        if (!result.ok) reportSchemaIssues(source, result.messages);
        else (model.requests ??= new Map()).set(where.id, { ...result.value, id: where.id, slug: where.slug, source });
        break;
      }
    }
  }

  result(): LoadResult {
    return { model: this.model, issues: this.issues };
  }
}

export interface LoadOptions {
  /** Keep the Markdown bodies (the site needs them, the check and the documents do not). */
  keepBodies?: boolean;
  /**
   * Observations held lean, for documents and reports over a large record: the
   * YAML text is not kept (issues found later cannot point at a line; those of
   * each file are found while loading, as always) and repeated short values
   * (ids, dates) are shared. 100k observations: about 210 MB less (measured).
   */
  compact?: boolean;
}

/**
 * A copier of observations that holds nothing of their file's text: strings
 * are copied out of it (a value parsed from the YAML keeps the whole text
 * alive otherwise), short ones once for all entries, and the YAML is dropped.
 */
function compactObservation(): (entry: ObservationEntry) => ObservationEntry {
  const shared = new Map<string, string>();
  const share = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (value.length > 40) return value;
      const kept = shared.get(value);
      if (kept !== undefined) return kept;
      shared.set(value, value);
      return value;
    }
    if (Array.isArray(value)) return value.map(share);
    if (value !== null && typeof value === "object") {
      const result: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) result[key] = share(inner);
      return result;
    }
    return value;
  };
  // A JSON copy makes new strings: nothing in it refers to the file's text any more.
  return (entry) => share(JSON.parse(JSON.stringify({ ...entry, source: { ...entry.source, yaml: "" } }))) as ObservationEntry;
}

export function loadContent(files: Iterable<ContentFile>, options: LoadOptions = {}): LoadResult {
  const loader = new ContentLoader(options);
  for (const file of files) loader.add(file);
  return loader.result();
}

function checkEntry(context: EntryContext): ContentIssue[] {
  return runEach(ENTRY_RULES, context);
}

/** A reference list that the tree lacks, as issues (the display root names where it belongs). */
export function missingReferenceFiles(present: ReadonlySet<string>, root: string): ContentIssue[] {
  return Object.keys(REFERENCE_SCHEMAS).flatMap((reference) => {
    const name = `${reference}.yaml`;
    return present.has(name) ? [] : [issueAt(`${root}${name}`, START, "file", `Thiếu tệp danh mục ${name} (danh mục ${reference})`)];
  });
}

function firstNonNfc(text: string): { line: number; column: number } | undefined {
  // NFD Vietnamese always carries combining marks; NFC text almost never does.
  if (!/[\u0300-\u036f]/.test(text) || text.normalize("NFC") === text) return undefined;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.normalize("NFC") === line) continue;
    for (let column = 0; column < line.length; column++) {
      const prefix = line.slice(0, column + 1);
      if (prefix.normalize("NFC") !== prefix) return { line: index + 1, column };
    }
    return { line: index + 1, column: 1 };
  }
  return { line: 1, column: 1 };
}
