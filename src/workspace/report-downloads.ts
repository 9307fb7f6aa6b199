/**
 * "Tải Word" in the workspace: the .docx of a report (or, while none is written,
 * the draft the system would write) and of a unit's consolidated report, made on
 * the server from the approved model the workspace holds, as `dan-y report docx`
 * makes it (`documentFor`, `reportDocxBytes`). Who may download what follows the
 * reporting lines (src/core/units/jurisdiction.ts): the documents of one's own
 * unit and the units below it (the area one's reports consolidate), and a draft
 * only by the body that would write that report. The documents themselves show
 * a restricted observation by its title only, as the site does.
 */
import { reportDocxBytes } from "../adapters/docx-report.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { parseMarkdown } from "../core/content/markdown-file.ts";
import { reportPath } from "../core/content/paths.ts";
import { documentFor } from "../core/documents/report-sources.ts";
import { mayWrite, type PersonInBody, treeOf } from "../core/units/jurisdiction.ts";

/** The workspace address of a document: `/ban-lam-viec/tai-ve/2026-11/xa-ky-hoa/mttq.docx` (the id `dan-y report docx` takes, then `.docx`). */
export const workspaceDocxHref = (id: string): string => `/ban-lam-viec/tai-ve/${id}.docx`;

export type DocxDownload = { ok: true; fileName: string; bytes: Uint8Array<ArrayBuffer> } | { ok: false; status: 403 | 404; message: string };

const unitName = (model: ContentModel, id: string) => model.units.get(id)?.name ?? id;

/** Why `me` may not have the document `id` names, or undefined when they may (ids that name nothing are left to `documentFor`). */
export function downloadRefusal(model: ContentModel, me: PersonInBody, id: string): string | undefined {
  const [period = "", unit = "", organisation] = id.split("/");
  if (!model.units.has(unit)) return undefined;
  if (organisation !== undefined && !model.reports.has(id)) {
    const verdict = mayWrite(me.body, reportPath(period, unit, organisation));
    return verdict.ok
      ? undefined
      : `Chưa có báo cáo ${id}: bản nháp chỉ cơ quan lập báo cáo này (${unit}/${organisation}) tải được; ${me.body.id} không lập báo cáo này.`;
  }
  if (treeOf(model).coverage(me.body.unit).has(unit)) return undefined;
  return `${me.person.name} (${me.body.id}) chỉ tải được văn bản của ${unitName(model, me.body.unit)} và các đơn vị cấp dưới; ${unitName(model, unit)} không thuộc địa bàn này.`;
}

/**
 * Why a body's report id names nothing: no such body (an unknown organisation,
 * or one the unit does not have) and no report file. A draft only its body may
 * download would otherwise be refused (403) for a body that does not exist.
 */
function missingBody(model: ContentModel, id: string): string | undefined {
  const [, unit = "", organisation] = id.split("/");
  if (organisation === undefined || !model.units.has(unit) || model.reports.has(id) || model.bodies.has(`${unit}/${organisation}`)) return undefined;
  return `Không có báo cáo ${id}: ${unitName(model, unit)} không có cơ quan "${organisation}" (không có ${unit}/${organisation} trong bodies/).`;
}

/**
 * The .docx of `id` for `me` on `today`, or why not (403 outside their area, 404 for an id that names
 * no document). `readText` reads a content file at the approved commit: the served model holds no
 * report bodies, so a written report's text is read from its file.
 */
export async function docxDownload(
  model: ContentModel,
  me: PersonInBody,
  id: string,
  today: string,
  readText: (relative: string) => Promise<string | undefined>,
): Promise<DocxDownload> {
  const missing = missingBody(model, id);
  if (missing) return { ok: false, status: 404, message: missing };
  const refusal = downloadRefusal(model, me, id);
  if (refusal) return { ok: false, status: 403, message: refusal };
  const report = model.reports.get(id);
  let reportBody: string | undefined;
  if (report && report.body === undefined) {
    const text = await readText(reportPath(report.path.period, report.path.unit, report.path.organisation));
    const parsed = text === undefined ? undefined : parseMarkdown(text);
    reportBody = parsed?.ok ? parsed.parts.body : "";
  }
  const result = documentFor(model, treeOf(model), id, today, { author: me.person.id, reportBody });
  if (!result.ok) return { ok: false, status: 404, message: result.message };
  return { ok: true, fileName: result.fileName, bytes: await reportDocxBytes(result.document) };
}
