/** Map helpers of the devices pages, pure: zone outlines as GeoJSON and the track up to a moment. */

const EARTH_M = 6_371_008.8;

/** A circle as a closed polygon ring of `steps` points (GeoJSON order: lng, lat). */
export function circleRing(center: { lat: number; lng: number }, radiusM: number, steps = 64): [number, number][] {
  const ring: [number, number][] = [];
  const dLat = (radiusM / EARTH_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((center.lat * Math.PI) / 180);
  for (let i = 0; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    ring.push([center.lng + dLng * Math.cos(a), center.lat + dLat * Math.sin(a)]);
  }
  return ring;
}

export interface ZoneLike {
  id: string;
  name: string;
  shape: 'circle' | 'polygon';
  center: { lat: number; lng: number } | null;
  radiusM: number | null;
  polygon: { lat: number; lng: number }[] | null;
  exited: boolean;
}

/** Safe zones as one FeatureCollection of polygons (a polygon's ring closed if it is not). */
export function zonesGeoJson(zones: readonly ZoneLike[]) {
  return {
    type: 'FeatureCollection' as const,
    features: zones.flatMap((z) => {
      let ring: [number, number][] | null = null;
      if (z.shape === 'circle' && z.center && z.radiusM) ring = circleRing(z.center, z.radiusM);
      if (z.shape === 'polygon' && z.polygon && z.polygon.length >= 3) {
        ring = z.polygon.map((p) => [p.lng, p.lat] as [number, number]);
        const [f, l] = [ring[0]!, ring[ring.length - 1]!];
        if (f[0] !== l[0] || f[1] !== l[1]) ring.push(f);
      }
      return ring ? [{ type: 'Feature' as const, properties: { id: z.id, name: z.name, exited: z.exited }, geometry: { type: 'Polygon' as const, coordinates: [ring] } }] : [];
    }),
  };
}

/** The track's points up to index `upTo` (playback), as a line and the last point. */
export function trackUpTo<T extends { lat: number; lng: number }>(track: readonly T[], upTo: number) {
  const part = track.slice(0, Math.max(0, Math.min(track.length, upTo + 1)));
  return {
    line: { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: part.map((p) => [p.lng, p.lat]) } },
    last: part.at(-1) ?? null,
  };
}

/** Minutes after midnight as HH:mm. */
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

// ---- editing a zone's outline on the map (drag handles), pure

type Point = { lat: number; lng: number };

/** A zone outline being drawn or edited: a circle (centre 0,0 until clicked) or a polygon's corners; `id` and `version` when it is a saved zone. */
export type ZoneDraft =
  | { shape: 'circle'; lat: number; lng: number; radiusM: number; id?: string; version?: number }
  | { shape: 'polygon'; points: Point[]; id?: string; version?: number };

/** What a drag handle moves: a circle's centre or its radius, a polygon's corner, or the middle of an edge (a new corner). */
export type Handle = { role: 'center' | 'radius' } | { role: 'vertex' | 'mid'; i: number };

/** Great-circle distance in metres (haversine), as the server's geofence measures it. */
export function distanceM(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The circle's radius handle: due east of the centre on the outline. */
export function radiusHandle(d: { lat: number; lng: number; radiusM: number }): Point {
  const east = circleRing(d, d.radiusM, 4)[0]!;
  return { lat: d.lat, lng: east[0] };
}

/** The radius the server accepts (20 m – 20 km, whole metres). */
export const clampRadius = (m: number) => Math.min(20_000, Math.max(20, Math.round(m)));

/** The draft's drag handles as GeoJSON points (`role`, `i`): centre and radius, or corners and edge middles. */
export function handlesGeoJson(d: ZoneDraft) {
  const point = (p: Point, h: Handle) => ({
    type: 'Feature' as const, properties: { role: h.role, i: 'i' in h ? h.i : -1 }, geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
  });
  if (d.shape === 'circle') {
    return { type: 'FeatureCollection' as const, features: d.lat ? [point(d, { role: 'center' }), point(radiusHandle(d), { role: 'radius' })] : [] };
  }
  const n = d.points.length;
  const mids = n >= 3 ? d.points.map((p, i) => ({ p: { lat: (p.lat + d.points[(i + 1) % n]!.lat) / 2, lng: (p.lng + d.points[(i + 1) % n]!.lng) / 2 }, i })) : [];
  return {
    type: 'FeatureCollection' as const,
    features: [...mids.map(({ p, i }) => point(p, { role: 'mid', i })), ...d.points.map((p, i) => point(p, { role: 'vertex', i }))],
  };
}

/**
 * The draft after dragging `handle` to `to`, and the handle to keep dragging: a centre moves the
 * circle, the radius handle sets the radius to the distance from the centre, a corner moves, and
 * an edge's middle becomes a new corner after corner `i` (dragged on as that corner).
 */
export function dragDraft(d: ZoneDraft, handle: Handle, to: Point): { draft: ZoneDraft; handle: Handle } {
  if (d.shape === 'circle') {
    if (handle.role === 'center') return { draft: { ...d, lat: to.lat, lng: to.lng }, handle };
    if (handle.role === 'radius') return { draft: { ...d, radiusM: clampRadius(distanceM(d, to)) }, handle };
    return { draft: d, handle };
  }
  if (handle.role === 'vertex') return { draft: { ...d, points: d.points.map((p, j) => (j === handle.i ? to : p)) }, handle };
  if (handle.role === 'mid') {
    const points = [...d.points.slice(0, handle.i + 1), to, ...d.points.slice(handle.i + 1)];
    return { draft: { ...d, points }, handle: { role: 'vertex', i: handle.i + 1 } };
  }
  return { draft: d, handle };
}

/** The polygon without corner `i` (a polygon keeps at least 3). */
export function removeVertex(d: ZoneDraft, i: number): ZoneDraft {
  if (d.shape !== 'polygon' || d.points.length <= 3) return d;
  return { ...d, points: d.points.filter((_, j) => j !== i) };
}
