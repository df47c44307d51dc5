import { describe, expect, it } from 'vitest';
import { labelBox, placeLabels, type LabelCandidate } from './labels';

const c = (text: string, rank: number, x: number, y: number): LabelCandidate<string> => ({ item: text, text, rank, x, y });
const view = { width: 800, height: 600 };

describe('area labels', () => {
  it('measures CJK names wider than digits', () => {
    expect(labelBox('玉泉街社区').w).toBeGreaterThan(labelBox('第3网格').w);
    expect(labelBox('第三网格').w).toBe(12 + 4 * 12);
  });

  it('keeps one name per place: a community wins over a grid at the same spot, distant ones all stay', () => {
    const out = placeLabels([c('第一网格', 1, 102, 104), c('电江路社区', 0, 100, 100), c('玉泉街社区', 0, 110, 103), c('第三网格', 1, 500, 300)], view, 10);
    expect(out.map((l) => l.text)).toEqual(['电江路社区', '第三网格']);
  });

  it('leaves out what is outside the view and stops at the most asked for', () => {
    const many = Array.from({ length: 30 }, (_, i) => c(`社区${i}`, 0, 10, 30 + i * 30));
    expect(placeLabels([c('外面', 0, -5, 100), c('下面', 0, 100, 700)], view, 10)).toEqual([]);
    expect(placeLabels(many, view, 5)).toHaveLength(5);
    expect(placeLabels(many, view, 100)).toHaveLength(20);
  });
});
