/**
 * Builds unit records from the administrative lists (before and after the
 * 1 July 2025 reform): the former tree closes on 30 June 2025, each former
 * commune pointing at the new communes it passed into.
 */
import type { Unit } from "../../../schemas/unit.ts";
import { slugify } from "./slugify.ts";

export interface AdminBefore {
  province: { code: string; name: string; districts: { code: string; name: string; communes: { code: string; name: string }[] }[] };
}

export interface AdminAfter {
  province: { code: string; name: string; communes: { code: string; name: string; merged_from?: string[] }[] };
}

export const REFORM_DAY = "2025-07-01";
export const LAST_DAY_BEFORE_REFORM = "2025-06-30";

export function importUnits(before: AdminBefore, after: AdminAfter): Unit[] {
  const provinceId = slugify(after.province.name.replace(/^(Tỉnh|Thành phố)\s+/, ""));
  const units: Unit[] = [{ id: provinceId, name: after.province.name, level: "tinh", code: after.province.code }];
  const newIds = new Set<string>();
  const successorsOf = new Map<string, string[]>();
  for (const commune of after.province.communes) {
    const id = slugify(commune.name);
    newIds.add(id);
    units.push({ id, name: commune.name, level: "xa", parent: provinceId, code: commune.code, valid_from: REFORM_DAY });
    for (const former of commune.merged_from ?? []) successorsOf.set(former, [...(successorsOf.get(former) ?? []), id]);
  }
  // Former units whose name a current unit reuses get "-cu" (cũ, former).
  const formerId = (name: string) => (newIds.has(slugify(name)) ? `${slugify(name)}-cu` : slugify(name));
  for (const district of before.province.districts) {
    const districtId = formerId(district.name);
    units.push({ id: districtId, name: district.name, level: "huyen", parent: provinceId, code: district.code, valid_to: LAST_DAY_BEFORE_REFORM });
    for (const commune of district.communes) {
      const successors = successorsOf.get(commune.name);
      units.push({
        id: formerId(commune.name),
        name: commune.name,
        level: "xa",
        parent: districtId,
        code: commune.code,
        valid_to: LAST_DAY_BEFORE_REFORM,
        ...(successors ? { merged_into: successors } : {}),
      });
    }
  }
  return units;
}
