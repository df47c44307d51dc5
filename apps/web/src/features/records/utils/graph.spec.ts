import { describe, expect, it } from 'vitest';
import { peopleLinkedTo, type Graph } from './graph';

const graph: Graph = {
  nodes: [
    { id: 'h1', kind: 'house', label: '阳光小区 1栋 1单元 101' },
    { id: 'b1', kind: 'building', label: '阳光小区 1栋' },
    { id: 'p1', kind: 'person', label: '张三' },
    { id: 'p2', kind: 'person', label: '李四' },
    { id: 'hh', kind: 'household', label: '张三户' },
  ],
  edges: [
    { source: 'h1', target: 'b1', kind: 'in', label: '所在楼栋' },
    { source: 'p1', target: 'h1', kind: 'owner', label: '业主' },
    { source: 'p1', target: 'h1', kind: 'resident', label: '住户' },
    { source: 'p2', target: 'h1', kind: 'tenant', label: '租户' },
    { source: 'hh', target: 'h1', kind: 'lives', label: '住址' },
  ],
};

describe('peopleLinkedTo', () => {
  it('lists each linked person once with all their relations', () => {
    expect(peopleLinkedTo(graph, 'h1')).toEqual([
      { id: 'p2', name: '李四', kinds: ['tenant'], labels: ['租户'] },
      { id: 'p1', name: '张三', kinds: ['owner', 'resident'], labels: ['业主', '住户'] },
    ]);
  });

  it('ignores buildings, households and people linked to someone else', () => {
    expect(peopleLinkedTo(graph, 'b1')).toEqual([]);
  });
});
