import { describe, expect, it } from 'vitest';
import { compactBuildings } from './map.compact.js';
import type { BuildingFeatureRow } from './map.repository.js';

const row = (id: string, ring: [number, number][], extra: Partial<BuildingFeatureRow> = {}): BuildingFeatureRow => ({
  id, name: `${id}栋`, estate_name: '锦华苑', floors: 6, use: 'residential', footprint: { coordinates: [ring] }, lon: ring[0]![0], lat: ring[0]![1],
  house_count: 10, resident_count: 20, elderly_count: 3, alone_count: 1, vacant_count: 2, ...extra,
});

describe('compactBuildings', () => {
  it('packs footprints as micro-degree deltas from one origin and repeated names into dictionaries', () => {
    const c = compactBuildings([
      row('a', [[105.5927, 30.5327], [105.593, 30.5327], [105.593, 30.53282], [105.5927, 30.5327]]),
      row('b', [[105.5937, 30.5347], [105.5938, 30.5347], [105.5937, 30.5347]], { estate_name: null, use: 'mixed', resident_count: 5 }),
      row('c', [[105.6, 30.6]], { footprint: null }),
    ], (r) => r.resident_count);
    expect(c.origin).toEqual([105592700, 30532700]);
    expect([c.scale, c.floorHeight]).toEqual([1e6, 3]);
    expect(c.id).toEqual(['a', 'b']); // no footprint, nothing to draw
    expect(c.ring[0]).toEqual([0, 0, 300, 0, 0, 120, -300, -120]);
    expect(c.ring[1]).toEqual([1000, 2000, 100, 0, -100, 0]);
    expect(c.estate).toEqual([0, -1]);
    expect(c.estates).toEqual(['锦华苑']);
    expect(c.use.map((i) => c.uses[i])).toEqual(['residential', 'mixed']);
    expect(c.value).toEqual([20, 5]);
  });
});
