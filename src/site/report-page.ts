/**
 * What a consolidated report page shows: its view, the hot spots of its period (computed beside it),
 * and the Word documents its "Tải Word" buttons build in the browser (src/browser/report-docx.ts):
 * the unit's consolidated report and each body's own report, made from the one consolidation the
 * view also shows, exactly as `dan-y report docx` makes them (report-sources.ts). The consolidated
 * report is carried undated: the browser dates it the day it is made, as the command line does, so
 * the page does not change from day to day for its date (page-inputs.ts leaves the day out of its key).
 */
import { parsePeriod, periodPhrase } from "../core/calendar/periods.ts";
import { type UndatedReportDocument, undatedConsolidationDocument } from "../core/documents/report-document.ts";
import { consolidationFileName, type NamedDocument, reportFileDocumentOf } from "../core/documents/report-sources.ts";
import { consolidate, observationsByUnit } from "../core/reports/aggregate.ts";
import { hotspotsForReport } from "../core/reports/hotspots-view.ts";
import { complianceOf, consolidationPages, type SiteData } from "./data.ts";
import { reportPageView } from "./views/consolidated-report.ts";

export interface ReportPageDocuments {
  /** Dated by the browser on click (datedDocument). */
  consolidation: { document: UndatedReportDocument; fileName: string };
  /** Each own report's document with its organisation id, in the order the view lists them (`view.own`). */
  reports: (NamedDocument & { organisation: string })[];
}

export function reportPage(data: SiteData, unit: string, period: string) {
  const { model, tree, today } = data;
  const pages = consolidationPages(model, tree);
  const parsed = parsePeriod(period);
  const result = parsed && consolidate(model, tree, observationsByUnit(model), unit, parsed, today, periodPhrase);
  if (!parsed || !result) throw new Error(`no window for ${unit} ${period}`);
  const documents: ReportPageDocuments = {
    consolidation: { document: undatedConsolidationDocument(model, unit, parsed, result), fileName: consolidationFileName(parsed.id, unit) },
    reports: result.own.map((report) => ({ organisation: report.organisation, ...reportFileDocumentOf(model, report, result) })),
  };
  return {
    view: reportPageView(data, unit, period, pages, (of) => complianceOf(model, of, today), result),
    hotspots: hotspotsForReport(model, tree, unit, period),
    documents,
  };
}
