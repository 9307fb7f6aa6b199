/** Atom feed of urgent observations (đột xuất, khẩn), newest first; restricted ones by title only; then the hot spots of the last three months. */
import type { APIRoute } from "astro";
import { URGENCIES } from "../../schemas/observation.ts";
import { hotspotFeedEntries } from "../core/reports/hotspots-view.ts";
import { escapeHtml } from "../core/site/escape-html.ts";
import { observationHref } from "../core/site/links.ts";
import { shownDetails } from "../core/site/visibility.ts";
import { basePath, siteData } from "../site/data.ts";

export const GET: APIRoute = async ({ site }) => {
  const { model, tree } = await siteData();
  // Without a configured site address (DAN_Y_SITE_URL), links stay relative to the feed's own address, as Atom allows.
  const origin = site?.origin ?? "";
  const base = basePath;
  const urgent = [...model.observations.values()]
    .filter((entry) => entry.urgency !== "thuong-xuyen")
    .sort((a, b) => b.observed_on.localeCompare(a.observed_on) || a.id.localeCompare(b.id))
    .slice(0, 100);
  const hotspots = hotspotFeedEntries(model, tree, `${origin}${base}`);
  const updated = [`${urgent[0]?.recorded_on ?? "2025-01-01"}T00:00:00+07:00`, ...hotspots.map((entry) => entry.updated)].sort().at(-1);
  const entries = urgent.map((entry) => {
    const unit = model.units.get(entry.unit)?.name ?? entry.unit;
    const link = `${origin}${base}${observationHref(entry)}`;
    const summary = shownDetails(entry).restricted ? "Thông tin hạn chế: chỉ hiển thị tiêu đề." : `${URGENCIES[entry.urgency]} — ${unit}`;
    return `  <entry>
    <id>${escapeHtml(link)}</id>
    <title>${escapeHtml(`[${URGENCIES[entry.urgency]}] ${entry.title}`)}</title>
    <link href="${escapeHtml(link)}"/>
    <updated>${entry.recorded_on}T00:00:00+07:00</updated>
    <summary>${escapeHtml(summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <id>${escapeHtml(`${origin}${base}/khan.xml`)}</id>
  <title>Dân ý — thông tin đột xuất, khẩn</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escapeHtml(`${origin}${base}/khan.xml`)}"/>
${[...entries, ...hotspots.map((entry) => entry.xml)].join("\n")}
</feed>
`;
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
