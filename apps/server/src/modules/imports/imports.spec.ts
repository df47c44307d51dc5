import { describe, expect, it } from 'vitest';
import { makeCitizenId } from '../../standards/citizen-id.js';
import { chineseNumber, parseAddress } from './address.js';
import { autoMap, detectHeader, mappingProblems } from './fields.js';
import {
  cellText, excelSerialDate, halfWidth, isBlankRow, normalizeCitizenIdCell, normalizeCreditCode, normalizeDate, normalizeEthnicity,
  normalizeGender, normalizePhone, normalizeRelation, normalizeTags,
} from './normalize.js';

const today = new Date('2026-11-29T00:00:00Z');
const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);
const problem = (r: { ok: true } | { ok: false; problem: { zh: string; en: string } }) => (r.ok ? undefined : r.problem.zh);

describe('citizen IDs from spreadsheet cells', () => {
  const id = makeCitizenId('510903', '1950-03-05', 123);
  it('reads a valid ID written as text, with full-width digits, spaces or a lower-case x', () => {
    expect(value(normalizeCitizenIdCell(id, today))?.number).toBe(id);
    const fw = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(value(normalizeCitizenIdCell(` ${fw} `, today))?.number).toBe(id);
    expect(value(normalizeCitizenIdCell(`'${id}`, today))?.number).toBe(id);
    expect(value(normalizeCitizenIdCell('11010519491231002x', today))?.number).toBe('11010519491231002X');
  });
  it('reports scientific notation and numbers rounded to 000 by Excel, never fixing them', () => {
    expect(problem(normalizeCitizenIdCell('5.10903E+17', today))).toMatch(/科学计数法/);
    expect(problem(normalizeCitizenIdCell(`${id.slice(0, 15)}000`, today))).toMatch(/000/);
    // a numeric cell has lost digits even if the remains pass the check
    expect(problem(normalizeCitizenIdCell(510903195003051000, today))).toMatch(/000/);
    expect(problem(normalizeCitizenIdCell(5.10903e17, today))).toMatch(/Excel/);
  });
  it('tells a wrong check character from Excel damage', () => {
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(problem(normalizeCitizenIdCell(wrong, today))).toMatch(/校验码/);
  });
});

describe('dates', () => {
  it.each([
    ['1950.3.5', '1950-03-05'], ['1950年3月5日', '1950-03-05'], ['1950/3/5', '1950-03-05'], ['19500305', '1950-03-05'],
    ['1950-03-05', '1950-03-05'], ['１９５０．３．５', '1950-03-05'], [18327, '1950-03-05'], ['18327', '1950-03-05'],
  ])('reads %s', (raw, iso) => {
    expect(value(normalizeDate(raw, today))).toBe(iso);
  });
  it('reads a date cell and the Excel serial calendar around its phantom 1900-02-29', () => {
    expect(value(normalizeDate(new Date(Date.UTC(1950, 2, 5)), today))).toBe('1950-03-05');
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(61)).toBe('1900-03-01');
  });
  it('refuses impossible and future dates, naming the value', () => {
    expect(problem(normalizeDate('1950.2.30', today))).toMatch(/1950\.2\.30/);
    expect(problem(normalizeDate('2030-01-01', today))).toMatch(/范围/);
    expect(problem(normalizeDate('去年', today))).toMatch(/日期/);
  });
});

describe('gender, phone, ethnicity, relation, tags, credit code', () => {
  it('reads 男/女/1/2', () => {
    expect([normalizeGender('男'), normalizeGender('女'), normalizeGender(1), normalizeGender('２')].map(value)).toEqual([1, 2, 1, 2]);
    expect(problem(normalizeGender('X'))).toMatch(/性别/);
  });
  it('strips +86, spaces and dashes from phones and refuses short ones', () => {
    expect(value(normalizePhone('+86 138-0825-1234'))).toBe('13808251234');
    expect(value(normalizePhone('８６１３８０８２５１２３４'))).toBe('13808251234');
    expect(value(normalizePhone('0825-2221234'))).toBe('08252221234');
    expect(value(normalizePhone(13808251234))).toBe('13808251234');
    expect(problem(normalizePhone('1380825'))).toMatch(/11位/);
  });
  it('maps names and codes to GB/T 3304 and GB/T 4761', () => {
    expect(value(normalizeEthnicity('汉族'))).toBe('01');
    expect(value(normalizeEthnicity('回'))).toBe('03');
    expect(value(normalizeEthnicity(1))).toBe('01');
    expect(problem(normalizeEthnicity('火星族'))).toMatch(/GB\/T 3304/);
    expect([normalizeRelation('户主'), normalizeRelation('妻'), normalizeRelation('长子'), normalizeRelation('10'), normalizeRelation('本人')].map(value)).toEqual(['02', '12', '22', '10', '02']);
    expect(problem(normalizeRelation('朋友'))).toMatch(/GB\/T 4761/);
  });
  it('reads tags by name or code, and refuses unknown ones', () => {
    expect(value(normalizeTags('独居老人、低保，disabled'))).toEqual(['elderly_alone', 'low_income', 'disabled']);
    expect(problem(normalizeTags('VIP'))).toMatch(/VIP/);
  });
  it('checks GB 32100 credit codes', () => {
    expect(value(normalizeCreditCode(' 91350100m000100y43 '))).toBe('91350100M000100Y43');
    expect(problem(normalizeCreditCode('91350100M000100Y44'))).toMatch(/校验/);
  });
  it('makes full-width text half-width and knows blank rows', () => {
    expect(halfWidth('　ＡＢ１２　')).toBe('AB12');
    expect(cellText(510903195003051000)).toBe('510903195003051000');
    expect(isBlankRow(['', null, '　', undefined])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});

describe('headers', () => {
  it('finds the header row under a merged title and a merged group row, mapping synonyms', () => {
    const rows = [
      ['电江路社区人口信息登记表', null, null, null, null],
      ['基本信息', null, null, '联系方式', null],
      ['序号', '居民姓名*', '公民身份号码（必填）', '手机号码', '现 住 址'],
      [1, '张三', '11010519491231002X', '13800000000', 'x'],
    ];
    const guess = detectHeader('people', rows)!;
    expect(guess.headerRow).toBe(2);
    expect(guess.mapping).toEqual({ 1: 'name', 2: 'citizenId', 3: 'phone', 4: 'residenceAddress' });
  });
  it('takes the merged group text for a blank header cell, and maps each field once', () => {
    const rows = [['姓名', '联系电话', null], ['张三', '1', '2']];
    expect(detectHeader('people', [['', '', '身份证号'], ...rows])!.headers).toEqual(['姓名', '联系电话', '身份证号']);
    expect(autoMap('people', ['姓名', '电话', '手机号'])).toEqual({ 0: 'name', 1: 'phone' });
  });
  it('names what a mapping lacks', () => {
    expect(mappingProblems('people', { 0: 'phone' }).map((p) => p.zh)).toContain('缺少必填列“姓名”');
    expect(mappingProblems('people', { 0: 'name', 1: 'name' }).map((p) => p.zh)).toContain('字段“姓名”对应了多列');
    expect(mappingProblems('houses', { 0: 'estate' })).toHaveLength(1);
    expect(detectHeader('people', [['a', 'b'], ['c', 'd']])).toBeNull();
  });
});

describe('addresses', () => {
  it('parses 遂宁市船山区XX街道XX小区3栋2单元501', () => {
    expect(parseAddress('遂宁市船山区南津路街道滨江小区3栋2单元501')).toEqual({
      division: '遂宁市船山区南津路街道', estate: '滨江小区', building: '3栋', unit: 2, floor: 5, number: '501',
    });
  });
  it.each([
    ['四川省遂宁市安居区柔刚街道金色家园十二幢1单元1203室', { estate: '金色家园', building: '12栋', unit: 1, floor: 12, number: '1203' }],
    ['滨江花园3号楼501', { estate: '滨江花园', building: '3栋', unit: 1, floor: 5, number: '501' }],
    ['电江路社区锦华苑２栋二单元３楼３０２号', { estate: '锦华苑', building: '2栋', unit: 2, floor: 3, number: '302' }],
    ['遂宁市船山区东城小区1栋1单元0101', { estate: '东城小区', building: '1栋', unit: 1, floor: 1, number: '0101' }],
  ])('parses %s', (raw, expected) => {
    expect(parseAddress(raw)).toMatchObject(expected);
  });
  it('returns null when there is no building and house number', () => {
    expect(parseAddress('遂宁市船山区南津路街道')).toBeNull();
    expect(parseAddress('3栋2单元501')).toBeNull();
    expect(parseAddress('滨江小区3栋2单元5')).toBeNull();
  });
  it('reads Chinese numerals', () => {
    expect([chineseNumber('三'), chineseNumber('十'), chineseNumber('十二'), chineseNumber('二十'), chineseNumber('二十三'), chineseNumber('七七')]).toEqual([3, 10, 12, 20, 23, null]);
  });
});
