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
  /** The files that are neither observations nor reports (reference lists, units, bodies, strays): every slice needs them. */
  shared: string[];
}

export interface DuplicateId {
  id: string;
  relative: string;
  twin: string;
}

/** The common, well-formed cases, recognised in one step; anything else goes through `classifyPath`. */
const OBSERVATION = /^observations\/\d{4}\/\d{2}\/([a-z0-9]+(?:-[a-z0-9]+)*)\/((\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export function indexPaths(relativePaths: readonly string[]): { index: ContentIndex; duplicates: DuplicateId[] } {
  const index: ContentIndex = { observations: new Map(), reports: new Map(), files: new Set(relativePaths), shared: [] };
  const duplicates: DuplicateId[] = [];
  for (const relative of relativePaths) {
    const quick = OBSERVATION.exec(relative);
    if (quick) {
      const [, unit, name, date] = quick as unknown as [string, string, string, string];
      const id = `${unit}/${name}`;
      const twin = index.observations.get(id);
      if (twin) duplicates.push({ id, relative, twin: twin.relative });
      else index.observations.set(id, { unit, date, relative });
      continue;
    }
    const where = classifyPath(relative);
    if (where.kind === "observation") {
      const twin = index.observations.get(where.id);
      if (twin) duplicates.push({ id: where.id, relative, twin: twin.relative });
      else index.observations.set(where.id, { unit: where.unit, date: where.date, relative });
    } else if (where.kind === "report") {
      index.reports.set(where.id, { unit: where.unit, organisation: where.organisation, period: where.period, relative });
    } else {
      index.shared.push(relative);
    }
  }
  return { index, duplicates };
}
