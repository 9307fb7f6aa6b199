/** The content model of `CONTENT_DIR` with bodies, loaded once per process for the collections and the pages alike. */
import { contentDir, listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";

let loaded: ContentModel | undefined;

export function loadSiteModel(): ContentModel {
  if (!loaded) {
    const directory = contentDir();
    loaded = loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model;
  }
  return loaded;
}
