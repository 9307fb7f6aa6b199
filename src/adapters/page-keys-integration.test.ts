/** The site's one after-the-pages step: a site's cache loses the table workbooks earlier versions kept there, and keeps the rest. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { testdir } from "../test-support/testdir.ts";
import { pageKeys } from "./page-keys-integration.ts";

describe("the page keys integration", () => {
  it("removes the old table workbooks' cache from the site's cache, and nothing else", () => {
    const cache = testdir({ "dan-y-office/tables/0a1b": "PK…", "hotspots/2026-11.json": "{}" });
    const configDone = pageKeys().hooks["astro:config:done"] as (options: unknown) => void;
    configDone({ config: { cacheDir: pathToFileURL(`${cache}/`) } });
    expect(existsSync(join(cache, "dan-y-office"))).toBe(false);
    expect(existsSync(join(cache, "hotspots", "2026-11.json"))).toBe(true);
  });
});
