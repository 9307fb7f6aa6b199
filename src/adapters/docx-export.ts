/**
 * `dan-y report docx <id> [--out …]`: reads the content, builds the document the
 * id names (a report, the draft of a report not written yet, or a unit's
 * consolidated report) and writes it as .docx. An existing file is kept unless
 * `force`: an exported document may have been edited and signed since.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadContent } from "../core/content/load-content.ts";
import { type DocumentKind, documentFor } from "../core/documents/report-sources.ts";
import { RefusalError } from "../core/errors.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import { reportDocxBytes } from "./docx-report.ts";

export interface DocxExportRequest {
  contentDirectory: string;
  /** `<period>/<unit>/<organisation>` or `<period>/<unit>`. */
  id: string;
  /** File or folder to write to; the current folder by default. */
  out?: string | undefined;
  today: string;
  force?: boolean;
}

export interface DocxExport {
  file: string;
  kind: DocumentKind;
  /** What the user should know (unsigned, unnumbered). */
  notes: string[];
}

export async function exportReportDocx(request: DocxExportRequest): Promise<DocxExport> {
  const directory = request.contentDirectory;
  // Bodies are not kept for the whole record (100k observations: +270 MB): only the named report's body is read, from its file.
  // Observations are held lean (no YAML text, shared ids and dates): about 210 MB less at 100k.
  const { model } = loadContent(readContentFiles(directory, listContentPaths(directory)), { compact: true });
  const report = model.reports.get(request.id.replace(/\.docx$/, ""));
  if (report) report.body = readFileSync(join(directory, "reports", `${report.id}.md`), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
  const result = documentFor(model, buildUnitTree(model), request.id, request.today);
  if (!result.ok) throw new RefusalError(result.message);
  const target = request.out ? resolve(request.out) : resolve(result.fileName);
  const file = request.out && (request.out.endsWith("/") || (existsSync(target) && !target.endsWith(".docx"))) ? join(target, result.fileName) : target;
  if (existsSync(file) && !request.force) throw new RefusalError(`Tệp ${file} đã có (có thể đã được sửa, ký): chọn --out khác hoặc thêm --force để ghi đè`);
  const bytes = await reportDocxBytes(result.document);
  // Written beside the target, then renamed: a crash never leaves half a document under the final name.
  const partial = join(dirname(file), `.${Date.now()}-${process.pid}.docx.partial`);
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  const notes: string[] = [];
  if (result.kind === "draft") notes.push("Chưa có tệp báo cáo này: văn bản được lập từ bản nháp hệ thống tổng hợp.");
  if (result.document.signature.name === "") notes.push("Chưa khai báo người ký (signer) trong bodies/ hoặc báo cáo: để trống tên người ký.");
  if (/Số:\s+\//u.test(result.document.number)) notes.push("Báo cáo chưa có số (number): để trống số để văn thư điền khi ký.");
  return { file, kind: result.kind, notes };
}
