/**
 * "Tải CSV" and "Tải Excel" on the search page: every match of the current
 * query and filters (not only the page shown), fetched from the index a few at a
 * time and saved as a file in the browser. The Excel writer (exceljs, about
 * 930 kB minified, 260 kB gzipped) is loaded only when someone asks for Excel.
 */
import { type DataTable, tableCsv } from "../core/documents/data-tables.ts";
import { type SearchResultData, searchResultsTable } from "../core/documents/search-table.ts";
import { RECORD_URL_META } from "../core/search/index-page.ts";
import { saveDownload } from "./save-download.ts";

/** Fragments fetched at once: enough to keep the connection busy, few enough not to flood it. */
const PARALLEL = 16;

export type ResultLoader = () => Promise<SearchResultData>;

/** Every result's data, in order, `PARALLEL` at a time; `progress` hears how many are in. */
export async function loadAll(loaders: readonly ResultLoader[], progress: (done: number) => void = () => {}): Promise<SearchResultData[]> {
  const out: SearchResultData[] = new Array(loaders.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < loaders.length) {
      const index = next++;
      out[index] = await (loaders[index] as ResultLoader)();
      done++;
      if (done % 100 === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, loaders.length) }, worker));
  progress(done);
  return out;
}

const save = (bytes: BlobPart, type: string, name: string): void => saveDownload(new Blob([bytes], { type }), name);

export async function exportTable(table: DataTable, format: "csv" | "xlsx", name: string): Promise<void> {
  if (format === "csv") {
    save(tableCsv(table), "text/csv;charset=utf-8", `${name}.csv`);
    return;
  }
  const { tablesXlsx } = await import("../adapters/xlsx-tables.ts");
  save(await tablesXlsx([table]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${name}.xlsx`);
}

/**
 * Wires the page's two buttons (`#tai-csv-tim-kiem`, `#tai-excel-tim-kiem`) to
 * the results of the search shown now; `status` tells the reader how far it got.
 */
export function attachSearchExport(current: () => readonly ResultLoader[], status: HTMLElement, base: string): void {
  const buttons = [
    [document.getElementById("tai-csv-tim-kiem"), "csv"],
    [document.getElementById("tai-excel-tim-kiem"), "xlsx"],
  ] as const;
  for (const [button, format] of buttons) {
    if (!(button instanceof HTMLButtonElement)) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const loaders = current();
      if (loaders.length === 0) {
        status.textContent = "Chưa có kết quả nào để tải.";
        return;
      }
      for (const [other] of buttons) if (other instanceof HTMLButtonElement) other.disabled = true;
      try {
        const results = await loadAll(loaders, (done) => {
          status.textContent = `Đang chuẩn bị tệp: ${done.toLocaleString("vi-VN")}/${loaders.length.toLocaleString("vi-VN")} kết quả…`;
        });
        const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
        await exportTable(searchResultsTable(results, `${location.origin}${base}`, RECORD_URL_META), format, `ket-qua-tim-kiem-${day}`);
        status.textContent = `Đã tải ${results.length.toLocaleString("vi-VN")} kết quả (${format === "csv" ? "CSV" : "Excel"}).`;
      } catch {
        status.textContent = "Không tải được kết quả: một phần chỉ mục tìm kiếm không đọc được. Hãy tải lại trang rồi thử lại.";
      } finally {
        for (const [other] of buttons) if (other instanceof HTMLButtonElement) other.disabled = false;
      }
    });
  }
}
