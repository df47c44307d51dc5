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

/**
 * The `bbox` query value of a viewport (west,south,east,north), grown by `margin` of its size on
 * each side so small pans stay inside it, and rounded outwards to 3 decimals (about 100 m) so
 * nearby views share one request.
 */
export function viewportBbox([w, s, e, n]: [number, number, number, number], margin = 0.15): string {
  const dx = (e - w) * margin;
  const dy = (n - s) * margin;
  // in thousandths, first rounded to micro-degrees so float noise (30.6 + 0.01) does not tip it over
  const milli = (v: number) => Math.round(v * 1e6) / 1e3;
  const down = (v: number) => Math.floor(milli(v)) / 1000;
  const up = (v: number) => Math.ceil(milli(v)) / 1000;
  return [down(w - dx), down(s - dy), up(e + dx), up(n + dy)].map((v) => v.toFixed(3)).join(',');
}
