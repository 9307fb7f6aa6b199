/**
 * The search page controller in the browser: reads the state from the address,
 * asks the shards (pagefind-shards.ts) for the text, orders the first page for
 * Vietnamese (whole phrase and exact accents first), shows the results with
 * counts per filter value, and writes every change back to the address (typing
 * replaces the entry, other changes add one). With a query the order is by
 * relevance unless the reader chose otherwise; without one, newest first.
 */

import { type FacetCounts, unitOffered } from "../core/search/facet-table.ts";
import { engineQuery } from "../core/search/fold.ts";
import { RECORD_URL_META } from "../core/search/index-page.ts";
import { adjacentFirst, excerpt, rerank } from "../core/search/rank.ts";
import { defaultSort, type SearchFilter, type SearchState, searchFromState, stateFromSearch } from "../core/search/state.ts";
import { type Found, openShards, type PagefindData, type ShardedSearch } from "./pagefind-shards.ts";
import { attachSearchExport } from "./search-export.ts";

/** By relevance, the first page is chosen from this many of the engine's first results (see adjacentFirst). */
const CANDIDATES = 30;
const PAGE = 10;
const TYPING_DELAY_MS = 200;
/** The filters whose options carry a period's window (`data-start`, `data-end`). */
const PERIOD_FILTERS: ReadonlySet<string> = new Set<SearchFilter>(["thang", "quy", "nam"]);

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
  // Until the reader picks an order, it follows the query (see defaultSort); an address that names one keeps it.
  let sortFollowsQuery = !new URLSearchParams(location.search).has("sap-xep");

  function readForm(): SearchState {
    const filters: SearchState["filters"] = {};
    for (const control of controls) {
      const key = control.dataset.filter as SearchFilter;
      const chosen = control instanceof HTMLSelectElement ? control.value : control.checked ? control.value : "";
      if (chosen) filters[key] = [...(filters[key] ?? []), chosen];
    }
    const query = queryInput.value.normalize("NFC");
    if (sortFollowsQuery) sortSelect.value = defaultSort(query);
    return { query, sort: sortSelect.value === "lien-quan" ? "lien-quan" : "ngay", filters };
  }

  function fillForm(state: SearchState): void {
    queryInput.value = state.query;
    sortSelect.value = state.sort;
    for (const control of controls) {
      const values = state.filters[control.dataset.filter as SearchFilter] ?? [];
      if (control instanceof HTMLSelectElement) control.value = values[0] ?? "";
      else control.checked = values.includes(control.value);
    }
    offerUnits();
  }

  /**
   * The unit menu offers only the units that existed in every chosen period, as the report
   * pages list them (a unit that had ended is not offered for a month after its end); the
   * chosen unit stays offered, so that the reader sees what they chose.
   */
  function offerUnits(): void {
    const periods = controls.flatMap((control) => {
      const option = control instanceof HTMLSelectElement && PERIOD_FILTERS.has(control.dataset.filter ?? "") ? control.selectedOptions[0] : undefined;
      return option?.dataset.start && option.dataset.end ? [{ start: option.dataset.start, end: option.dataset.end }] : [];
    });
    for (const control of controls) {
      if (!(control instanceof HTMLSelectElement) || control.dataset.filter !== "don_vi") continue;
      for (const option of control.options) {
        if (!option.value) continue;
        const offered = option.value === control.value || unitOffered({ from: option.dataset.from, to: option.dataset.to }, periods);
        option.hidden = !offered;
        option.disabled = !offered;
      }
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
    // The record's own address (with its anchor) travels as meta: the indexed page's address is a scratch file's.
    const own = data.meta[RECORD_URL_META];
    link.href = own ? `${base}${own}` : data.url;
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
    const found = await search(currentQuery ? engineQuery(currentQuery) : null, { chosen: state.filters, ...(sort ? { sort } : {}) }, showNewest);
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
    offerUnits();
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
  sortSelect.addEventListener("change", () => {
    sortFollowsQuery = false;
    update(true);
  });
  for (const control of controls) control.addEventListener("change", () => update(true));
  more.addEventListener("click", () => void showMore());
  window.addEventListener("popstate", () => {
    sortFollowsQuery = !new URLSearchParams(location.search).has("sap-xep");
    const state = stateFromSearch(location.search);
    fillForm(state);
    runShowingFailure(state);
  });

  // "Tải CSV" / "Tải Excel": every match of the search shown now.
  attachSearchExport(() => shown, status, base);
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
