import type { FloorPlan, FloorPlanHouse, Occupancy } from '../types';

/** One row of the 楼盘表: a floor and, per unit, its houses in door-number order (null = no house there). */
export interface FloorRow {
  floor: number;
  cells: Map<number, (FloorPlanHouse | null)[]>;
}

export interface FloorGrid {
  /** Unit numbers left to right (1…units, plus any unit a house names beyond that). */
  units: number[];
  /** Columns each unit needs: the most houses it has on any one floor (at least 1). */
  columns: Map<number, number>;
  /** Floors top first; floors without houses are kept so the building reads true to height. */
  rows: FloorRow[];
}

/** Door numbers in natural order: 2 before 10, 1201 before 1202, 12A after 12. */
export function compareDoorNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'zh', { numeric: true });
}

/**
 * Lays a floor plan out as floors × units: every floor from the top floor down to the lowest
 * basement (there is no floor 0), each unit padded to the same number of columns on every floor.
 */
export function floorGrid(plan: Pick<FloorPlan, 'units' | 'floors'> & { building: Pick<FloorPlan['building'], 'floors'> }): FloorGrid {
  const byFloor = new Map<number, FloorPlanHouse[]>();
  for (const f of plan.floors) byFloor.set(f.floor, [...(byFloor.get(f.floor) ?? []), ...f.houses]);

  const unitSet = new Set<number>();
  for (let u = 1; u <= Math.max(1, plan.units); u++) unitSet.add(u);
  for (const hs of byFloor.values()) for (const h of hs) unitSet.add(h.unitNo);
  const units = [...unitSet].sort((a, b) => a - b);

  const dataFloors = [...byFloor.keys()];
  const top = Math.max(plan.building.floors, ...dataFloors, 1);
  const bottom = Math.min(1, ...dataFloors);

  const columns = new Map<number, number>(units.map((u) => [u, 1]));
  const grouped = new Map<number, Map<number, FloorPlanHouse[]>>();
  for (const [floor, hs] of byFloor) {
    const perUnit = new Map<number, FloorPlanHouse[]>();
    for (const h of hs) perUnit.set(h.unitNo, [...(perUnit.get(h.unitNo) ?? []), h]);
    for (const [u, list] of perUnit) {
      list.sort((a, b) => compareDoorNumbers(a.number, b.number));
      columns.set(u, Math.max(columns.get(u) ?? 1, list.length));
    }
    grouped.set(floor, perUnit);
  }

  const rows: FloorRow[] = [];
  for (let floor = top; floor >= bottom; floor--) {
    if (floor === 0) continue;
    const perUnit = grouped.get(floor);
    const cells = new Map<number, (FloorPlanHouse | null)[]>();
    for (const u of units) {
      const list: (FloorPlanHouse | null)[] = [...(perUnit?.get(u) ?? [])];
      while (list.length < (columns.get(u) ?? 1)) list.push(null);
      cells.set(u, list);
    }
    rows.push({ floor, cells });
  }
  return { units, columns, rows };
}

export const OCCUPANCIES: readonly Occupancy[] = ['owner_occupied', 'rented', 'occupied', 'vacant'];

export const OCCUPANCY_COLOR: Readonly<Record<Occupancy, string>> = {
  owner_occupied: '#52c41a',
  rented: '#1677ff',
  occupied: '#13c2c2',
  vacant: '#d9d9d9',
};

/** Whether a house is highlighted for a person tag: someone living there carries it. */
export function hasTag(house: Pick<FloorPlanHouse, 'tags'>, tag: string): boolean {
  return (house.tags[tag] ?? 0) > 0;
}

/** How many houses of the plan are in each occupancy, for the legend. */
export function occupancyCounts(plan: Pick<FloorPlan, 'floors'>): Record<Occupancy, number> {
  const counts: Record<Occupancy, number> = { owner_occupied: 0, rented: 0, occupied: 0, vacant: 0 };
  for (const f of plan.floors) for (const h of f.houses) counts[h.occupancy] += 1;
  return counts;
}

/** How many houses have at least one resident with the tag, and how many such residents in all. */
export function tagCounts(plan: Pick<FloorPlan, 'floors'>, tag: string): { houses: number; people: number } {
  let houses = 0;
  let people = 0;
  for (const f of plan.floors) {
    for (const h of f.houses) {
      const n = h.tags[tag] ?? 0;
      if (n > 0) {
        houses += 1;
        people += n;
      }
    }
  }
  return { houses, people };
}

/** A floor as written on a 楼盘表: 12F, and B1 for the first basement. */
export function floorLabel(floor: number): string {
  return floor < 0 ? `B${-floor}` : `${floor}F`;
}
