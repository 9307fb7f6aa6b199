/**
 * The content model of `CONTENT_DIR` with bodies, loaded once per process for the pages. In a
 * publish, the search records' process has loaded it already and leaves a snapshot named by
 * `DAN_Y_MODEL_SNAPSHOT`, which is read instead of the files (see adapters/model-snapshot.ts).
 * With `DAN_Y_CONTENT_CACHE` (an incremental publish), unchanged files' outcomes come from the
 * cache kept there (see adapters/content-cache.ts) and only changed files are parsed.
 */
import { type CachedLoad, loadContentCached } from "../adapters/content-cache.ts";
import { contentDir, listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { MODEL_SNAPSHOT_ENV, readModelSnapshot } from "../adapters/model-snapshot.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";

/** The environment variable naming the cache folder of loaded content (the site's cache), set by the publish. */
export const CONTENT_CACHE_ENV = "DAN_Y_CONTENT_CACHE";

let loaded: ContentModel | undefined;

/**
 * The whole content with bodies through the cache of `DAN_Y_CONTENT_CACHE`, with its issues and
 * paths (the publish's check reads them), or undefined when no cache is set. The cache is valid
 * for the site code named by `DAN_Y_CODE_VERSION` only.
 */
export function loadSiteContentCached(): CachedLoad | undefined {
  const cache = process.env[CONTENT_CACHE_ENV]?.trim();
  if (!cache) return undefined;
  const result = loadContentCached(contentDir(), cache, { keepBodies: true, code: process.env.DAN_Y_CODE_VERSION ?? "" });
  loaded = result.model;
  return result;
}

export function loadSiteModel(): ContentModel {
  if (!loaded) {
    const snapshot = process.env[MODEL_SNAPSHOT_ENV];
    loaded = snapshot ? readModelSnapshot(snapshot) : undefined;
  }
  if (!loaded) loaded = loadSiteContentCached()?.model;
  if (!loaded) {
    const directory = contentDir();
    loaded = loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model;
  }
  return loaded;
}
