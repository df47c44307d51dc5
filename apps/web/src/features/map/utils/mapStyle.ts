import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { MapConfig, Measure } from '../types';

export const MEASURES: readonly Measure[] = ['residents', 'elderly', 'elderly_alone', 'vacancy', 'floors'];

/** Sequential ramp from pale to deep: low values recede, high ones stand out on the plain ground. */
export const RAMP = ['#e0ecff', '#9ec5fe', '#5b8ff9', '#f6a55b', '#e8684a', '#b3261e'] as const;

/** Colour of a building with nothing to show (value 0), so empty buildings still read as buildings. */
export const ZERO_COLOR = '#d9dde4';

/** Where each colour of the ramp sits for values 0…max: evenly spaced, strictly ascending. */
export function rampStops(max: number): { value: number; color: string }[] {
  const top = max > 0 ? max : 1;
  const n = RAMP.length - 1;
  return RAMP.map((color, i) => ({ value: (top * i) / n, color }));
}

/**
 * The top of the colour scale: the largest value shown, except for 空置率, a percentage, whose
 * scale is always 0–100 % so a uniformly low vacancy does not read as alarming.
 */
export function scaleMax(measure: Measure, max: number): number {
  return measure === 'vacancy' ? 100 : Math.max(1, max);
}

/** `fill-extrusion-color` for the measure: grey at 0 (nothing to show), then the ramp up to `max`. */
export function colorExpression(max: number): ExpressionSpecification {
  const value: ExpressionSpecification = ['to-number', ['get', 'value'], 0];
  const stops = rampStops(max).flatMap((s) => [s.value, s.color]);
  return ['case', ['<=', value, 0], ZERO_COLOR, ['interpolate', ['linear'], value, ...stops] as ExpressionSpecification];
}

/** CSS gradient of the ramp, for the legend bar. */
export function rampGradient(): string {
  return `linear-gradient(to right, ${RAMP.join(', ')})`;
}

/**
 * Labels under the legend bar at its start, middle and end: whole numbers (a percentage for 空置率),
 * without repeats when the maximum is small.
 */
export function legendTicks(max: number, measure: Measure): string[] {
  const unit = measure === 'vacancy' ? '%' : '';
  const top = max > 0 ? max : 1;
  const values = [0, top / 2, top].map((v) => Math.round(v));
  return [...new Set(values)].map((v) => `${v}${unit}`);
}

/** Things (物) by kind: one colour each, grey for anything else. */
export const THING_COLORS: Readonly<Record<string, string>> = {
  hydrant: '#e8684a',
  camera: '#5b8ff9',
  door_terminal: '#5ad8a6',
  kiosk: '#f6bd16',
  watch: '#9270ca',
  streetlight: '#ff9d4d',
  manhole: '#6dc8ec',
  aed: '#ff4d8f',
};
export const THING_DEFAULT_COLOR = '#8c8c8c';

export function thingColorExpression(): ExpressionSpecification {
  return ['match', ['get', 'kind'], ...Object.entries(THING_COLORS).flat(), THING_DEFAULT_COLOR] as unknown as ExpressionSpecification;
}

/**
 * The map's starting style: a plain ground and nothing fetched from outside. A raster basemap is
 * added only when the server names one (GET /api/map/config → tileUrl). No glyphs, so no text
 * layers: names go in the side list and popups instead.
 */
export function baseStyle(config: Pick<MapConfig, 'tileUrl' | 'tileAttribution'> | undefined, ground: 'light' | 'dark' = 'light'): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'ground', type: 'background', paint: { 'background-color': ground === 'dark' ? '#0e1c3a' : '#eef1f5' } }],
  };
  if (config?.tileUrl) {
    style.sources.basemap = {
      type: 'raster',
      tiles: [config.tileUrl],
      tileSize: 256,
      ...(config.tileAttribution ? { attribution: config.tileAttribution } : {}),
    };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return style;
}

/** The server's [lon, lat] pair as the tuple MapLibre takes. */
export function lngLat(pair: readonly number[]): [number, number] {
  return [pair[0] ?? 0, pair[1] ?? 0];
}

/** The [west, south, east, north] box of a set of rings, to fit the map to what it shows. */
export function boundsOf(rings: readonly (readonly (readonly number[])[])[]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      const [lon, lat] = p;
      if (lon === undefined || lat === undefined) continue;
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
