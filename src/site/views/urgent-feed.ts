/**
 * The Atom feed of urgent observations (`/khan.xml`): the items whose urgency level
 * is marked `urgent` in `content/urgencies.yaml`, newest first, labelled from that
 * list; restricted ones by title only; then the hot spots of the last three months.
 */

import type { ContentModel } from "../../core/content/content-model.ts";
import { isUrgent, urgencyLabel, urgentLevelsPhrase } from "../../core/content/labels.ts";
import { hotspotFeedEntries } from "../../core/reports/hotspots-view.ts";
import { escapeHtml } from "../../core/site/escape-html.ts";
import { observationHref } from "../../core/site/links.ts";
import { shownDetails } from "../../core/site/visibility.ts";
import type { UnitTree } from "../../core/units/unit-tree.ts";
import { unitName } from "./common.ts";

/** How many observations the feed lists at most. */
export const FEED_LIMIT = 100;

/**
 * The feed's XML. `linkBase` is the site's origin and base path (`https://host/base`);
 * without a configured site address it is the base path alone, and links stay
 * relative to the feed's own address, as Atom allows.
 */
export function urgentFeed(model: ContentModel, tree: UnitTree, linkBase: string): string {
  const urgent = [...model.observations.values()]
    .filter((entry) => isUrgent(model, entry.urgency))
    .sort((a, b) => b.observed_on.localeCompare(a.observed_on) || a.id.localeCompare(b.id))
    .slice(0, FEED_LIMIT);
  const hotspots = hotspotFeedEntries(model, tree, linkBase);
  const updated = [`${urgent[0]?.recorded_on ?? "2025-01-01"}T00:00:00+07:00`, ...hotspots.map((entry) => entry.updated)].sort().at(-1);
  const entries = urgent.map((entry) => {
    const label = urgencyLabel(model, entry.urgency);
    const link = `${linkBase}${observationHref(entry)}`;
    const summary = shownDetails(entry).restricted ? "Thông tin hạn chế: chỉ hiển thị tiêu đề." : `${label} — ${unitName(model, entry.unit)}`;
    return `  <entry>
    <id>${escapeHtml(link)}</id>
    <title>${escapeHtml(`[${label}] ${entry.title}`)}</title>
    <link href="${escapeHtml(link)}"/>
    <updated>${entry.recorded_on}T00:00:00+07:00</updated>
    <summary>${escapeHtml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <id>${escapeHtml(`${linkBase}/khan.xml`)}</id>
  <title>${escapeHtml(`Dân ý — thông tin ${urgentLevelsPhrase(model)}`)}</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escapeHtml(`${linkBase}/khan.xml`)}"/>
${[...entries, ...hotspots.map((entry) => entry.xml)].join("\n")}
</feed>
`;
}
