import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, toContentFiles } from "../test-support/content-fixtures.ts";
import { cacheKeyOf, stableJson } from "./cache-key.ts";
import type { SiteData } from "./data.ts";

function site(tree: Record<string, string>, today = "2026-11-27"): SiteData {
  const { model } = loadContent(toContentFiles(tree), { keepBodies: true });
  return { model, tree: buildUnitTree(model), today, provenance: new Map() };
}

describe("page cache keys", () => {
  afterEach(() => {
    delete process.env.DAN_Y_INCREMENTAL;
  });

  it("write equal values as equal text whatever the order of keys, map entries and set members", () => {
    expect(
      stableJson({
        b: 1,
        a: new Map([
          ["y", 2],
          ["x", 1],
        ]),
        s: new Set(["q", "p"]),
      }),
    ).toBe(
      stableJson({
        s: new Set(["p", "q"]),
        a: new Map([
          ["x", 1],
          ["y", 2],
        ]),
        b: 1,
      }),
    );
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });

  it("are given only to incremental builds, and change with the view, the shared data and the date", () => {
    const data = site(minimalContent());
    expect(cacheKeyOf(data, () => ({ n: 1 }))).toEqual({});
    process.env.DAN_Y_INCREMENTAL = "1";
    const key = cacheKeyOf(data, () => ({ n: 1 })).cacheKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyOf(data, () => ({ n: 1 })).cacheKey).toBe(key);
    expect(cacheKeyOf(data, () => ({ n: 2 })).cacheKey).not.toBe(key);
    expect(cacheKeyOf(site(minimalContent(), "2026-11-28"), () => ({ n: 1 })).cacheKey).not.toBe(key);
    const renamed = { ...minimalContent(), "units/xa-ky-hoa.yaml": "name: Xã Kỳ Hoa Mới\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n" };
    expect(cacheKeyOf(site(renamed), () => ({ n: 1 })).cacheKey).not.toBe(key);
  });
});
