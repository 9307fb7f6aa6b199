/**
 * The search index in shards by date. Pagefind's indexer slows down more than
 * linearly and needs gigabytes past ~10k records (measured: 100k records in one
 * index took 107 s to add and over 6 GB to write), so records are split into
 * consecutive date ranges of a bounded size, each its own Pagefind bundle. The
 * search page asks every shard and merges: newest-first order is the shards'
 * order, relevance order is by score.
 *
 * Shards follow calendar months so that a publish after one change re-indexes
 * only the shard that holds it: the newest month is a shard of its own (where
 * nearly every new item lands, and small), and older months fill shards from
 * the oldest on, so appending months leaves earlier shards as they are. A
 * shard's id names its months; with its records' hash it tells a later
 * publish whether the bundle can stay.
 */
import type { FacetCounts } from "./facet-table.ts";
import type { SearchRecord } from "./records.ts";

export interface SearchShard {
  /** The bundle's folder under `pagefind/`: its first and last month, e.g. `2026-01_2026-03`, or one month, `2026-11`. */
  id: string;
  newest: string;
  oldest: string;
  records: SearchRecord[];
}

/** What the search page reads to find the shards (`pagefind/manh.json`), newest first. */
export interface ShardManifest {
  version: 1;
  shards: { path: string; newest: string; oldest: string; records: number; hash?: string }[];
}

export const MANIFEST_FILE = "manh.json";

const newestFirst = (a: SearchRecord, b: SearchRecord) => (a.sort.ngay < b.sort.ngay ? 1 : a.sort.ngay > b.sort.ngay ? -1 : a.url < b.url ? -1 : 1);
const monthOf = (record: SearchRecord) => record.sort.ngay.slice(0, 7);

/** A run of records (newest first) as one shard, or as balanced parts when a single month holds more than fits. */
function shardsOf(run: SearchRecord[], maxPerShard: number): SearchShard[] {
  const newestMonth = monthOf(run[0] as SearchRecord);
  const oldestMonth = monthOf(run[run.length - 1] as SearchRecord);
  const name = newestMonth === oldestMonth ? newestMonth : `${oldestMonth}_${newestMonth}`;
  const count = Math.ceil(run.length / maxPerShard);
  const size = Math.ceil(run.length / count);
  return Array.from({ length: count }, (_, part) => {
    const records = run.slice(part * size, (part + 1) * size);
    return {
      id: count === 1 ? name : `${name}-${part + 1}`,
      newest: (records[0] as SearchRecord).sort.ngay,
      oldest: (records[records.length - 1] as SearchRecord).sort.ngay,
      records,
    };
  });
}

export function planShards(records: readonly SearchRecord[], maxPerShard: number): SearchShard[] {
  const ordered = [...records].sort(newestFirst);
  if (ordered.length === 0) return [];
  const months: SearchRecord[][] = [];
  for (const record of ordered) {
    const last = months[months.length - 1];
    if (last && monthOf(last[0] as SearchRecord) === monthOf(record)) last.push(record);
    else months.push([record]);
  }
  const [newest, ...older] = months as [SearchRecord[], ...SearchRecord[][]];
  // Older months, oldest first, fill runs up to the bound.
  const runs: SearchRecord[][] = [];
  let run: SearchRecord[] = [];
  for (const month of older.reverse()) {
    if (run.length > 0 && run.length + month.length > maxPerShard) {
      runs.push(run);
      run = [];
    }
    run = [...month, ...run];
  }
  if (run.length > 0) runs.push(run);
  return [newest, ...runs.reverse()].flatMap((part) => shardsOf(part, maxPerShard));
}

/** A shard once its records are counted (and, while indexing, set aside), with the hash of its records. */
export type ShardSummary = Omit<SearchShard, "records"> & { records: number; hash: string };

export function shardManifest(shards: readonly ShardSummary[]): ShardManifest {
  return {
    version: 1,
    shards: shards.map((shard) => ({ path: `${shard.id}/`, newest: shard.newest, oldest: shard.oldest, records: shard.records, hash: shard.hash })),
  };
}

/** What merging needs of a result: its score and, to break ties by recency, its ISO date. */
export interface Scored {
  score: number;
  date?: string;
}

/** One shard's answer: its results and their counts per filter value (see filterAndCount). */
export interface ShardSearch<R extends Scored> {
  results: R[];
  filters: FacetCounts;
}

/**
 * The shards' answers as one: results newest first (the shards' own order, each
 * shard already sorted) or by score, the newer first among equal scores;
 * filter counts added up.
 */
export function mergeShardSearches<R extends Scored>(searches: readonly ShardSearch<R>[], byScore: boolean): ShardSearch<R> {
  const results = searches.flatMap((search) => search.results);
  if (byScore) results.sort((a, b) => b.score - a.score || ((b.date ?? "") > (a.date ?? "") ? 1 : (b.date ?? "") < (a.date ?? "") ? -1 : 0));
  const filters: FacetCounts = {};
  for (const search of searches) {
    for (const [key, counts] of Object.entries(search.filters)) {
      const merged = filters[key] ?? {};
      filters[key] = merged;
      for (const [value, count] of Object.entries(counts)) merged[value] = (merged[value] ?? 0) + count;
    }
  }
  return { results, filters };
}
