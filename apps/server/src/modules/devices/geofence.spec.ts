import { describe, expect, it } from 'vitest';
import { type DebounceSettings, distanceM, type Fix, INITIAL_STATE, outsideBy, step, type ZoneShape, type ZoneState, zoneActiveAt } from './geofence.js';

const HOME = { lat: 30.5130, lng: 105.5930 };
/** Metres north of HOME → degrees of latitude. */
const north = (m: number) => ({ lat: HOME.lat + m / 111_195, lng: HOME.lng });
const circle: ZoneShape = { kind: 'circle', center: HOME, radiusM: 300 };
// a 400 m × 400 m square around HOME
const d = 200 / 111_195;
const dl = 200 / (111_195 * Math.cos((HOME.lat * Math.PI) / 180));
const square: ZoneShape = {
  kind: 'polygon',
  points: [
    { lat: HOME.lat - d, lng: HOME.lng - dl }, { lat: HOME.lat - d, lng: HOME.lng + dl },
    { lat: HOME.lat + d, lng: HOME.lng + dl }, { lat: HOME.lat + d, lng: HOME.lng - dl },
  ],
};

describe('distances', () => {
  it('measures a degree of latitude as about 111 km', () => {
    expect(distanceM({ lat: 30, lng: 105 }, { lat: 31, lng: 105 })).toBeCloseTo(111_195, -1);
    expect(distanceM(HOME, north(500))).toBeCloseTo(500, 0);
  });
});

describe('outsideBy', () => {
  it('is signed metres from a circle’s edge', () => {
    expect(outsideBy(circle, HOME)).toBeCloseTo(-300, 0);
    expect(outsideBy(circle, north(350))).toBeCloseTo(50, 0);
    expect(outsideBy(circle, north(250))).toBeCloseTo(-50, 0);
  });

  it('is signed metres from a polygon’s nearest edge, inside and out', () => {
    expect(outsideBy(square, HOME)).toBeCloseTo(-200, 0);
    expect(outsideBy(square, north(150))).toBeCloseTo(-50, 0);
    expect(outsideBy(square, north(260))).toBeCloseTo(60, 0);
    // beyond a corner: distance to the corner itself
    const corner = { lat: HOME.lat + d + 30 / 111_195, lng: HOME.lng + dl + 40 / (111_195 * Math.cos((HOME.lat * Math.PI) / 180)) };
    expect(outsideBy(square, corner)).toBeCloseTo(50, 0);
  });

  it('handles a concave polygon (an L shape)', () => {
    const m = (x: number, y: number) => ({ lat: HOME.lat + y / 111_195, lng: HOME.lng + x / (111_195 * Math.cos((HOME.lat * Math.PI) / 180)) });
    const L: ZoneShape = { kind: 'polygon', points: [m(0, 0), m(200, 0), m(200, 100), m(100, 100), m(100, 200), m(0, 200)] };
    expect(outsideBy(L, m(50, 150))).toBeLessThan(0);
    expect(outsideBy(L, m(150, 150))).toBeCloseTo(50, 0); // in the notch
  });
});

describe('zone hours (China Standard Time)', () => {
  it('watches inside a daytime window only', () => {
    const day = { fromMinute: 8 * 60, toMinute: 20 * 60 };
    expect(zoneActiveAt(day, new Date('2026-11-29T01:00:00Z'))).toBe(true); // 09:00 CST
    expect(zoneActiveAt(day, new Date('2026-11-29T13:00:00Z'))).toBe(false); // 21:00 CST
  });
  it('wraps midnight for a night window, and no hours means always', () => {
    const night = { fromMinute: 21 * 60, toMinute: 6 * 60 };
    expect(zoneActiveAt(night, new Date('2026-11-29T14:00:00Z'))).toBe(true); // 22:00
    expect(zoneActiveAt(night, new Date('2026-11-29T20:30:00Z'))).toBe(true); // 04:30
    expect(zoneActiveAt(night, new Date('2026-11-29T04:00:00Z'))).toBe(false); // 12:00
    expect(zoneActiveAt(null, new Date())).toBe(true);
  });
});

describe('exit debounce', () => {
  const settings: DebounceSettings = { fixes: 3, minutes: 5 };
  const t0 = Date.parse('2026-11-29T02:00:00Z');
  const fix = (m: number, s: number, extra: Partial<Fix> = {}): Fix => ({ ...north(m), at: new Date(t0 + s * 1000), accuracy: 10, valid: true, source: 'gps', ...extra });
  function run(fixes: Fix[], shape: ZoneShape = circle, st: ZoneState = INITIAL_STATE) {
    const events: string[] = [];
    let state = st;
    for (const f of fixes) {
      const r = step(state, shape, null, f, settings);
      state = r.state;
      events.push(r.event ?? '-');
    }
    return { events, state };
  }

  it('confirms an exit on the Nth clear fix outside, once', () => {
    const r = run([fix(400, 0), fix(420, 10), fix(450, 20), fix(460, 30), fix(470, 40)]);
    expect(r.events).toEqual(['-', '-', 'exit', '-', '-']);
    expect(r.state.exited).toBe(true);
  });

  it('confirms an exit after T minutes outside even with fewer fixes', () => {
    const r = run([fix(400, 0), fix(420, 301)]);
    expect(r.events).toEqual(['-', 'exit']);
  });

  it('does not count a fix outside by less than its accuracy', () => {
    const r = run([fix(320, 0, { accuracy: 50 }), fix(330, 10, { accuracy: 50 }), fix(340, 20, { accuracy: 50 }), fix(320, 400, { accuracy: 50 })]);
    expect(r.events).toEqual(['-', '-', '-', '-']);
    expect(r.state.outsideFixes).toBe(0);
  });

  it('treats invalid and cell-only fixes as low confidence: they neither count nor reset', () => {
    const r = run([
      fix(500, 0), fix(900, 10, { valid: false }), fix(2000, 20, { source: 'cell', accuracy: 1500 }), fix(0, 25, { source: 'cell' }), fix(500, 30),
    ]);
    expect(r.events).toEqual(['-', '-', '-', '-', '-']);
    expect(r.state.outsideFixes).toBe(2);
  });

  it('a fix back inside resets the count, so a wobble across the edge never alerts', () => {
    const wobble = [];
    for (let i = 0; i < 20; i++) wobble.push(fix(i % 2 ? 360 : 200, i * 10));
    const r = run(wobble);
    expect(r.events.every((e) => e === '-')).toBe(true);
  });

  it('reports the return after a confirmed exit, then may exit again', () => {
    const r = run([fix(400, 0), fix(400, 10), fix(400, 20), fix(100, 30), fix(400, 40), fix(400, 50), fix(400, 60)]);
    expect(r.events).toEqual(['-', '-', 'exit', 'returned', '-', '-', 'exit']);
  });

  it('works the same for a polygon zone', () => {
    const r = run([fix(260, 0), fix(270, 10), fix(280, 20)], square);
    expect(r.events).toEqual(['-', '-', 'exit']);
  });

  it('ignores fixes outside the zone’s hours and forgets a half-counted exit', () => {
    const hours = { fromMinute: 8 * 60, toMinute: 20 * 60 }; // t0 is 10:00 CST
    let s = step(INITIAL_STATE, circle, hours, fix(400, 0), settings).state;
    s = step(s, circle, hours, fix(400, 10), settings).state;
    expect(s.outsideFixes).toBe(2);
    const night = step(s, circle, hours, { ...fix(400, 0), at: new Date('2026-11-29T13:00:00Z') }, settings);
    expect(night.event).toBeNull();
    expect(night.state.outsideFixes).toBe(0);
  });
});
