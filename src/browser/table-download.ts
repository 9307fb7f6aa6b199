/**
 * "Tải Excel" and "Tải CSV" after every table of the site, made in the browser on
 * click from the tables as the page shows them at that moment: the same caption,
 * headings and cells (rows a filter hides left out, a table the page redrew read as
 * redrawn), typed back to numbers, shares and dates by the same functions
 * (`typedTable`, `tableCsv`, `tablesXlsx`) the search page's export uses. What the
 * page withholds (restricted items' details) cannot be in a file, since the file is
 * read from the page. The Excel writer (exceljs) is loaded from the site only on
 * the first Excel click; publishing writes no table file.
 */
import { tableCsv } from "../core/documents/data-tables.ts";
import { type ShownTable, typedTable } from "../core/documents/displayed-tables.ts";
import { CSV_TYPE, tableCsvName, tablesFileName, tablesXlsxName, XLSX_TYPE } from "../core/documents/downloads.ts";
import { saveDownload } from "./save-download.ts";

/** A cell's text as the reader sees it: a line break (name, then title) a space, spaces collapsed. */
function cellText(cell: Element): string {
  let text = "";
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.nodeValue ?? "";
      else if (child.nodeType === 1) {
        if ((child as Element).tagName === "BR") text += " ";
        else walk(child);
      }
    }
  };
  walk(cell);
  return text.replace(/\s+/g, " ").trim();
}

/** Row elements directly in this section, hidden ones (narrowed away by a filter) left out. */
const shownRows = (section: Element | null): Element[] =>
  section ? [...section.children].filter((row) => row.tagName === "TR" && !row.hasAttribute("hidden")) : [];

const rowCells = (row: Element): string[] => [...row.children].filter((cell) => cell.tagName === "TH" || cell.tagName === "TD").map(cellText);

/**
 * A table as the page shows it: its caption, the headings of its last header row, the cells of the
 * body rows shown. The one reading of a table into rows: the buttons' files and the tests use it.
 */
export function shownTable(table: Element): ShownTable {
  const heads = shownRows(table.querySelector(":scope > thead"));
  const bodies = [...table.children].filter((child) => child.tagName === "TBODY");
  const caption = table.querySelector(":scope > caption");
  return {
    caption: caption ? cellText(caption) : "",
    headers: heads.length > 0 ? rowCells(heads[heads.length - 1] as Element) : [],
    rows: bodies.flatMap(shownRows).map(rowCells),
  };
}

/** Every table of the page as typed data, numbered from 1 in the page's order (the CSV names follow it). */
export const pageTables = (root: ParentNode): ReturnType<typeof typedTable>[] =>
  [...root.querySelectorAll("table")].map((table, index) => typedTable(shownTable(table), index + 1));

type Format = "xlsx" | "csv";

const LABEL: Record<Format, string> = { xlsx: "Excel", csv: "CSV" };

async function download(format: Format, index: number, buttons: readonly HTMLButtonElement[], status: HTMLElement): Promise<void> {
  for (const button of buttons) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
  }
  status.textContent = `Đang tạo tệp ${LABEL[format]}…`;
  try {
    const page = tablesFileName(location.pathname, import.meta.env.BASE_URL);
    const name = format === "xlsx" ? tablesXlsxName(page) : tableCsvName(page, index);
    // Read at the click, not at load: a filter may have narrowed the rows since.
    const tables = pageTables(document);
    if (format === "csv") {
      const table = tables[index - 1];
      if (!table) throw new Error(`Trang không còn bảng ${index}`);
      saveDownload(new Blob([tableCsv(table)], { type: CSV_TYPE }), name);
    } else {
      // The Excel writer (about 930 kB) comes from the site, on the first Excel click only.
      const { tablesXlsx } = await import("../adapters/xlsx-tables.ts");
      saveDownload(new Blob([await tablesXlsx(tables)], { type: XLSX_TYPE }), name);
    }
    status.textContent = `Đã tạo tệp ${name}.`;
  } catch (error) {
    // Said in Vietnamese, with what to do next; the technical cause goes to the console for whoever helps.
    console.warn(`Tải ${LABEL[format]}:`, error);
    status.textContent =
      format === "xlsx"
        ? "Không tạo được tệp Excel. Hãy tải lại trang rồi bấm lại; nếu vẫn không được, hãy dùng Tải CSV (mở được bằng Excel)."
        : "Không tạo được tệp CSV. Hãy tải lại trang rồi bấm lại.";
  } finally {
    for (const button of buttons) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }
}

/** A button named by its text and described by its table's caption (a page has several "Tải CSV"). */
function button(text: string, caption: Element | null): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = text;
  if (caption) element.setAttribute("aria-describedby", caption.id);
  return element;
}

/**
 * Puts "Tải bảng: Tải Excel · Tải CSV" after every table of the page (the line exists only with
 * this script, which alone can make the files), each button saying how it went in a status line.
 */
export function attachTableDownloads(): void {
  const tables = [...document.querySelectorAll("table")];
  tables.forEach((table, position) => {
    const index = position + 1;
    const caption = table.querySelector(":scope > caption");
    if (caption && !caption.id) caption.id = `bang-${index}-tieu-de`;
    const line = document.createElement("p");
    line.className = "downloads";
    line.dataset.tableDownloads = String(index);
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const excel = button("Tải Excel", caption);
    const csv = button("Tải CSV", caption);
    const buttons = [excel, csv] as const;
    excel.addEventListener("click", () => void download("xlsx", index, buttons, status));
    csv.addEventListener("click", () => void download("csv", index, buttons, status));
    line.append("Tải bảng: ", excel, " · ", csv, " ", status);
    table.after(line);
  });
}
