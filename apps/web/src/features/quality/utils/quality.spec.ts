import { describe, expect, it } from 'vitest';
import { recordLink, runPercent, scoreColor } from './quality';

describe('quality view helpers', () => {
  it('links a finding to the page where its record is fixed', () => {
    expect(recordLink({ entity: 'person', recordId: 'p1', buildingId: null })).toBe('/registry/people/p1');
    expect(recordLink({ entity: 'house', recordId: 'h1', buildingId: 'b1' })).toBe('/registry/buildings/b1');
    expect(recordLink({ entity: 'house', recordId: 'h1', buildingId: null })).toBeNull();
  });
  it('colours scores by band and measures run progress', () => {
    expect([95, 80, 10, null].map(scoreColor)).toEqual(['#52c41a', '#faad14', '#f5222d', '#bfbfbf']);
    expect(runPercent({ totalSteps: 8, doneSteps: 2, status: 'running' })).toBe(25);
    expect(runPercent({ totalSteps: 0, doneSteps: 0, status: 'queued' })).toBe(0);
    expect(runPercent({ totalSteps: 8, doneSteps: 3, status: 'done' })).toBe(100);
  });
});
