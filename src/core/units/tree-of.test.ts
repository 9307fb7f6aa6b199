/** The unit tree is built once per units map: copies of a model (a submission's, a check's) share it; other units get their own. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { loadContent } from "../content/load-content.ts";
import { treeOf } from "./jurisdiction.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "..", "content");

describe("treeOf", () => {
  const { model } = loadContent(readContentFiles(CONTENT, listContentPaths(CONTENT, ["observations", "reports"])));
  const [unit] = [...model.units.values()].filter((candidate) => candidate.parent);

  it("is shared by copies of a model with the same units and answers the same", () => {
    if (!unit) throw new Error("the demo has no unit with a parent");
    const copy = { ...model, observations: new Map() };
    expect(treeOf(copy)).toBe(treeOf(model));
    expect(treeOf(copy).ancestors(unit.id)).toContain(unit.parent);
  });

  it("is built again for another units map (a submitted unit file changes the tree)", () => {
    if (!unit) throw new Error("the demo has no unit with a parent");
    const units = new Map(model.units);
    units.set(unit.id, { ...unit, parent: undefined });
    const changed = { ...model, units };
    expect(treeOf(changed)).not.toBe(treeOf(model));
    expect(treeOf(changed).ancestors(unit.id)).toEqual([]);
    expect(treeOf(model).ancestors(unit.id)).toContain(unit.parent);
  });
});
