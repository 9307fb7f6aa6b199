/** Navigation of the unit tree and the reporting lines between bodies. */
import type { ContentModel, UnitEntry } from "../content/content-model.ts";

export interface UnitTree {
  children(unitId: string): readonly string[];
  /** The units merged into this one (`merged_into`), each once, in the model's order. */
  predecessors(unitId: string): readonly string[];
  /** Ancestors from the parent up to the root. */
  ancestors(unitId: string): string[];
  /**
   * The unit, its descendants, and the former units whose area passed into any
   * of them (through `merged_into`), so a report after a merger still covers
   * what its predecessors saw before it.
   */
  coverage(unitId: string): ReadonlySet<string>;
  /**
   * The units whose coverage holds this one: itself, its ancestors, and for a
   * former unit its successors and their ancestors (a report of any of them
   * consolidates what this unit saw).
   */
  covering(unitId: string): ReadonlySet<string>;
  /** True when the unit existed on that day. */
  existsOn(unit: UnitEntry, date: string): boolean;
}

/** Every unit reached from `start` by following `next`, `start` included. */
function reach(start: string, next: (unitId: string) => readonly string[]): Set<string> {
  const reached = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const unit = pending.pop() as string;
    if (reached.has(unit)) continue;
    reached.add(unit);
    pending.push(...next(unit));
  }
  return reached;
}

/** `compute` for each unit once: pages and search records ask for the same units thousands of times. */
function memoised<T>(compute: (unitId: string) => T): (unitId: string) => T {
  const known = new Map<string, T>();
  return (unitId) => {
    if (!known.has(unitId)) known.set(unitId, compute(unitId));
    return known.get(unitId) as T;
  };
}

export function buildUnitTree(model: ContentModel): UnitTree {
  const children = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const unit of model.units.values()) {
    if (unit.parent) children.set(unit.parent, [...(children.get(unit.parent) ?? []), unit.id]);
    for (const successor of new Set(unit.merged_into ?? [])) {
      predecessors.set(successor, [...(predecessors.get(successor) ?? []), unit.id]);
    }
  }

  const tree: UnitTree = {
    children: (unitId) => children.get(unitId) ?? [],
    predecessors: (unitId) => predecessors.get(unitId) ?? [],
    ancestors(unitId) {
      const result: string[] = [];
      const seen = new Set([unitId]);
      let current = model.units.get(unitId)?.parent;
      while (current && !seen.has(current)) {
        result.push(current);
        seen.add(current);
        current = model.units.get(current)?.parent;
      }
      return result;
    },
    coverage: memoised((unitId) => reach(unitId, (unit) => [...(children.get(unit) ?? []), ...(predecessors.get(unit) ?? [])])),
    covering: memoised(
      (unitId) => new Set([...reach(unitId, (unit) => model.units.get(unit)?.merged_into ?? [])].flatMap((unit) => [unit, ...tree.ancestors(unit)])),
    ),
    existsOn(unit, date) {
      return (!unit.valid_from || unit.valid_from <= date) && (!unit.valid_to || date <= unit.valid_to);
    },
  };
  return tree;
}
