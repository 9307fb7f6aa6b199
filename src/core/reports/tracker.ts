/**
 * The follow-up tracker's data, shared by the page built at publish time and the
 * browser script that narrows it: every forwarded item as a compact row (its
 * unit, organisation, authority, the period it was forwarded in and where it
 * stands), and the answer and resolution rates per authority and period that
 * both compute from those rows with the same function.
 */

/** Where a forwarded item stands today: waiting for an answer, answered, resolved. */
export const STAGE = { waiting: 0, answered: 1, resolved: 2 } as const;
export type Stage = (typeof STAGE)[keyof typeof STAGE];

/** `[unit index, organisation index, authority index, period index (-1: before the periods shown), stage]`. */
export type TrackedItem = [number, number, number, number, Stage];

export interface TrackerData {
  /** Unit ids; an item's unit and the units covering it are indexes into this list. */
  units: string[];
  /** Per unit index: the indexes of the units whose subtree holds it (itself, ancestors, successors). */
  covering: number[][];
  organisations: string[];
  authorities: string[];
  /** Period labels, oldest first. */
  periods: string[];
  items: TrackedItem[];
}

export interface Narrowing {
  unit?: string | undefined;
  organisation?: string | undefined;
  authority?: string | undefined;
}

/** The items the narrowing keeps: a unit keeps its whole subtree (former units included). */
export function narrowItems(data: TrackerData, narrowing: Narrowing): TrackedItem[] {
  const unit = narrowing.unit ? data.units.indexOf(narrowing.unit) : -1;
  const organisation = narrowing.organisation ? data.organisations.indexOf(narrowing.organisation) : -1;
  const authority = narrowing.authority ? data.authorities.indexOf(narrowing.authority) : -1;
  if ((narrowing.unit && unit < 0) || (narrowing.organisation && organisation < 0) || (narrowing.authority && authority < 0)) return [];
  return data.items.filter(
    ([itemUnit, itemOrganisation, itemAuthority]) =>
      (unit < 0 || (data.covering[itemUnit] ?? []).includes(unit)) &&
      (organisation < 0 || itemOrganisation === organisation) &&
      (authority < 0 || itemAuthority === authority),
  );
}

export interface RateCell {
  forwarded: number;
  answered: number;
  resolved: number;
}

export interface AuthorityRates {
  authority: string;
  forwarded: number;
  /** One cell per period, oldest first. */
  cells: RateCell[];
}

/** Per authority (most forwarded first) and per period it was forwarded in: how many were answered and resolved since. */
export function ratesOverTime(data: TrackerData, items: readonly TrackedItem[]): AuthorityRates[] {
  const rows = new Map<number, AuthorityRates>();
  for (const [, , authority, period, stage] of items) {
    let row = rows.get(authority);
    if (!row) {
      row = { authority: data.authorities[authority] ?? "", forwarded: 0, cells: data.periods.map(() => ({ forwarded: 0, answered: 0, resolved: 0 })) };
      rows.set(authority, row);
    }
    row.forwarded++;
    const cell = row.cells[period];
    if (!cell) continue;
    cell.forwarded++;
    if (stage !== STAGE.waiting) cell.answered++;
    if (stage === STAGE.resolved) cell.resolved++;
  }
  return [...rows.values()].sort((a, b) => b.forwarded - a.forwarded || a.authority.localeCompare(b.authority, "vi"));
}

/** A cell as the table shows it: `80% · 50% (10)`, or a dash when nothing was forwarded then. */
export function rateCellText(cell: RateCell): string {
  if (cell.forwarded === 0) return "—";
  const percent = (part: number) => `${Math.round((100 * part) / cell.forwarded)}%`;
  return `${percent(cell.answered)} · ${percent(cell.resolved)} (${cell.forwarded})`;
}
