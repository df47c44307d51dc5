import { describe, expect, it } from 'vitest';
import { circleRing, distanceM, dragDraft, handlesGeoJson, hhmm, radiusHandle, removeVertex, trackUpTo, type ZoneDraft, zonesGeoJson } from './geo';

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

  describe('editing a zone on the map', () => {
    const circle: ZoneDraft = { shape: 'circle', lat: 30.5, lng: 105.6, radiusM: 300, id: 'z', version: 4 };
    const square: ZoneDraft = { shape: 'polygon', points: [{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 1, lng: 1 }, { lat: 1, lng: 0 }] };

    it('puts the radius handle on the outline due east, and a drag of it sets the radius to the distance (20 m – 20 km)', () => {
      const h = radiusHandle(circle as Extract<ZoneDraft, { shape: 'circle' }>);
      expect(h.lat).toBe(30.5);
      expect(distanceM(circle as { lat: number; lng: number }, h)).toBeCloseTo(300, 0);
      const out = dragDraft(circle, { role: 'radius' }, { lat: 30.5 + 450 / 111_195, lng: 105.6 });
      expect(out.draft).toMatchObject({ shape: 'circle', lat: 30.5, lng: 105.6, radiusM: 450, id: 'z', version: 4 });
      expect((dragDraft(circle, { role: 'radius' }, { lat: 30.5, lng: 105.6 }).draft as { radiusM: number }).radiusM).toBe(20);
      expect((dragDraft(circle, { role: 'radius' }, { lat: 31, lng: 105.6 }).draft as { radiusM: number }).radiusM).toBe(20_000);
    });

    it('moves the centre, keeping the radius', () => {
      expect(dragDraft(circle, { role: 'center' }, { lat: 30.6, lng: 105.7 }).draft).toMatchObject({ lat: 30.6, lng: 105.7, radiusM: 300 });
    });

    it('offers a handle per corner and per edge middle; dragging a middle inserts a corner and keeps dragging it', () => {
      const fc = handlesGeoJson(square);
      expect(fc.features.filter((f) => f.properties.role === 'vertex')).toHaveLength(4);
      const mids = fc.features.filter((f) => f.properties.role === 'mid');
      expect(mids.map((f) => f.geometry.coordinates)).toEqual([[0.5, 0], [1, 0.5], [0.5, 1], [0, 0.5]]);
      const moved = dragDraft(square, { role: 'vertex', i: 2 }, { lat: 2, lng: 2 });
      expect((moved.draft as { points: unknown[] }).points).toEqual([{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 2, lng: 2 }, { lat: 1, lng: 0 }]);
      const inserted = dragDraft(square, { role: 'mid', i: 3 }, { lat: 0.5, lng: -0.5 });
      expect((inserted.draft as { points: unknown[] }).points).toEqual([{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, { lat: 1, lng: 1 }, { lat: 1, lng: 0 }, { lat: 0.5, lng: -0.5 }]);
      expect(inserted.handle).toEqual({ role: 'vertex', i: 4 });
      // a circle being drawn has no handles until its centre is chosen
      expect(handlesGeoJson({ shape: 'circle', lat: 0, lng: 0, radiusM: 300 }).features).toEqual([]);
    });

    it('removes a corner but never below three', () => {
      const three = removeVertex(square, 0);
      expect((three as { points: unknown[] }).points).toHaveLength(3);
      expect(removeVertex(three, 0)).toBe(three);
    });
  });
});
