/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`,
 * turned on by `dan-y publish` with DAN_Y_INCREMENTAL=1): a page whose key and
 * code are unchanged since the last build is copied from Astro's cache instead
 * of rendered. The key is the hash of the view the page renders (pages only
 * render their view) together with everything every page shows: the reference
 * lists, units and bodies, and the build's date. So a page is rendered again
 * exactly when what it shows changed, and a change to shared data renders all.
 */
import { createHash } from "node:crypto";
import type { ContentModel } from "../core/content/content-model.ts";
import type { SiteData } from "./data.ts";

/** Whether this build keeps and reuses pages (set by the publish step). */
export const incrementalBuild = (): boolean => process.env.DAN_Y_INCREMENTAL === "1";

/** JSON with object keys, Map entries and Set members in a fixed order, so equal views give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { "#map": [...item.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)) };
    if (item instanceof Set) return { "#set": [...item].map((member) => stableJson(member)).sort() };
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return item;
  });
}

const sharedByModel = new WeakMap<ContentModel, string>();

/** What every page may show besides its own view: the data files and the date. */
function sharedDigest(data: SiteData): string {
  let digest = sharedByModel.get(data.model);
  if (!digest) {
    // Everything but the items themselves (and where each list was read from), which pages show through their views.
    const { observations: _observations, reports: _reports, referenceSources: _sources, ...shared } = data.model;
    digest = createHash("sha256").update(stableJson(shared)).digest("hex");
    sharedByModel.set(data.model, digest);
  }
  return `${digest}:${data.today}`;
}

/** Views computed for a cache key, kept for the page that renders them (see `keptView`). */
const kept = new Map<string, unknown>();

/**
 * `{ cacheKey }` for a `getStaticPaths` entry when the build is incremental (the view is
 * computed only then), or nothing: a build without the cache computes each view once, in its page.
 * With `keep`, the view computed for the key is kept under that name for `keptView`, so the
 * page renders it instead of computing it a second time (a 10k publish computed every view twice).
 */
export function cacheKeyOf<T>(data: SiteData, view: () => T, keep?: string): { cacheKey?: string } {
  if (!incrementalBuild()) return {};
  const value = view();
  if (keep !== undefined) kept.set(keep, value);
  return { cacheKey: createHash("sha256").update(sharedDigest(data)).update(stableJson(value)).digest("hex") };
}

/** `{ cacheKey }` from a key made of the page's inputs (src/site/page-inputs.ts) when the build is incremental, or nothing. */
export function inputKeyOf(key: () => string): { cacheKey?: string } {
  return incrementalBuild() ? { cacheKey: key() } : {};
}

/** The view `cacheKeyOf` kept under `keep` (handed over once, then let go), or `view()` when none was kept. */
export function keptView<T>(keep: string, view: () => T): T {
  if (!kept.has(keep)) return view();
  const value = kept.get(keep) as T;
  kept.delete(keep);
  return value;
}
