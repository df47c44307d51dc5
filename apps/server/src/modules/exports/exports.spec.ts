import { describe, expect, it } from 'vitest';
import { LIST_COLUMNS, PEOPLE_COLUMNS, type PersonExportRow } from './exports.columns.js';
import { commonRoot, exportFileName } from './exports.service.js';

const person: PersonExportRow = {
  id: 'p1', name: '王秀英', gender: 2, birthDate: '1948-07-16', age: 78, ethnicity: '01',
  citizenIdMasked: '510903********123X', phoneMasked: '139****1234', hukouAddress: null, residenceAddress: '滨江花园1栋',
  tags: ['elderly_alone'], status: 'active', jurisdiction: { name: '第一网格', pathNames: ['遂宁市', '船山区'] }, verifiedAt: new Date('2026-03-01T02:00:00Z'),
  citizenId: '51090319480716123X', phone: '13908251234',
};

describe('export columns', () => {
  it('reads a person as the page shows them: codes as names, masked unless unmasked, times in China time', () => {
    const cells = (masked: boolean) => Object.fromEntries(PEOPLE_COLUMNS(masked).map((c) => [c.header, c.value(person)]));
    expect(cells(true)).toMatchObject({
      姓名: '王秀英', 性别: '女', 民族: '汉族', 公民身份号码: '510903********123X', 联系电话: '139****1234',
      人群标签: '独居老人', 状态: '在册', 所属辖区: '遂宁市/船山区', 最近核实时间: '2026-03-01 10:00',
    });
    expect(cells(false)).toMatchObject({ 公民身份号码: '51090319480716123X', 联系电话: '13908251234' });
  });

  it('names event states and priorities in Chinese', () => {
    const row = LIST_COLUMNS.events.map((c) => c.value({
      title: '路灯不亮', kind: 'repair', category: null, state: 'in_progress', priority: 'urgent', slaDueAt: null, overdue: true,
      resolvedAt: null, jurisdictionName: '第一网格', createdAt: new Date('2026-11-29T00:00:00Z'),
    }));
    expect(row).toEqual(['路灯不亮', '报修', null, '处理中', '紧急', null, '已超期', null, '第一网格', '2026-11-29 08:00']);
  });
});

describe('export scope and file name', () => {
  it('covers the deepest node all of a user’s jurisdictions lie under', () => {
    expect(commonRoot(['5109.510903.510903001'])).toBe('5109.510903.510903001');
    expect(commonRoot(['5109.510903.510903001', '5109.510903.510903002'])).toBe('5109.510903');
    expect(commonRoot(['5109.510903', '5109.510904'])).toBe('5109');
    expect(commonRoot([])).toBeUndefined();
  });

  it('names the file by list and China time, marking an unmasked one', () => {
    const at = new Date('2026-11-29T07:30:00Z');
    expect(exportFileName('人口', true, at)).toBe('人口_202611291530.xlsx');
    expect(exportFileName('人口', false, at)).toBe('人口_202611291530_未脱敏.xlsx');
  });
});
