import { describe, expect, it } from 'vitest';
import { changeLines, changeValueText, pathCode } from './history';

describe('changeLines', () => {
  const labels = { name: '名称', floors: '层数' };

  it('orders labelled fields as given and keeps unlabelled ones under their own name', () => {
    const lines = changeLines(
      { fields: [{ field: 'unitCount', from: 1, to: 2 }, { field: 'floors', from: 6, to: 7 }, { field: 'name', from: 'A', to: 'B' }] },
      labels,
    );
    expect(lines.map((l) => l.label)).toEqual(['名称', '层数', 'unitCount']);
  });

  it('leaves out links to other records, which are bare ids', () => {
    const change = { fields: [{ field: 'buildingId', from: null, to: '7523e752-42ab-4172-bec5-bdbf8fdec071' }, { field: 'floor', from: 1, to: 2 }] };
    expect(changeLines(change, { floor: '楼层' }).map((l) => l.field)).toEqual(['floor']);
  });

  it('leaves out technical columns unless a label asks for them', () => {
    const change = { fields: [{ field: 'path', from: null, to: '5109.510903' }, { field: 'footprint', from: null, to: {} }] };
    expect(changeLines(change, labels)).toEqual([]);
    expect(changeLines(change, { path: '所属辖区' }).map((l) => l.field)).toEqual(['path']);
  });
});

describe('pathCode', () => {
  it('gives the code of the node a path ends at', () => {
    expect(pathCode('5109.510903.510903001.510903001001')).toBe('510903001001');
  });
});

describe('changeValueText', () => {
  it('reads empty values as a dash', () => {
    expect(changeValueText(null)).toBe('—');
    expect(changeValueText('')).toBe('—');
    expect(changeValueText([])).toBe('—');
  });

  it('names codes and joins lists', () => {
    const name = (c: string) => ({ open: '待处理', closed: '已归档' })[c] ?? c;
    expect(changeValueText('open', name)).toBe('待处理');
    expect(changeValueText(['open', 'closed'], name)).toBe('待处理、已归档');
    expect(changeValueText(12)).toBe('12');
    expect(changeValueText({ a: 1 })).toBe('{"a":1}');
  });
});
