/** What a consolidated report page shows: its view and the hot spots of its period (computed beside it). */
import { hotspotsForReport } from "../core/reports/hotspots-view.ts";
import { complianceOf, consolidationPages, type SiteData } from "./data.ts";
import { reportPageView } from "./views/consolidated-report.ts";

export function reportPage(data: SiteData, unit: string, period: string) {
  const pages = consolidationPages(data.model, data.tree);
  return {
    view: reportPageView(data, unit, period, pages, (of) => complianceOf(data.model, of, data.today)),
    hotspots: hotspotsForReport(data.model, data.tree, unit, period),
  };
}
