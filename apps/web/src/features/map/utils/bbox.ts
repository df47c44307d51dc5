/**
 * The `bbox` query value (west,south,east,north) of a square about `radiusDeg` around a point, to
 * load only the buildings near a position being picked. Rounded so small moves reuse the cache.
 */
export function bboxAround(lon: number, lat: number, radiusDeg = 0.01): string {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return [r(lon - radiusDeg), r(lat - radiusDeg), r(lon + radiusDeg), r(lat + radiusDeg)].join(',');
}

/** Longitude and latitude rounded to 6 decimals (about 0.1 m), as a worker would type them. */
export function roundCoord(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
