import { halfWidth } from './normalize.js';

/** A house address taken apart: estate (小区) → building (楼栋) → unit (单元) → house (房号). */
export interface ParsedAddress {
  /** The administrative part before the estate (遂宁市船山区南津路街道), kept for the record. */
  division: string;
  estate: string;
  building: string;
  unit: number;
  floor: number;
  number: string;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20 (building and unit numbers written in Chinese). */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = s.match(/^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]]! : null;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

// Administrative prefixes, in order; each may appear once. A district ending 区 is not a 小区.
const PREFIXES = [
  /^[\u4e00-\u9fa5]{2,8}?(省|自治区)/,
  /^[\u4e00-\u9fa5]{2,8}?市/,
  /^[\u4e00-\u9fa5]{1,6}?(区|县|市)/,
  /^[\u4e00-\u9fa5\d]{2,10}?(街道|镇|乡)/,
  /^[\u4e00-\u9fa5\d]{2,10}?(社区|居委会|村委会)/,
];

const NUM = '(\\d+|[一二两三四五六七八九十]+)';
const TAIL = new RegExp(`${NUM}\\s*(?:栋|幢|号楼|座)\\s*(?:${NUM}\\s*单元)?\\s*(?:(-?\\d+)\\s*(?:楼|层))?\\s*(?:(\\d+)\\s*(?:号|室|房)?)$`);

/**
 * Parses an address such as 遂宁市船山区XX街道XX小区3栋2单元501 into its estate, building
 * (as the registry names them: `3栋`), unit, floor and house number. The floor is the number
 * without its last two digits (501 → 5, 1203 → 12) unless written (5楼501). Returns null when
 * the address does not end with a building and a house number: the importer reports it.
 */
export function parseAddress(raw: string): ParsedAddress | null {
  const s = halfWidth(raw).replace(/\s+/g, '');
  const tail = s.match(TAIL);
  if (!tail || tail.index === undefined) return null;
  const building = chineseNumber(tail[1]!);
  const unit = tail[2] ? chineseNumber(tail[2]) : 1;
  const number = tail[4]!;
  if (building === null || unit === null) return null;
  let floor = tail[3] !== undefined ? Number(tail[3]) : number.length >= 3 ? Number(number.slice(0, -2)) : NaN;
  if (!Number.isFinite(floor) || floor === 0) floor = NaN;
  if (Number.isNaN(floor)) return null;
  let head = s.slice(0, tail.index);
  let division = '';
  for (const p of PREFIXES) {
    const m = head.match(p);
    if (m && !m[0].endsWith('小区') && m[0].length < head.length) {
      division += m[0];
      head = head.slice(m[0].length);
    }
  }
  const estate = head.replace(/[,，、]$/, '');
  if (!estate) return null;
  return { division, estate, building: `${building}栋`, unit, floor, number };
}
