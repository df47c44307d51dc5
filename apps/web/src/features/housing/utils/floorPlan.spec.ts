import { describe, expect, it } from 'vitest';
import type { FloorPlanHouse } from '../types';
import { compareDoorNumbers, floorGrid, floorLabel, hasTag, occupancyCounts, tagCounts } from './floorPlan';

const house = (id: string, unitNo: number, number: string, over: Partial<FloorPlanHouse> = {}): FloorPlanHouse => ({
  id,
  unitNo,
  number,
  use: 'residential',
  area: 90,
  shopName: null,
  owners: 0,
  tenants: 0,
  residents: 0,
  occupancy: 'vacant',
  tags: {},
  ...over,
});

describe('floorGrid', () => {
  const plan = {
    building: { floors: 3 },
    units: 2,
    floors: [
      { floor: 1, houses: [house('a', 1, '102'), house('b', 1, '101'), house('c', 2, '101')] },
      { floor: 3, houses: [house('d', 1, '301')] },
    ],
  };

  it('lists every floor top first, keeping floors without houses', () => {
    expect(floorGrid(plan).rows.map((r) => r.floor)).toEqual([3, 2, 1]);
  });

  it('orders houses by door number and pads each unit to the same width', () => {
    const g = floorGrid(plan);
    expect(g.units).toEqual([1, 2]);
    expect(g.columns.get(1)).toBe(2);
    expect(g.columns.get(2)).toBe(1);
    const first = g.rows.find((r) => r.floor === 1)!;
    expect(first.cells.get(1)!.map((h) => h?.number)).toEqual(['101', '102']);
    const top = g.rows.find((r) => r.floor === 3)!;
    expect(top.cells.get(1)!.map((h) => h?.number ?? null)).toEqual(['301', null]);
    expect(top.cells.get(2)).toEqual([null]);
  });

  it('adds basements below, skips floor 0, and shows a unit a house names beyond the count', () => {
    const g = floorGrid({ building: { floors: 2 }, units: 1, floors: [{ floor: -1, houses: [house('x', 3, 'B101')] }] });
    expect(g.rows.map((r) => r.floor)).toEqual([2, 1, -1]);
    expect(g.units).toEqual([1, 3]);
  });

  it('still draws a building with no houses yet', () => {
    const g = floorGrid({ building: { floors: 2 }, units: 0, floors: [] });
    expect(g.rows.map((r) => r.floor)).toEqual([2, 1]);
    expect(g.units).toEqual([1]);
  });
});

describe('door numbers', () => {
  it('sort naturally', () => {
    expect(['1002', '902', '12A', '12'].sort(compareDoorNumbers)).toEqual(['12', '12A', '902', '1002']);
  });
});

describe('legend counts', () => {
  const floors = [
    {
      floor: 1,
      houses: [
        house('a', 1, '101', { occupancy: 'rented', tags: { elderly_alone: 1 } }),
        house('b', 1, '102', { occupancy: 'vacant' }),
        house('c', 1, '103', { occupancy: 'owner_occupied', tags: { elderly_alone: 0, disabled: 2 } }),
      ],
    },
  ];

  it('counts houses per occupancy', () => {
    expect(occupancyCounts({ floors })).toEqual({ owner_occupied: 1, rented: 1, occupied: 0, vacant: 1 });
  });

  it('counts houses and people with a tag; a zero count is not a highlight', () => {
    expect(tagCounts({ floors }, 'disabled')).toEqual({ houses: 1, people: 2 });
    expect(hasTag(floors[0]!.houses[2]!, 'elderly_alone')).toBe(false);
    expect(hasTag(floors[0]!.houses[0]!, 'elderly_alone')).toBe(true);
  });
});

describe('floorLabel', () => {
  it('writes basements as B1', () => {
    expect(floorLabel(12)).toBe('12F');
    expect(floorLabel(-1)).toBe('B1');
  });
});
