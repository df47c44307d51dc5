import type { SliceBuilding, SliceHouse } from '../types';

const byName = new Intl.Collator('zh-CN', { numeric: true });

/** Buildings as the grid is walked: estate by estate (those without one last), then 1栋, 2栋 … 10栋. */
export function buildingOrder<B extends Pick<SliceBuilding, 'estateName' | 'name'>>(buildings: B[]): B[] {
  return [...buildings].sort((a, b) =>
    (a.estateName === null ? 1 : 0) - (b.estateName === null ? 1 : 0) || byName.compare(a.estateName ?? '', b.estateName ?? '') || byName.compare(a.name, b.name));
}

/** Houses of a building in walking order: unit, then floor from the ground up, then number. */
export function walkingOrder(houses: SliceHouse[]): SliceHouse[] {
  return [...houses].sort((a, b) => a.unitNo - b.unitNo || a.floor - b.floor || byName.compare(a.number, b.number));
}

/** The house after this one in walking order, or null at the end of the building. */
export function nextHouse(houses: SliceHouse[], currentId: string): SliceHouse | null {
  const ordered = walkingOrder(houses);
  const i = ordered.findIndex((h) => h.id === currentId);
  return i >= 0 && i + 1 < ordered.length ? ordered[i + 1]! : null;
}

/** 楼盘表 rows: floors from the top down, each with its houses by unit and number. */
export function floorsOf(houses: SliceHouse[]): { floor: number; houses: SliceHouse[] }[] {
  const byFloor = new Map<number, SliceHouse[]>();
  for (const h of walkingOrder(houses)) byFloor.set(h.floor, [...(byFloor.get(h.floor) ?? []), h]);
  return [...byFloor.entries()].sort((a, b) => b[0] - a[0]).map(([floor, hs]) => ({ floor, houses: hs }));
}
