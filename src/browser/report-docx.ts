/**
 * "Tải Word" on the consolidated report pages: each button's page carries its
 * document as JSON (Downloads.astro), and a click builds the .docx here with the
 * same code as `dan-y report docx` (src/adapters/docx-report.ts) and saves it
 * under the same file name. The Word writer (the `docx` library, a few hundred kB)
 * is loaded from the site itself only on the first click, so reading a page costs
 * nothing extra and publishing makes no Word file at all. A document the page carries
 * undated (the consolidated report) is dated the reader's day in Vietnam, as the
 * command line dates it, when it is made.
 */
import { todayInVietnam } from "../core/calendar/dates.ts";
import type { ReportDocument, UndatedReportDocument } from "../core/documents/report-document.ts";
import { saveDownload } from "./save-download.ts";

/** The button's data: the id of its JSON block, the file name, and the id the command line takes (for the failure message). */
export const BUTTON_SELECTOR = "button[data-word-document]";

/** The document in the page's JSON block `id`, dated or not; throws when the page holds none (a page saved incompletely, say). */
export function pageDocument(id: string): ReportDocument | UndatedReportDocument {
  const source = document.getElementById(id);
  if (!source?.textContent) throw new Error(`Trang không có dữ liệu văn bản "${id}"`);
  return JSON.parse(source.textContent) as ReportDocument | UndatedReportDocument;
}

async function download(button: HTMLButtonElement, status: HTMLElement | null): Promise<void> {
  const { wordDocument = "", wordFile = "bao-cao.docx", wordId = "" } = button.dataset;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  if (status) status.textContent = "Đang tạo tệp Word…";
  try {
    const carried = pageDocument(wordDocument);
    // Loaded with the Word writer, on the first click only (the page's own script stays small).
    const [{ reportDocxBlob }, { datedDocument }] = await Promise.all([import("../adapters/docx-report.ts"), import("../core/documents/report-document.ts")]);
    const report = "placeDate" in carried ? carried : datedDocument(carried, todayInVietnam());
    saveDownload(await reportDocxBlob(report), wordFile);
    if (status) status.textContent = `Đã tạo tệp ${wordFile}.`;
  } catch (error) {
    // Said in Vietnamese, with what to do next; the technical cause goes to the console for whoever helps.
    console.warn("Tải Word:", error);
    if (status)
      status.textContent = `Không tạo được tệp Word. Hãy tải lại trang rồi bấm lại; nếu vẫn không được, người quản trị có thể lập văn bản bằng lệnh: npx dan-y report docx ${wordId}`;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Shows and wires every "Tải Word" button of the page (hidden until then: without this script they could do nothing). */
export function attachReportDocx(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>(BUTTON_SELECTOR)) {
    const status = button.parentElement?.querySelector<HTMLElement>("[data-word-status]") ?? null;
    button.hidden = false;
    button.addEventListener("click", () => {
      if (!button.disabled) void download(button, status);
    });
  }
}
