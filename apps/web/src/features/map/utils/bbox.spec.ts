import { describe, expect, it } from 'vitest';
import { bboxAround, roundCoord, viewportBbox } from './bbox';

describe('bboxAround', () => {
  it('gives west,south,east,north as the API reads it', () => {
    expect(bboxAround(105.5927, 30.5327)).toBe('105.583,30.523,105.603,30.543');
    expect(bboxAround(105.5927, 30.5327)).toMatch(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/);
  });
});

describe('roundCoord', () => {
  it('keeps six decimals', () => {
    expect(roundCoord(105.59271234)).toBe(105.592712);
  });
});

describe('viewportBbox', () => {
  it('grows the view by a margin and rounds outwards', () => {
    expect(viewportBbox([105.5, 30.5, 105.6, 30.6], 0.1)).toBe('105.490,30.490,105.610,30.610');
    expect(viewportBbox([105.5004, 30.5004, 105.5996, 30.5996], 0)).toBe('105.500,30.500,105.600,30.600');
  });
});
