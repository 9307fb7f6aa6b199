/**
 * The shard client: every shard's Pagefind bundle behind one search (see
 * src/core/search/shards.ts). Each shard is its own Pagefind module, which only
 * matches and ranks text; the shard's facet table filters and counts and dates
 * each result (see src/core/search/facet-table.ts). Runs in the browser.
 */
import { FACET_TABLE_FILE, type FacetTable, filterAndCount, readFacetTable } from "../core/search/facet-table.ts";
import { MANIFEST_FILE, mergeShardSearches, type ShardManifest, type ShardSearch } from "../core/search/shards.ts";
import type { SearchState } from "../core/search/state.ts";

export interface PagefindData {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched words in the record's text. */
  words: number[];
  data: () => Promise<PagefindData>;
}
interface PagefindSearch {
  results: PagefindResult[];
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string | null, options: { sort?: Record<string, "asc" | "desc"> }) => Promise<PagefindSearch | null>;
}

/** A result with the date its shard's facet table gives it (ISO; empty when the table has none). */
export type ShardResult = PagefindResult & { date: string };
export type Found = ShardSearch<ShardResult>;
export interface SearchOptions {
  chosen: SearchState["filters"];
  sort?: Record<string, "asc" | "desc">;
}
/**
 * A search over every shard. With a sort, `onNewest` gets the newest shard's
 * answer first; the older shards are asked once the promise it returns settles.
 */
export type ShardedSearch = (term: string | null, options: SearchOptions, onNewest?: (answer: Found) => Promise<void>) => Promise<Found>;

async function loadFacetTable(url: string): Promise<FacetTable> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`no facet table (${response.status})`);
  return readFacetTable(new Uint8Array(await response.arrayBuffer()));
}

/**
 * A shard's first text search costs about half a second more than later ones
 * (measured at 100k: first use of its worker's search path). Part of that is
 * paid here, while the page loads, rather than on the user's first query
 * (measured: first query 1.1 s → 0.55 s). The word is one no index holds: it
 * fetches one small chunk per shard and finds nothing.
 */
async function warmUp(module: Pagefind): Promise<void> {
  await module.search("zzzz", {});
}

export async function openShards(base: string): Promise<ShardedSearch> {
  const response = await fetch(`${base}/pagefind/${MANIFEST_FILE}`);
  if (!response.ok) throw new Error(`no search manifest (${response.status})`);
  const manifest = (await response.json()) as ShardManifest;
  const shards = await Promise.all(
    manifest.shards.map(async (shard) => {
      const [module, table] = await Promise.all([
        import(/* @vite-ignore */ `${base}/pagefind/${shard.path}pagefind.js`) as Promise<Pagefind>,
        loadFacetTable(`${base}/pagefind/${shard.path}${FACET_TABLE_FILE}`),
      ]);
      // Each shard searches in its own worker, so shards run side by side and the page stays responsive.
      // Full weight to exact accents: "đền" typed should outrank "đến" and "den" before our own reranking.
      await module.options({ baseUrl: `${base}/`, ranking: { diacriticSimilarity: 1 } });
      await module.init();
      void warmUp(module);
      return { module, table };
    }),
  );
  const ask = async ({ module, table }: (typeof shards)[number], term: string | null, options: SearchOptions): Promise<Found> => {
    const answer = await module.search(term, options.sort ? { sort: options.sort } : {});
    const dated = (answer?.results ?? []).map((result): ShardResult => Object.assign(result, { date: table.dates?.[result.id] ?? "" }));
    return filterAndCount(dated, table, options.chosen);
  };
  return async (term, options, onNewest) => {
    const [newest, ...older] = shards;
    if (!newest) return { results: [], filters: {} };
    // Newest first: the newest shard alone usually fills the first page, so it is shown before the rest is searched.
    // The older shards wait for it: started at once, they took the processor from the first page's texts (measured
    // at 100k: first results after 274 ms, of which 200 ms waiting for ten texts while eight shards searched).
    if (options.sort && onNewest) {
      const first = await ask(newest, term, options);
      await onNewest(first);
      return mergeShardSearches([first, ...(await Promise.all(older.map((shard) => ask(shard, term, options))))], false);
    }
    return mergeShardSearches(await Promise.all(shards.map((shard) => ask(shard, term, options))), !options.sort);
  };
}
