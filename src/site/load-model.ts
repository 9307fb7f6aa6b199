/**
 * The content model of `CONTENT_DIR` with bodies, loaded once per process for the pages. In a
 * publish, the search records' process has loaded it already and leaves a snapshot named by
 * `DAN_Y_MODEL_SNAPSHOT`, which is read instead of the files (see adapters/model-snapshot.ts).
 */
import { contentDir, listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { MODEL_SNAPSHOT_ENV, readModelSnapshot } from "../adapters/model-snapshot.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";

let loaded: ContentModel | undefined;

export function loadSiteModel(): ContentModel {
  if (!loaded) {
    const snapshot = process.env[MODEL_SNAPSHOT_ENV];
    loaded = snapshot ? readModelSnapshot(snapshot) : undefined;
  }
  if (!loaded) {
    const directory = contentDir();
    loaded = loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model;
  }
  return loaded;
}
