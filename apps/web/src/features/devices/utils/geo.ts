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
