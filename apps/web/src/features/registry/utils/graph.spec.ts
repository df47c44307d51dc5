import { describe, expect, it } from 'vitest';
import { entityId, escapeHtml, graphSeriesData, isCentreKind, type Graph } from './graph';

const graph: Graph = {
  nodes: [
    { id: 'p1', kind: 'person', label: '张三', sublabel: '男 · 76岁' },
    { id: 'h1', kind: 'household', label: '张三户' },
    { id: 'r1', kind: 'house', label: '1栋1单元101' },
    { id: 'p1', kind: 'person', label: '张三' },
    { id: 'x', kind: 'spaceship', label: '?' },
  ],
  edges: [
    { source: 'p1', target: 'h1', kind: 'member', label: '户主' },
    { source: 'p1', target: 'r1', kind: 'resident', label: '居住人' },
    { source: 'p1', target: 'gone', kind: 'relative', label: '配偶' },
  ],
};

describe('relationship graph data', () => {
  const out = graphSeriesData(graph, 'p1', (k) => k.toUpperCase());

  it('keeps one node per id and draws the centre larger', () => {
    expect(out.data.map((d) => d.id)).toEqual(['p1', 'h1', 'r1', 'x']);
    expect(out.data[0]).toMatchObject({ symbolSize: 56, label: { fontWeight: 'bold' }, sublabel: '男 · 76岁' });
    expect(out.data[1]!.symbolSize).toBeLessThan(56);
  });

  it('colours by kind through fixed categories', () => {
    expect(out.categories.map((c) => c.name)).toEqual(['PERSON', 'HOUSEHOLD', 'HOUSE', 'BUILDING', 'ORGANIZATION']);
    expect(out.data.map((d) => d.category)).toEqual([0, 1, 2, 3]);
  });

  it('drops edges to nodes that are not in the graph and labels the rest', () => {
    expect(out.links).toEqual([
      { source: 'p1', target: 'h1', value: '户主' },
      { source: 'p1', target: 'r1', value: '居住人' },
    ]);
  });

  it('reads record ids with or without a kind prefix', () => {
    expect(entityId({ id: 'person:abc', kind: 'person' })).toBe('abc');
    expect(entityId({ id: 'abc', kind: 'person' })).toBe('abc');
    expect(isCentreKind('building')).toBe(false);
    expect(isCentreKind('household')).toBe(true);
  });
});

describe('graph tooltip text', () => {
  it('escapes names before they go into HTML', () => {
    expect(escapeHtml('<b>张三</b> & "李四"')).toBe('&lt;b&gt;张三&lt;/b&gt; &amp; &quot;李四&quot;');
  });
});
