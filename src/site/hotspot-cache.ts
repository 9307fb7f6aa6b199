/**
 * Hot-spot results kept between publishes. Detection runs for every month on
 * every build (the hot-spot pages, the feed and every consolidated page's key
 * read them), and was the largest part of an incremental build's own work (3k:
 * 1.7 s of 2.3 s of page keys). A month's result depends only on the
 * observations of its window and baseline months, the units and the reference
 * data, so it is kept under a key made of exactly those (page-inputs.ts), in the
 * site's cache folder (`DAN_Y_SITE_CACHE`), with the site code's digest
 * (`DAN_Y_CODE_VERSION`): other code never reuses a result.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HotspotMonth } from "../core/reports/hotspots.ts";
import { hotspotMonthIds, hotspotsOf, rememberHotspots } from "../core/reports/hotspots-view.ts";
import type { SiteData } from "./data.ts";
import { pageKeys } from "./page-inputs.ts";

export const HOTSPOT_CACHE_FILE = "diem-nong.json";

interface CacheFile {
  version: 1;
  code: string;
  months: Record<string, { key: string; result: HotspotMonth | null }>;
}

/** JSON that gives back the very numbers written, -0, infinities and NaN included (a p-value, a ratio). */
const replacer = (_key: string, value: unknown) =>
  typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0)) ? { "#number": Object.is(value, -0) ? "-0" : String(value) } : value;
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "#number" in value
    ? Number((value as { "#number": string })["#number"])
    : value;

function readCache(file: string, code: string): CacheFile["months"] {
  try {
    const read = JSON.parse(readFileSync(file, "utf8"), reviver) as CacheFile;
    return read.version === 1 && read.code === code ? read.months : {};
  } catch {
    return {};
  }
}

/**
 * Gives the detector every month's result: those whose key is in the cache from it, the others
 * detected now; then writes the cache anew (whole, by rename). Returns how many months were reused.
 */
export function primeHotspots(data: SiteData, cacheDir: string, code: string): number {
  const { model, tree } = data;
  const months = hotspotMonthIds(model, tree);
  const keys = pageKeys(data);
  const file = join(cacheDir, HOTSPOT_CACHE_FILE);
  const known = readCache(file, code);
  const reused = new Map<string, HotspotMonth | undefined>();
  const entries: CacheFile["months"] = {};
  for (const month of months) {
    const key = keys.hotspotMonth(month, months[0]);
    const cached = known[month];
    if (cached?.key === key) reused.set(month, cached.result ?? undefined);
    entries[month] = { key, result: cached?.key === key ? cached.result : null };
  }
  rememberHotspots(model, tree, reused);
  for (const month of months) {
    if (reused.has(month)) continue;
    (entries[month] as { result: HotspotMonth | null }).result = hotspotsOf(model, tree, month) ?? null;
  }
  mkdirSync(cacheDir, { recursive: true });
  const written: CacheFile = { version: 1, code, months: entries };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(written, replacer));
  renameSync(temporary, file);
  return reused.size;
}
