/** A body's reporting calendar (src/core/reports/calendar-feed.ts), one static `.ics` file per body, built with the site. */
import type { APIRoute, GetStaticPaths } from "astro";
import { calendarDeadlines, calendarText } from "../../../core/reports/calendar-feed.ts";
import { requestDeadlinesFor } from "../../../core/reports/requests.ts";
import { siteData } from "../../../site/data.ts";

export const getStaticPaths: GetStaticPaths = async () => {
  const { model, tree, today } = await siteData();
  return [...model.bodies.keys()]
    .map((key) => key.split("/") as [string, string])
    .filter(([unit, organisation]) => calendarDeadlines(model, unit, organisation, today, requestDeadlinesFor(model, tree, unit, organisation)).length > 0)
    .map(([unit, organisation]) => ({ params: { unit, organisation } }));
};

export const GET: APIRoute = async ({ params }) => {
  const { model, tree, today } = await siteData();
  const unit = params.unit as string;
  const organisation = params.organisation as string;
  const deadlines = calendarDeadlines(model, unit, organisation, today, requestDeadlinesFor(model, tree, unit, organisation));
  return new Response(calendarText(model, unit, organisation, deadlines, today), { headers: { "Content-Type": "text/calendar; charset=utf-8" } });
};
