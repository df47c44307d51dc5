import { describe, expect, it } from 'vitest';
import type { SliceHouse } from '../types';
import { buildingOrder, floorsOf, nextHouse } from './houses';

const h = (id: string, unitNo: number, floor: number, number: string): SliceHouse => ({ id, buildingId: 'b', unitNo, floor, number, label: number, version: 1, lastVisit: null });
const houses = [h('c', 1, 2, '201'), h('a', 1, 1, '101'), h('d', 2, 1, '102'), h('b', 1, 1, '103')];

describe('walking a building', () => {
  it('goes to the next house by unit, floor and number, and stops at the end', () => {
    expect(nextHouse(houses, 'a')?.id).toBe('b');
    expect(nextHouse(houses, 'b')?.id).toBe('c');
    expect(nextHouse(houses, 'c')?.id).toBe('d');
    expect(nextHouse(houses, 'd')).toBeNull();
  });
  it('lists floors from the top down like a 楼盘表', () => {
    expect(floorsOf(houses).map((f) => [f.floor, f.houses.map((x) => x.id)])).toEqual([[2, ['c']], [1, ['a', 'b', 'd']]]);
  });
});

describe('the grid’s buildings', () => {
  it('are listed estate by estate, buildings in number order, those without an estate last', () => {
    const b = (estateName: string | null, name: string) => ({ estateName, name });
    const order = buildingOrder([b('天宫苑', '4栋'), b(null, '临街商铺'), b('滨江花园', '10栋'), b('滨江花园', '4栋'), b('天宫苑', '1栋')]);
    expect(order.map((x) => [x.estateName, x.name])).toEqual([['滨江花园', '4栋'], ['滨江花园', '10栋'], ['天宫苑', '1栋'], ['天宫苑', '4栋'], [null, '临街商铺']]);
  });
});
