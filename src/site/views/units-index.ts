/** The unit tree page: each root, its units (current first, then those that ended) and their sub-units. */
import type { UnitEntry } from "../../core/content/content-model.ts";
import { collator, type ViewContext } from "./common.ts";

export interface UnitNode {
  unit: UnitEntry;
  ended: boolean;
  children: UnitNode[];
}

export function unitsIndexView(context: ViewContext, depth = 2): UnitNode[] {
  const { model, tree } = context;
  const node = (unit: UnitEntry, level: number): UnitNode => ({
    unit,
    ended: Boolean(unit.valid_to),
    children:
      level >= depth
        ? []
        : tree
            .children(unit.id)
            .map((id) => model.units.get(id))
            .filter((child): child is UnitEntry => child !== undefined)
            .sort((a, b) => Number(Boolean(a.valid_to)) - Number(Boolean(b.valid_to)) || collator.compare(a.name, b.name))
            .map((child) => node(child, level + 1)),
  });
  return [...model.units.values()].filter((unit) => !unit.parent).map((root) => node(root, 0));
}
