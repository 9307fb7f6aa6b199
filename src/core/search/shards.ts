/**
 * The search index in shards by date. Pagefind's indexer slows down more than
 * linearly and needs gigabytes past ~10k records (measured: 100k records in one
 * index took 107 s to add and over 6 GB to write), so records are split into
 * consecutive date ranges of a bounded size, each its own Pagefind bundle. The
 * search page asks every shard and merges: newest-first order is the shards'
 * order, relevance order is by score.
 */
import type { FacetCounts } from "./facet-table.ts";
import type { SearchRecord } from "./records.ts";

export interface SearchShard {
  /** The bundle's folder under `pagefind/`. */
  id: string;
  newest: string;
  oldest: string;
  records: SearchRecord[];
}

/** What the search page reads to find the shards (`pagefind/manh.json`), newest first. */
export interface ShardManifest {
  version: 1;
  shards: { path: string; newest: string; oldest: string; records: number }[];
}

export const MANIFEST_FILE = "manh.json";

export function planShards(records: readonly SearchRecord[], maxPerShard: number): SearchShard[] {
  const ordered = [...records].sort((a, b) => (a.sort.ngay < b.sort.ngay ? 1 : a.sort.ngay > b.sort.ngay ? -1 : a.url < b.url ? -1 : 1));
  const count = Math.max(1, Math.ceil(ordered.length / maxPerShard));
  const size = Math.ceil(ordered.length / count);
  const shards: SearchShard[] = [];
  for (let index = 0; index < count; index++) {
    const part = ordered.slice(index * size, (index + 1) * size);
    if (part.length === 0) continue;
    shards.push({
      id: String(index + 1),
      newest: (part[0] as SearchRecord).sort.ngay,
      oldest: (part[part.length - 1] as SearchRecord).sort.ngay,
      records: part,
    });
  }
  return shards;
}

/** A shard once its records are counted (and, while indexing, set aside). */
export type ShardSummary = Omit<SearchShard, "records"> & { records: number };

export function shardManifest(shards: readonly ShardSummary[]): ShardManifest {
  return { version: 1, shards: shards.map((shard) => ({ path: `${shard.id}/`, newest: shard.newest, oldest: shard.oldest, records: shard.records })) };
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
