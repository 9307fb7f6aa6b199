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

/** What rules need of an index: look-ups and, for suggestions, the ids. A Map is one. */
export interface Lookup<V> {
  get(id: string): V | undefined;
  has(id: string): boolean;
  keys(): Iterable<string>;
}

export interface ContentIndex {
  observations: Lookup<IndexedObservation>;
  reports: Lookup<IndexedReport>;
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
  const index = {
    observations: new Map<string, IndexedObservation>(),
    reports: new Map<string, IndexedReport>(),
    files: new Set(relativePaths),
    shared: [] as string[],
  };
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

function layered<V>(over: Lookup<V>, under: Lookup<V>): Lookup<V> {
  return {
    get: (id) => over.get(id) ?? under.get(id),
    has: (id) => over.has(id) || under.has(id),
    *keys() {
      yield* over.keys();
      for (const key of under.keys()) if (!over.has(key)) yield key;
    },
  };
}

/**
 * The index of a tree plus a few more paths (a submission's files), without
 * copying the tree's index: look-ups try the extra paths first.
 */
export function extendIndex(base: ContentIndex, extraPaths: readonly string[]): ContentIndex {
  const { index: extra } = indexPaths(extraPaths);
  const files = new Set(extraPaths);
  return {
    observations: layered(extra.observations, base.observations),
    reports: layered(extra.reports, base.reports),
    files: { has: (path: string) => files.has(path) || base.files.has(path) } as ReadonlySet<string>,
    get shared() {
      return base.shared;
    },
  };
}

/** An index built on first use (listing a large tree costs time that most checks of a few files never need). */
export function lazyIndex(build: () => ContentIndex): ContentIndex {
  let built: ContentIndex | undefined;
  const index = () => {
    built ??= build();
    return built;
  };
  return {
    observations: { get: (id) => index().observations.get(id), has: (id) => index().observations.has(id), keys: () => index().observations.keys() },
    reports: { get: (id) => index().reports.get(id), has: (id) => index().reports.has(id), keys: () => index().reports.keys() },
    files: { has: (path: string) => index().files.has(path) } as ReadonlySet<string>,
    get shared() {
      return index().shared;
    },
  };
}
