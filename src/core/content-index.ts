/**
 * What the paths alone say about every observation and report: its id, unit,
 * date, organisation and period. Cross-file rules look references up here, so a
 * slice of the tree can be checked without parsing the rest.
 */
import { classifyPath } from "./paths.ts";

export interface IndexedObservation {
  unit: string;
  /** Observed date, from the file name. */
  date: string;
  /** Path relative to the content directory. */
  relative: string;
}

export interface IndexedReport {
  unit: string;
  organisation: string;
  period: string;
  relative: string;
}

export interface ContentIndex {
  observations: Map<string, IndexedObservation>;
  reports: Map<string, IndexedReport>;
  /** Every file of the tree, relative to the content directory. */
  files: ReadonlySet<string>;
}

export interface DuplicateId {
  id: string;
  relative: string;
  twin: string;
}

export function indexPaths(relativePaths: readonly string[]): { index: ContentIndex; duplicates: DuplicateId[] } {
  const index: ContentIndex = { observations: new Map(), reports: new Map(), files: new Set(relativePaths) };
  const duplicates: DuplicateId[] = [];
  for (const relative of relativePaths) {
    const where = classifyPath(relative);
    if (where.kind === "observation") {
      const twin = index.observations.get(where.id);
      if (twin) duplicates.push({ id: where.id, relative, twin: twin.relative });
      else index.observations.set(where.id, { unit: where.unit, date: where.date, relative });
    } else if (where.kind === "report") {
      index.reports.set(where.id, { unit: where.unit, organisation: where.organisation, period: where.period, relative });
    }
  }
  return { index, duplicates };
}
