/**
 * The state of a search (query, filters, sort) and its address: the search
 * page keeps it in the URL, so a search can be bookmarked, shared and gone back to.
 */

/** Filter keys as they appear in the index and in the search page's address, with their labels. */
export const SEARCH_FILTERS = {
  loai: "Loại",
  linh_vuc: "Lĩnh vực",
  tieu_muc: "Tiểu mục",
  don_vi: "Đơn vị",
  to_chuc: "Tổ chức",
  kenh: "Kênh",
  thang: "Tháng",
  quy: "Quý",
  nam: "Năm",
  muc_do: "Mức độ",
  trang_thai: "Trạng thái",
} as const;
export type SearchFilter = keyof typeof SEARCH_FILTERS;

export const SORTS = { ngay: "Mới nhất trước", "lien-quan": "Liên quan nhất" } as const;
export type SearchSort = keyof typeof SORTS;

/**
 * The order a search takes unless its address says otherwise: by relevance with a
 * query (people expect the best match first), newest first when browsing by
 * filters alone.
 */
export const defaultSort = (query: string): SearchSort => (query.trim() ? "lien-quan" : "ngay");

export interface SearchState {
  query: string;
  sort: SearchSort;
  filters: Partial<Record<SearchFilter, string[]>>;
}

const isFilter = (key: string): key is SearchFilter => Object.hasOwn(SEARCH_FILTERS, key);

export function stateFromSearch(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<SearchFilter, string[]>> = {};
  for (const [key, value] of params) {
    if (!isFilter(key) || value === "") continue;
    const values = filters[key] ?? [];
    filters[key] = values;
    if (!values.includes(value)) values.push(value);
  }
  const query = (params.get("q") ?? "").normalize("NFC");
  const sort = params.get("sap-xep");
  return { query, sort: sort === "lien-quan" || sort === "ngay" ? sort : defaultSort(query), filters };
}

/** The address's query string (with `?`, or empty): keys in a fixed order so equal states give equal addresses. */
export function searchFromState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set("q", state.query.trim());
  if (state.sort !== defaultSort(state.query)) params.set("sap-xep", state.sort);
  for (const key of Object.keys(SEARCH_FILTERS) as SearchFilter[]) for (const value of [...(state.filters[key] ?? [])].sort()) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
