/**
 * Which document an id names, as `dan-y report docx` and the site's downloads
 * take it: `<period>/<unit>/<organisation>` is that body's report (its file, or
 * the draft the system would write when there is none yet); `<period>/<unit>`
 * is the unit's consolidated report, as on its site page.
 */
import { type Period, parsePeriod, periodPhrase } from "../calendar/periods.ts";
import type { ContentModel, ReportEntry } from "../content/content-model.ts";
import { type Consolidation, consolidate, observationsByUnit } from "../reports/aggregate.ts";
import { draftReport } from "../reports/report-draft.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { consolidationDocument, type ReportDocument, reportDocument } from "./report-document.ts";

export type DocumentKind = "report" | "draft" | "consolidation";

export type DocumentResult = { ok: true; kind: DocumentKind; document: ReportDocument; fileName: string } | { ok: false; message: string };

const USAGE_HINT = "Mã báo cáo có dạng <kỳ>/<mã-đơn-vị>/<mã-tổ-chức> (ví dụ 2026-11/xa-ky-hoa/mttq) hoặc <kỳ>/<mã-đơn-vị> cho báo cáo tổng hợp của đơn vị";

const consolidated = (model: ContentModel, tree: UnitTree, unit: string, period: Period, today: string) =>
  consolidate(model, tree, observationsByUnit(model), unit, period, today, periodPhrase);

/** A document and the name it is saved under. */
export interface NamedDocument {
  document: ReportDocument;
  fileName: string;
}

const reportFileName = (period: string, unit: string, organisation: string) => `bao-cao-${period}-${unit}-${organisation}.docx`;

/** The name a unit's consolidated report for a period is saved under. */
export const consolidationFileName = (period: string, unit: string): string => `bao-cao-tong-hop-${period}-${unit}.docx`;

/** A unit's consolidated report for a period, from its consolidation. */
export function consolidationDocumentOf(model: ContentModel, unit: string, period: Period, result: Consolidation, today: string): NamedDocument {
  return { document: consolidationDocument(model, unit, period, result, today), fileName: consolidationFileName(period.id, unit) };
}

/** A body's report file as a document, with the figures of its unit's consolidation of the same period. */
export function reportFileDocumentOf(model: ContentModel, report: ReportEntry, result: Consolidation | undefined): NamedDocument {
  return {
    document: reportDocument(model, { data: report, body: report.body ?? "" }, result),
    fileName: reportFileName(report.path.period, report.path.unit, report.path.organisation),
  };
}

export interface DocumentOptions {
  /** Who a draft is written in the name of (the workspace: the person asking); else the body's first focal point. */
  author?: string | undefined;
  /** The named report's Markdown body, when the model holds none (a lean model reads it from the file). */
  reportBody?: string | undefined;
}

/** The document an id names; `today` dates drafts and consolidated reports. */
export function documentFor(model: ContentModel, tree: UnitTree, id: string, today: string, options: DocumentOptions = {}): DocumentResult {
  const parts = id.replace(/\.docx$/, "").split("/");
  const [periodText, unit, organisation] = parts as [string, string | undefined, string | undefined];
  const period = parsePeriod(periodText);
  if (!period || !unit || parts.length > 3) return { ok: false, message: `"${id}" không phải mã báo cáo. ${USAGE_HINT}` };
  if (!model.units.has(unit)) return { ok: false, message: `Không có đơn vị "${unit}" trong units/` };
  if (organisation === undefined) {
    const result = consolidated(model, tree, unit, period, today);
    if (!result) return { ok: false, message: `Kỳ "${periodText}" không có trong lịch báo cáo (schedule.yaml)` };
    return { ok: true, kind: "consolidation", ...consolidationDocumentOf(model, unit, period, result, today) };
  }
  const fileName = reportFileName(period.id, unit, organisation);
  const report = model.reports.get(`${period.id}/${unit}/${organisation}`);
  if (report) {
    const source = options.reportBody === undefined ? report : { ...report, body: options.reportBody };
    return { ok: true, kind: "report", ...reportFileDocumentOf(model, source, consolidated(model, tree, unit, period, today)) };
  }
  const writer = options.author ?? model.bodies.get(`${unit}/${organisation}`)?.focal_points[0]?.id;
  if (!writer)
    return {
      ok: false,
      message: `Chưa có báo cáo ${period.id}/${unit}/${organisation} và chưa khai báo đầu mối của ${unit}/${organisation} trong bodies/ để lập bản nháp`,
    };
  const draft = draftReport(model, tree, { unit, organisation, period: period.id, author: writer, submittedOn: today });
  if (!draft.ok) return { ok: false, message: draft.message };
  const body = draft.text.replace(/^---\n[\s\S]*?\n---\n/, "");
  return { ok: true, kind: "draft", document: reportDocument(model, { data: draft.data, body }, consolidated(model, tree, unit, period, today)), fileName };
}
