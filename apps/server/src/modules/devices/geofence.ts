/**
 * 电子围栏 — safe-zone maths and the exit debounce, pure. Distances are metres on a local
 * equirectangular projection around the fix (exact enough at a zone's few kilometres).
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export type ZoneShape =
  | { kind: 'circle'; center: LatLng; radiusM: number }
  | { kind: 'polygon'; points: LatLng[] };

/** A zone that is watched only between two times of day (China Standard Time, minutes since midnight); from > to wraps midnight. */
export interface ZoneHours {
  fromMinute: number;
  toMinute: number;
}

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Projects onto a plane in metres around `origin`. */
function project(origin: LatLng, p: LatLng): [number, number] {
  return [rad(p.lng - origin.lng) * EARTH_M * Math.cos(rad(origin.lat)), rad(p.lat - origin.lat) * EARTH_M];
}

function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Signed distance of a point from the zone's edge in metres: positive outside (how far out),
 * negative inside (how far in), 0 on the edge.
 */
export function outsideBy(shape: ZoneShape, p: LatLng): number {
  if (shape.kind === 'circle') return distanceM(shape.center, p) - shape.radiusM;
  const pts = shape.points.map((q) => project(p, q));
  const origin: [number, number] = [0, 0];
  let inside = false;
  let edge = Infinity;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]!, b = pts[j]!;
    const [xi, yi] = a, [xj, yj] = b;
    if (yi > 0 !== yj > 0 && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
    edge = Math.min(edge, segmentDistance(origin, a, b));
  }
  return inside ? -edge : edge;
}

/** Whether a zone with these hours is watched at `at` (no hours: always). */
export function zoneActiveAt(hours: ZoneHours | null, at: Date): boolean {
  if (!hours) return true;
  const cst = (at.getUTCHours() * 60 + at.getUTCMinutes() + 8 * 60) % (24 * 60);
  const { fromMinute: f, toMinute: t } = hours;
  if (f === t) return true;
  return f < t ? cst >= f && cst < t : cst >= f || cst < t;
}

/** One fix as the debounce sees it. */
export interface Fix extends LatLng {
  at: Date;
  /** metres (a GPS fix with no figure is taken as 20 m) */
  accuracy: number | null;
  valid: boolean;
  source: 'gps' | 'wifi' | 'cell';
}

/** When an exit is confirmed: after N clear fixes outside, or T minutes outside. */
export interface DebounceSettings {
  fixes: number;
  minutes: number;
}

/** What the debounce remembers per zone between fixes (stored with the zone). */
export interface ZoneState {
  outsideSince: Date | null;
  outsideFixes: number;
  exited: boolean;
}

export const INITIAL_STATE: ZoneState = { outsideSince: null, outsideFixes: 0, exited: false };

/** How sure a fix lets us be. An invalid (V) fix or a cell-tower position is low confidence. */
export function confidence(fix: Fix): 'high' | 'low' {
  return fix.valid && fix.source !== 'cell' ? 'high' : 'low';
}

const DEFAULT_GPS_ACCURACY = 20;

/**
 * Feeds one fix to a zone's debounce. A fix counts as outside only when it is out by more than its
 * accuracy and of high confidence; a fix inside the zone (centre within the edge) clears the count
 * and ends a confirmed exit ('returned'); anything in between or of low confidence changes
 * nothing, so a position wobbling around the edge never flaps.
 */
export function step(
  state: ZoneState, shape: ZoneShape, hours: ZoneHours | null, fix: Fix, settings: DebounceSettings,
): { state: ZoneState; event: 'exit' | 'returned' | null; outsideByM: number } {
  const out = outsideBy(shape, fix);
  if (!zoneActiveAt(hours, fix.at)) return { state: state.exited ? state : INITIAL_STATE, event: null, outsideByM: out };
  if (confidence(fix) === 'low') return { state, event: null, outsideByM: out };
  const accuracy = fix.accuracy ?? DEFAULT_GPS_ACCURACY;
  if (out <= 0) {
    return { state: INITIAL_STATE, event: state.exited ? 'returned' : null, outsideByM: out };
  }
  if (out <= accuracy) return { state, event: null, outsideByM: out };
  const since = state.outsideSince && state.outsideSince <= fix.at ? state.outsideSince : fix.at;
  const next: ZoneState = { outsideSince: since, outsideFixes: state.outsideFixes + 1, exited: state.exited };
  if (!state.exited && (next.outsideFixes >= settings.fixes || fix.at.getTime() - since.getTime() >= settings.minutes * 60_000)) {
    return { state: { ...next, exited: true }, event: 'exit', outsideByM: out };
  }
  return { state: next, event: null, outsideByM: out };
}
