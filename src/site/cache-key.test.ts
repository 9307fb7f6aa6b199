import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, toContentFiles } from "../test-support/content-fixtures.ts";
import { keptView, stableJson, viewKey } from "./cache-key.ts";
import type { SiteData } from "./data.ts";

function site(tree: Record<string, string>, today = "2026-11-27"): SiteData {
  const { model } = loadContent(toContentFiles(tree), { keepBodies: true });
  return { model, tree: buildUnitTree(model), today, provenance: new Map() };
}

describe("page cache keys", () => {
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

  it("change with the view, the shared data and the date, and hand the view over to the page once", () => {
    const data = site(minimalContent());
    const key = viewKey(data, () => ({ n: 1 }));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(viewKey(data, () => ({ n: 1 }))).toBe(key);
    expect(viewKey(data, () => ({ n: 2 }))).not.toBe(key);
    expect(viewKey(site(minimalContent(), "2026-11-28"), () => ({ n: 1 }))).not.toBe(key);
    const renamed = { ...minimalContent(), "units/xa-ky-hoa.yaml": "name: Xã Kỳ Hoa Mới\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n" };
    expect(viewKey(site(renamed), () => ({ n: 1 }))).not.toBe(key);
    viewKey(data, () => ({ n: 3 }), "trang");
    expect(keptView("trang", () => ({ n: 0 }))).toEqual({ n: 3 });
    expect(keptView("trang", () => ({ n: 0 }))).toEqual({ n: 0 });
  });
});
