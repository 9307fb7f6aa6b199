/**
 * Which pages a build renders. A full build renders every page. An incremental
 * publish (src/adapters/publish.ts) names the page keys of the published site it
 * builds on (`DAN_Y_PREVIOUS_KEYS`); a keyed route then returns from
 * `getStaticPaths` only its pages whose key is new or changed, and the publish
 * links the others' files from the published site. Astro never sees the pages
 * that did not change, so an approval costs the pages it touches, not the site.
 *
 * Every key of the build, rendered or not, is recorded here and written beside
 * the pages when the build is done (`writePageKeys`, called by the site's
 * integration), for the next publish. Routes without keys are always rendered.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Beside the pages: every keyed page's path (its folder, `bao-cao/ha-tinh/2026-11/`) and key. */
export const PAGE_KEYS_FILE = "khoa-trang.json";

export interface PageKeysFile {
  version: 1;
  pages: Record<string, string>;
}

interface Registry {
  current: Map<string, string>;
  previous: Map<string, string> | undefined;
  loaded: boolean;
}

/**
 * Shared through the global object: the pages run from Astro's bundle of this module, the
 * integration that writes the keys from its own import of it, in the same process.
 */
const REGISTRY = Symbol.for("dan-y.page-keys");

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= { current: new Map(), previous: undefined, loaded: false };
  return holder[REGISTRY];
}

/** The published site's keys when this build is incremental, else undefined (render everything). */
function previousKeys(): Map<string, string> | undefined {
  const state = registry();
  if (!state.loaded) {
    state.loaded = true;
    const file = process.env.DAN_Y_PREVIOUS_KEYS;
    if (file) {
      const read = JSON.parse(readFileSync(file, "utf8")) as PageKeysFile;
      state.previous = new Map(Object.entries(read.pages));
    }
  }
  return state.previous;
}

/**
 * The `getStaticPaths` entries to render: every one in a full build; in an incremental one,
 * those whose page is new or whose key changed. Records every entry's key.
 */
export function pagesToRender<T>(entries: readonly T[], pathOf: (entry: T) => string, keyOf: (entry: T) => string): T[] {
  const { current } = registry();
  const previous = previousKeys();
  return entries.filter((entry) => {
    const path = pathOf(entry);
    const key = keyOf(entry);
    current.set(path, key);
    return previous?.get(path) !== key;
  });
}

/** Writes every key this build recorded into `<outDir>/khoa-trang.json`. */
export function writePageKeys(outDir: string): void {
  const keys: PageKeysFile = { version: 1, pages: Object.fromEntries([...registry().current].sort(([a], [b]) => (a < b ? -1 : 1))) };
  writeFileSync(join(outDir, PAGE_KEYS_FILE), `${JSON.stringify(keys)}\n`);
}

/** The keys a published site was built with, or undefined when it has none. */
export function readPageKeys(siteDir: string): Map<string, string> | undefined {
  try {
    const read = JSON.parse(readFileSync(join(siteDir, PAGE_KEYS_FILE), "utf8")) as PageKeysFile;
    return read.version === 1 ? new Map(Object.entries(read.pages)) : undefined;
  } catch {
    return undefined;
  }
}
