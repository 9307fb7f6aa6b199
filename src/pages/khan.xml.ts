/** Atom feed of urgent observations and recent hot spots: `urgentFeed` (src/site/views/urgent-feed.ts) computes it. */
import type { APIRoute } from "astro";
import { basePath, siteData } from "../site/data.ts";
import { urgentFeed } from "../site/views/urgent-feed.ts";

export const GET: APIRoute = async ({ site }) => {
  const { model, tree } = await siteData();
  // Without a configured site address (DAN_Y_SITE_URL), links stay relative to the feed's own address, as Atom allows.
  const body = urgentFeed(model, tree, `${site?.origin ?? ""}${basePath}`);
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
