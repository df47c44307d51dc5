import { describe, expect, it } from 'vitest';
import { bboxAround, roundCoord } from './bbox';

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
