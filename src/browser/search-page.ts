/**
 * The search page in the browser: reads the state from the address, asks
 * every shard's Pagefind for the text, filters and counts with the shards'
 * facet tables, orders the first page for Vietnamese (whole phrase and exact
 * accents first), shows the results with counts per filter value, and writes
 * every change back to the address (typing replaces the entry, other changes
 * add one).
 */

import { FACET_TABLE_FILE, type FacetCounts, type FacetTable, filterAndCount, readFacetTable } from "../core/search/facet-table.ts";
import { adjacentFirst, excerpt, rerank } from "../core/search/rank.ts";
import { MANIFEST_FILE, mergeShardSearches, type ShardManifest, type ShardSearch } from "../core/search/shards.ts";
import { type SearchFilter, type SearchState, searchFromState, stateFromSearch } from "../core/search/state.ts";

interface PagefindData {
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

type Found = ShardSearch<PagefindResult>;
interface SearchOptions {
  chosen: SearchState["filters"];
  sort?: Record<string, "asc" | "desc">;
}
/**
 * A search over every shard. With a sort, `onNewest` gets the newest shard's
 * answer first; the older shards are asked once the promise it returns settles.
 */
type ShardedSearch = (term: string | null, options: SearchOptions, onNewest?: (answer: Found) => Promise<void>) => Promise<Found>;

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

/**
 * Every shard's bundle behind one search (see src/core/search-shards.ts): each
 * shard is its own Pagefind module, which only matches and ranks text; the
 * shard's facet table filters and counts (see src/core/search-facet-table.ts).
 */
async function openShards(base: string): Promise<ShardedSearch> {
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
    return filterAndCount(answer?.results ?? [], table, options.chosen);
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

/** By relevance, the first page is chosen from this many of the engine's first results (see adjacentFirst). */
const CANDIDATES = 30;
const PAGE = 10;
const TYPING_DELAY_MS = 200;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function startSearchPage(): void {
  const form = byId<HTMLFormElement>("tim-kiem");
  const queryInput = byId<HTMLInputElement>("q");
  const sortSelect = byId<HTMLSelectElement>("sap-xep");
  const status = byId<HTMLParagraphElement>("tinh-trang-tim");
  const list = byId<HTMLOListElement>("ket-qua");
  const more = byId<HTMLButtonElement>("xem-them");
  const base = form.dataset.base ?? "";
  // The filters sit beside the results, outside the form element, tied to it by their form attribute.
  const controls = [...form.elements].filter(
    (element): element is HTMLInputElement | HTMLSelectElement => element instanceof HTMLElement && "filter" in element.dataset,
  );
  let search: ShardedSearch | undefined;
  let shown: (() => Promise<PagefindData>)[] = [];
  let shownCount = 0;
  let currentQuery = "";
  let generation = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  function readForm(): SearchState {
    const filters: SearchState["filters"] = {};
    for (const control of controls) {
      const key = control.dataset.filter as SearchFilter;
      const chosen = control instanceof HTMLSelectElement ? control.value : control.checked ? control.value : "";
      if (chosen) filters[key] = [...(filters[key] ?? []), chosen];
    }
    return { query: queryInput.value.normalize("NFC"), sort: sortSelect.value === "lien-quan" ? "lien-quan" : "ngay", filters };
  }

  function fillForm(state: SearchState): void {
    queryInput.value = state.query;
    sortSelect.value = state.sort;
    for (const control of controls) {
      const values = state.filters[control.dataset.filter as SearchFilter] ?? [];
      if (control instanceof HTMLSelectElement) control.value = values[0] ?? "";
      else control.checked = values.includes(control.value);
    }
  }

  function showCounts(counts: FacetCounts): void {
    for (const control of controls) {
      const key = control.dataset.filter as string;
      if (control instanceof HTMLSelectElement) {
        for (const option of control.options) {
          if (!option.value) continue;
          option.textContent = `${option.dataset.label} (${(counts[key]?.[option.value] ?? 0).toLocaleString("vi-VN")})`;
        }
      } else {
        const badge = document.querySelector<HTMLElement>(`[data-count="${CSS.escape(`${key}=${control.value}`)}"]`);
        if (badge) badge.textContent = `(${(counts[key]?.[control.value] ?? 0).toLocaleString("vi-VN")})`;
      }
    }
  }

  function resultItem(data: PagefindData): HTMLLIElement {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title ?? data.url;
    heading.append(link);
    const facts = document.createElement("p");
    facts.className = "result-facts";
    facts.textContent = [data.meta.loai, data.meta.don_vi, data.meta.to_chuc, data.meta.ngay, data.meta.linh_vuc, data.meta.trang_thai, data.meta.muc_do]
      .filter(Boolean)
      .join(" · ");
    item.append(heading, facts);
    if (data.meta.han_che) {
      const note = document.createElement("p");
      note.className = "restricted";
      note.textContent = data.meta.han_che;
      item.append(note);
    }
    const text = document.createElement("p");
    text.className = "excerpt";
    // `excerpt` escapes the text and adds only <mark> elements.
    text.innerHTML = excerpt(data.content, currentQuery);
    item.append(text);
    return item;
  }

  async function showMore(): Promise<void> {
    const mine = generation;
    const next = await Promise.all(shown.slice(shownCount, shownCount + PAGE).map((load) => load()));
    if (mine !== generation) return;
    list.append(...next.map(resultItem));
    shownCount += next.length;
    more.hidden = shownCount >= shown.length;
  }

  async function run(state: SearchState): Promise<void> {
    if (!search) return;
    const mine = ++generation;
    list.setAttribute("aria-busy", "true");
    currentQuery = state.query.trim();
    const sort = state.sort === "ngay" || !currentQuery ? { ngay: "desc" as const } : undefined;
    let early = 0;
    const showNewest = async (answer: Found) => {
      if (mine !== generation || answer.results.length < PAGE) return;
      const items = await Promise.all(answer.results.slice(0, PAGE).map((result) => result.data()));
      if (mine !== generation || shown.length > 0) return;
      early = PAGE;
      list.replaceChildren(...items.map(resultItem));
      status.textContent = "Kết quả mới nhất; đang tìm tiếp trong các kỳ trước…";
    };
    shown = [];
    // The counts come with the results, faceted: see filterAndCount.
    const found = await search(currentQuery || null, { chosen: state.filters, ...(sort ? { sort } : {}) }, showNewest);
    if (mine !== generation) return;
    let loaders = found.results.map((result) => result.data);
    if (!sort && currentQuery) {
      // Of the first results, those with the query's words side by side make the first page; only its texts are fetched to order it.
      const candidates = adjacentFirst(found.results.slice(0, CANDIDATES), (result) => result.words, currentQuery);
      const firstPage = candidates.slice(0, PAGE);
      const head = await Promise.all(firstPage.map(async (result) => ({ result, data: await result.data() })));
      if (mine !== generation) return;
      const ranked = rerank(head, (item) => `${item.data.meta.title ?? ""} ${item.data.content}`, currentQuery);
      loaders = [
        ...ranked.map((item) => () => Promise.resolve(item.data)),
        ...[...candidates.slice(PAGE), ...found.results.slice(CANDIDATES)].map((result) => result.data),
      ];
    }
    shown = loaders;
    showCounts(found.filters);
    // The first page shown from the newest shard is the merged list's first page too: keep it, show the rest after it.
    if (early > 0 && list.children.length === early) {
      shownCount = early;
      more.hidden = shownCount >= shown.length;
    } else {
      shownCount = 0;
      list.replaceChildren();
    }
    const total = found.results.length.toLocaleString("vi-VN");
    status.textContent =
      found.results.length === 0 ? "Không tìm thấy kết quả nào." : currentQuery ? `Tìm thấy ${total} kết quả.` : `${total} mục, mới nhất trước.`;
    if (shownCount === 0) await showMore();
    if (mine === generation) list.setAttribute("aria-busy", "false");
  }

  /** A search that fails (a part of the index did not load) says so instead of leaving the list busy. */
  function runShowingFailure(state: SearchState): void {
    // run() takes the next generation at once; a newer search's failure or results are its own to show.
    const mine = generation + 1;
    run(state).catch(() => {
      if (mine !== generation) return;
      list.setAttribute("aria-busy", "false");
      status.textContent = "Không tải được một phần chỉ mục tìm kiếm. Hãy kiểm tra kết nối tới trang nội bộ rồi tải lại trang.";
    });
  }

  function update(push: boolean): void {
    const state = readForm();
    const address = `${location.pathname}${searchFromState(state)}`;
    if (address !== `${location.pathname}${location.search}`) history[push ? "pushState" : "replaceState"](null, "", address);
    runShowingFailure(state);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    update(true);
  });
  queryInput.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => update(false), TYPING_DELAY_MS);
  });
  for (const control of [sortSelect, ...controls]) control.addEventListener("change", () => update(true));
  more.addEventListener("click", () => void showMore());
  window.addEventListener("popstate", () => {
    const state = stateFromSearch(location.search);
    fillForm(state);
    runShowingFailure(state);
  });

  const initial = stateFromSearch(location.search);
  fillForm(initial);
  openShards(base)
    .then(async (opened) => {
      search = opened;
      await run(initial);
    })
    .catch(() => {
      status.textContent = "Chưa có chỉ mục tìm kiếm. Hãy dựng lại trang bằng lệnh npm run build.";
    });
}
