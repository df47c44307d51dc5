import { describe, expect, it } from 'vitest';
import { expandBuildings } from './compact';

describe('expandBuildings', () => {
  it('rebuilds each footprint from integer micro-degree deltas and its properties from the dictionaries', () => {
    const fc = expandBuildings({
      scale: 1e6, floorHeight: 3,
      origin: [105592700, 30532700],
      id: ['a', 'b'], name: ['1栋', '2栋'], estate: [0, -1], estates: ['锦华苑'], use: [1, 0], uses: ['residential', 'mixed'],
      floors: [6, 18], houses: [24, 0], residents: [61, 0], value: [61, 0],
      ring: [[0, 0, 300, 0, 0, 120, -300, 0, 0, -120], [1000, 2000, 100, 0, 0, 100, -100, 0, 0, -100]],
    });
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0]!.geometry.coordinates[0]).toEqual([[105.5927, 30.5327], [105.593, 30.5327], [105.593, 30.53282], [105.5927, 30.53282], [105.5927, 30.5327]]);
    expect(fc.features[1]!.geometry.coordinates[0]![0]).toEqual([105.5937, 30.5347]);
    expect(fc.features[0]!.properties).toEqual({ id: 'a', name: '1栋', estateName: '锦华苑', floors: 6, height: 18, use: 'mixed', houseCount: 24, residentCount: 61, value: 61 });
    expect(fc.features[1]!.properties).toMatchObject({ estateName: null, use: 'residential', height: 54 });
  });

  it('takes the unit and the floor height from the payload', () => {
    const fc = expandBuildings({
      scale: 1e5, floorHeight: 2.8, origin: [10559270, 3053270],
      id: ['a'], name: ['1栋'], estate: [-1], estates: [], use: [0], uses: ['residential'],
      floors: [10], houses: [0], residents: [0], value: [0], ring: [[0, 0, 30, 0, 0, 12, -30, 0, 0, -12]],
    });
    expect(fc.features[0]!.geometry.coordinates[0]![1]).toEqual([105.593, 30.5327]);
    expect(fc.features[0]!.properties.height).toBeCloseTo(28);
  });
});
