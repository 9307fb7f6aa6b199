/**
 * Search results as a data table for "Tải CSV" / "Tải Excel" on the search page:
 * every match of the current query and filters, with what the result list shows
 * of it (the index holds only what the site may show: a restricted observation
 * has its title and labels, never its text, location or notes).
 */
import type { DataTable } from "./data-tables.ts";

/** What a search result carries (Pagefind's fragment data). */
export interface SearchResultData {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
}

const isoOf = (vietnamese: string | undefined): string | null => {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(vietnamese ?? "");
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
};

/** How much of an item's text a row carries: a long excerpt, as the result list shows an excerpt (whole texts made a 10k-row workbook cost 300 MB to write). */
export const TEXT_LIMIT = 500;

/** The text after the title line (the index puts the title first), cut at a word within the limit. */
const detailOf = (data: SearchResultData): string => {
  const lines = data.content.split("\n");
  const title = data.meta.title ?? "";
  const text = (lines[0]?.replace(/\.$/, "") === title ? lines.slice(1) : lines).join(" ").replace(/\s+/g, " ").trim();
  if (text.length <= TEXT_LIMIT) return text;
  const cut = text.slice(0, TEXT_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), TEXT_LIMIT - 50))}…`;
};

export function searchResultsTable(results: readonly SearchResultData[], origin: string, urlMeta: string): DataTable {
  return {
    id: "ket-qua-tim-kiem",
    title: "Kết quả tìm kiếm",
    sheet: "Kết quả tìm kiếm",
    columns: [
      { header: "Ngày", kind: "date" },
      { header: "Loại", kind: "text" },
      { header: "Tiêu đề", kind: "text" },
      { header: "Đơn vị", kind: "text" },
      { header: "Tổ chức", kind: "text" },
      { header: "Lĩnh vực", kind: "text" },
      { header: "Mức độ", kind: "text" },
      { header: "Trạng thái", kind: "text" },
      { header: "Nội dung", kind: "text" },
      { header: "Địa chỉ trên trang", kind: "text" },
    ],
    rows: results.map((data) => [
      isoOf(data.meta.ngay),
      data.meta.loai ?? null,
      data.meta.title ?? null,
      data.meta.don_vi ?? null,
      data.meta.to_chuc ?? null,
      data.meta.linh_vuc ?? null,
      data.meta.muc_do ?? null,
      data.meta.trang_thai ?? null,
      data.meta.han_che ?? (detailOf(data) || null),
      `${origin}${data.meta[urlMeta] ?? data.url}`,
    ]),
  };
}
