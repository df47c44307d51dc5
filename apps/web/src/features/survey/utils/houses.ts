import type { SliceHouse } from '../types';

/** Houses of a building in walking order: unit, then floor from the ground up, then number. */
export function walkingOrder(houses: SliceHouse[]): SliceHouse[] {
  return [...houses].sort((a, b) => a.unitNo - b.unitNo || a.floor - b.floor || a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));
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
