import { describe, expect, it } from 'vitest';
import { circleRing, hhmm, trackUpTo, zonesGeoJson } from './geo';

describe('devices map helpers', () => {
  it('draws a circle ring that is closed and about the radius away', () => {
    const c = { lat: 30.5, lng: 105.6 };
    const ring = circleRing(c, 300, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    const [lng, lat] = ring[8]!; // a quarter turn: due north
    expect(lng).toBeCloseTo(105.6, 6);
    expect((lat - 30.5) * 111_195).toBeCloseTo(300, -1);
  });

  it('closes an open polygon and skips a zone without a shape', () => {
    const fc = zonesGeoJson([
      { id: 'a', name: 'A', shape: 'polygon', center: null, radiusM: null, polygon: [{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 1, lng: 1 }], exited: false },
      { id: 'b', name: 'B', shape: 'circle', center: null, radiusM: null, polygon: null, exited: true },
    ]);
    expect(fc.features).toHaveLength(1);
    const ring = fc.features[0]!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(4);
    expect(ring[0]).toEqual(ring[3]);
  });

  it('cuts the track at the playback position', () => {
    const t = [{ lat: 1, lng: 2 }, { lat: 3, lng: 4 }, { lat: 5, lng: 6 }];
    expect(trackUpTo(t, 1).line.geometry.coordinates).toEqual([[2, 1], [4, 3]]);
    expect(trackUpTo(t, 1).last).toEqual({ lat: 3, lng: 4 });
    expect(trackUpTo(t, 99).last).toEqual({ lat: 5, lng: 6 });
    expect(trackUpTo([], 0).last).toBeNull();
  });

  it('writes minutes as a time of day', () => {
    expect(hhmm(0)).toBe('00:00');
    expect(hhmm(21 * 60 + 5)).toBe('21:05');
  });
});
