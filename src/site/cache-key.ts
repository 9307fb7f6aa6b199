/**
 * Page keys made from a page's view, for the few pages whose inputs are most of
 * the record (a field's, a channel's, a period's compliance): the hash of the
 * view the page renders (pages only render their view) together with
 * everything every page shows: the reference lists, units and bodies, and the
 * build's date. The consolidated, unit-month and unit pages are keyed by their
 * inputs instead (page-inputs.ts); changed-pages.ts decides from the keys what
 * an incremental publish renders.
 */
import { createHash } from "node:crypto";
import type { ContentModel } from "../core/content/content-model.ts";
import type { SiteData } from "./data.ts";

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
 * The key of a page made from its view. With `keep`, the view computed for the key is kept under
 * that name for `keptView`, so the page renders it instead of computing it a second time.
 */
export function viewKey<T>(data: SiteData, view: () => T, keep?: string): string {
  const value = view();
  if (keep !== undefined) kept.set(keep, value);
  return createHash("sha256").update(sharedDigest(data)).update(stableJson(value)).digest("hex");
}

/** The view `viewKey` kept under `keep` (handed over once, then let go), or `view()` when none was kept. */
export function keptView<T>(keep: string, view: () => T): T {
  if (!kept.has(keep)) return view();
  const value = kept.get(keep) as T;
  kept.delete(keep);
  return value;
}
