import { describe, expect, it } from 'vitest';
import { baseStyle, boundsOf, colorExpression, legendTicks, RAMP, rampStops, scaleMax, ZERO_COLOR } from './mapStyle';

describe('rampStops', () => {
  it('spreads the ramp evenly from 0 to max, strictly ascending', () => {
    const stops = rampStops(50);
    expect(stops).toHaveLength(RAMP.length);
    expect(stops[0]!.value).toBe(0);
    expect(stops.at(-1)!.value).toBe(50);
    for (let i = 1; i < stops.length; i++) expect(stops[i]!.value).toBeGreaterThan(stops[i - 1]!.value);
  });

  it('never builds a flat ramp (MapLibre refuses equal stops)', () => {
    expect(rampStops(0).at(-1)!.value).toBe(1);
  });
});

describe('colorExpression', () => {
  it('paints 0 grey and interpolates above it', () => {
    const expr = colorExpression(10) as unknown[];
    expect(expr[0]).toBe('case');
    expect(expr[2]).toBe(ZERO_COLOR);
    const interp = expr[3] as unknown[];
    expect(interp[0]).toBe('interpolate');
    expect(interp.slice(3)).toEqual(rampStops(10).flatMap((s) => [s.value, s.color]));
  });
});

describe('legendTicks', () => {
  it('labels start, middle and end', () => {
    expect(legendTicks(40, 'residents')).toEqual(['0', '20', '40']);
    expect(legendTicks(100, 'vacancy')).toEqual(['0%', '50%', '100%']);
  });

  it('does not repeat a label when the maximum is small', () => {
    expect(legendTicks(1, 'elderly_alone')).toEqual(['0', '1']);
  });
});

describe('baseStyle', () => {
  it('fetches nothing from outside by default: a plain ground, no sources, no glyphs', () => {
    const style = baseStyle({ tileUrl: null, tileAttribution: null });
    expect(style.sources).toEqual({});
    expect(style.layers.map((l) => l.type)).toEqual(['background']);
    expect(style.glyphs).toBeUndefined();
  });

  it('adds a raster basemap only when the server names one', () => {
    const style = baseStyle({ tileUrl: 'http://tiles.local/{z}/{x}/{y}.png', tileAttribution: '© city' });
    expect(style.sources.basemap).toMatchObject({ type: 'raster', tiles: ['http://tiles.local/{z}/{x}/{y}.png'], attribution: '© city' });
    expect(style.layers.map((l) => l.id)).toEqual(['ground', 'basemap']);
  });
});

describe('boundsOf', () => {
  it('boxes all points of all rings', () => {
    expect(boundsOf([[[105.5, 30.5], [105.6, 30.52]], [[105.55, 30.49]]])).toEqual([105.5, 30.49, 105.6, 30.52]);
    expect(boundsOf([])).toBeNull();
  });
});

describe('scaleMax', () => {
  it('scales counts to the largest value and rates to 100 %', () => {
    expect(scaleMax('residents', 81)).toBe(81);
    expect(scaleMax('elderly_alone', 0)).toBe(1);
    expect(scaleMax('vacancy', 44)).toBe(100);
  });
});
