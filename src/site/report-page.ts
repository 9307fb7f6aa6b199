/**
 * What a consolidated report page shows: its view, the hot spots of its period (computed beside it),
 * and the Word documents its "Tải Word" buttons build in the browser (src/browser/report-docx.ts):
 * the unit's consolidated report and each body's own report, made from the one consolidation the
 * view also shows, exactly as `dan-y report docx` makes them (report-sources.ts).
 */
import { parsePeriod, periodPhrase } from "../core/calendar/periods.ts";
import { consolidationDocumentOf, type NamedDocument, reportFileDocumentOf } from "../core/documents/report-sources.ts";
import { consolidate, observationsByUnit } from "../core/reports/aggregate.ts";
import { hotspotsForReport } from "../core/reports/hotspots-view.ts";
import { complianceOf, consolidationPages, type SiteData } from "./data.ts";
import { reportPageView } from "./views/consolidated-report.ts";

export interface ReportPageDocuments {
  consolidation: NamedDocument;
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
    consolidation: consolidationDocumentOf(model, unit, parsed, result, today),
    reports: result.own.map((report) => ({ organisation: report.organisation, ...reportFileDocumentOf(model, report, result) })),
  };
  return {
    view: reportPageView(data, unit, period, pages, (of) => complianceOf(model, of, today), result),
    hotspots: hotspotsForReport(model, tree, unit, period),
    documents,
  };
}
