import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { facetTable, filterAndCount, readFacetTable } from "./facet-table.ts";

const table = facetTable([
  { id: "vi_a", filters: { linh_vuc: ["dat-dai"], don_vi: ["xa-a", "tinh"], nam: ["2026"] } },
  { id: "vi_b", filters: { linh_vuc: ["moi-truong"], don_vi: ["xa-a", "tinh"], nam: ["2025"] } },
  { id: "vi_c", filters: { linh_vuc: ["dat-dai"], don_vi: ["xa-b", "tinh"], nam: ["2025"] } },
  { id: "vi_d", filters: { loai: ["bao-cao"], don_vi: ["tinh"] } },
]);
const results = ["vi_d", "vi_c", "vi_b", "vi_a"].map((id) => ({ id }));
const ids = (found: { results: { id: string }[] }) => found.results.map((result) => result.id);

describe("the facet table", () => {
  it("lists each value once and points every page at its values", () => {
    expect(table.values).toContainEqual(["don_vi", "tinh"]);
    expect(table.values.filter(([key, value]) => key === "don_vi" && value === "tinh")).toHaveLength(1);
    expect(table.pages.vi_c?.map((position) => table.values[position])).toEqual([
      ["linh_vuc", "dat-dai"],
      ["don_vi", "xa-b"],
      ["don_vi", "tinh"],
      ["nam", "2025"],
    ]);
  });
  it("is read back compressed as written, or already decompressed by the server", async () => {
    const json = Buffer.from(JSON.stringify(table));
    expect(await readFacetTable(gzipSync(json))).toEqual(table);
    expect(await readFacetTable(json)).toEqual(table);
    await expect(readFacetTable(Buffer.from('{"version":2}'))).rejects.toThrow("not a facet table");
  });
});

describe("filtering and counting the results", () => {
  it("without a choice keeps every result in order and counts every value", () => {
    const found = filterAndCount(results, table, {});
    expect(ids(found)).toEqual(["vi_d", "vi_c", "vi_b", "vi_a"]);
    expect(found.filters.don_vi).toEqual({ "xa-a": 2, tinh: 4, "xa-b": 1 });
    expect(found.filters.loai).toEqual({ "bao-cao": 1 });
  });

  it("keeps results with any chosen value of a key and every chosen key", () => {
    expect(ids(filterAndCount(results, table, { linh_vuc: ["dat-dai", "moi-truong"] }))).toEqual(["vi_c", "vi_b", "vi_a"]);
    expect(ids(filterAndCount(results, table, { linh_vuc: ["dat-dai"], nam: ["2025"] }))).toEqual(["vi_c"]);
    expect(ids(filterAndCount(results, table, { don_vi: ["tinh"], loai: ["bao-cao"] }))).toEqual(["vi_d"]);
    expect(ids(filterAndCount(results, table, { nam: ["2024"] }))).toEqual([]);
  });

  it("counts a chosen key's values as if it had no choice, under the other keys' choices", () => {
    const found = filterAndCount(results, table, { linh_vuc: ["dat-dai"], nam: ["2025"] });
    // Field counts with only the year chosen: b (môi trường) and c (đất đai) are from 2025.
    expect(found.filters.linh_vuc).toEqual({ "dat-dai": 1, "moi-truong": 1 });
    // Year counts with only the field chosen: a (2026) and c (2025) are about land.
    expect(found.filters.nam).toEqual({ "2026": 1, "2025": 1 });
    // Keys without a choice count the passing results only.
    expect(found.filters.don_vi).toEqual({ "xa-a": 0, tinh: 1, "xa-b": 1 });
  });

  it("lets a result the table does not know through only when nothing is chosen", () => {
    const unknown = [...results, { id: "vi_z" }];
    expect(ids(filterAndCount(unknown, table, {}))).toContain("vi_z");
    expect(ids(filterAndCount(unknown, table, { don_vi: ["tinh"] }))).not.toContain("vi_z");
  });
});

describe("the units of the chosen periods", () => {
  const july = { start: "2025-06-21", end: "2025-07-20" };
  const may = { start: "2025-04-21", end: "2025-05-20" };
  const district = { to: "2025-06-30" };
  const newCommune = { from: "2025-07-01" };

  it("offers every unit when no period is chosen", async () => {
    const { unitOffered } = await import("./facet-table.ts");
    expect([district, newCommune, {}].map((unit) => unitOffered(unit, []))).toEqual([true, true, true]);
  });

  it("offers, for each chosen period, the units that existed in it", async () => {
    const { unitOffered } = await import("./facet-table.ts");
    expect(unitOffered(district, [may])).toBe(true);
    expect(unitOffered(newCommune, [may])).toBe(false);
    // A period across the merger date has both.
    expect(unitOffered(district, [july])).toBe(true);
    expect(unitOffered(newCommune, [july])).toBe(true);
    expect(unitOffered(district, [{ start: "2025-07-21", end: "2025-08-20" }])).toBe(false);
    expect(unitOffered({}, [may, july])).toBe(true);
    expect(unitOffered(newCommune, [may, july])).toBe(false);
  });
});
