import { CITIZEN_ID_MESSAGES, type CitizenId, parseCitizenId } from '../../standards/citizen-id.js';
import { isValidCreditCode } from '../../standards/credit-code.js';
import { ETHNICITIES, FAMILY_RELATIONS, PERSON_TAGS } from '../../standards/codes.js';

/**
 * Spreadsheet realities, normalised or reported — never guessed. Every function takes a cell as
 * a reader yields it (string, number, Date, or empty) and returns the normal value or a problem
 * with a message in Chinese and English.
 */
export type Cell = string | number | boolean | Date | null | undefined;
export interface Problem { zh: string; en: string }
export type Normal<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Normal<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Normal<never> => ({ ok: false, problem: { zh, en } });

/** Full-width digits, letters and punctuation (Ａ１，) to ASCII; ideographic spaces to spaces; trimmed. */
const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;
export function halfWidth(s: string): string {
  // most cells have nothing to convert: one test instead of two replacements
  if (!WIDE.test(s)) return s.trim();
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/g, ' ')
    .trim();
}

/** A cell as trimmed half-width text; '' when empty. Numbers print without exponent where they can. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || Math.abs(c) >= 1e21) return String(c);
    if (Math.abs(c) < 1e15) return c.toFixed(0);
    // As Excel shows it: 15 significant digits, the rest zeros (510903195003051000)
    const [mantissa, exp] = c.toExponential(14).split('e') as [string, string];
    const digits = mantissa.replace(/[-.]/g, '');
    return (c < 0 ? '-' : '') + digits.padEnd(Number(exp) + 1, '0').slice(0, Number(exp) + 1);
  }
  return halfWidth(String(c));
}

export const isBlank = (c: Cell) => cellText(c) === '';

/** True when every cell of a row is empty (trailing blank rows, spacer rows). */
export const isBlankRow = (row: readonly Cell[]) => row.every(isBlank);

/**
 * A citizen ID from a cell. A numeric cell already lost digits in Excel (it keeps 15
 * significant digits), so it is reported even when the remains happen to pass the check.
 */
export function normalizeCitizenIdCell(c: Cell, today = new Date()): Normal<CitizenId> {
  if (typeof c === 'number') {
    const s = cellText(c);
    const m = CITIZEN_ID_MESSAGES[s.length >= 16 && s.endsWith('000') ? 'excel_rounded' : 'excel_scientific'];
    return bad(m.zh, m.en);
  }
  const text = cellText(c).replace(/^'/, '');
  const parsed = parseCitizenId(text, today);
  if (parsed.ok) return ok(parsed.value);
  const m = CITIZEN_ID_MESSAGES[parsed.problem];
  return bad(m.zh, m.en);
}

function realDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** An Excel serial day number (1900 date system, with its phantom 1900-02-29) as a date. */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  return new Date(Date.UTC(1899, 11, 31) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date from the ways spreadsheets hold one: a date cell, an Excel serial number,
 * 1950.3.5, 1950年3月5日, 1950/3/5, 1950-03-05, 19500305.
 */
export function normalizeDate(c: Cell, today = new Date()): Normal<string> {
  let iso: string | null = null;
  if (c instanceof Date) iso = Number.isNaN(c.getTime()) ? null : realDate(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  else {
    const s = cellText(c).replace(/\s+/g, '');
    let m: RegExpMatchArray | null;
    if (typeof c === 'number' || /^\d{1,5}(\.\d+)?$/.test(s)) {
      const n = Number(s);
      // 19500305 is a date written as digits, not a serial number
      if (/^\d{8}$/.test(s)) iso = realDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
      else iso = excelSerialDate(n);
    } else if ((m = s.match(/^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/))) {
      iso = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    } else if ((m = s.match(/^(\d{4})(\d{2})(\d{2})$/))) {
      iso = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    }
  }
  if (!iso) return bad(`“${cellText(c)}”不是可识别的日期（如 1950-03-05、1950.3.5、1950年3月5日）`, `"${cellText(c)}" is not a date we can read (e.g. 1950-03-05, 1950.3.5, 1950年3月5日)`);
  if (iso < '1880-01-01' || iso > today.toISOString().slice(0, 10)) return bad(`日期 ${iso} 不在合理范围内`, `The date ${iso} is out of range`);
  return ok(iso);
}

/** GB/T 2261.1 gender from 男/女/1/2 (and 男性/女性, M/F). */
export function normalizeGender(c: Cell): Normal<0 | 1 | 2 | 9> {
  const s = cellText(c).toUpperCase();
  if (['男', '男性', '1', 'M', 'MALE'].includes(s)) return ok(1);
  if (['女', '女性', '2', 'F', 'FEMALE'].includes(s)) return ok(2);
  if (['未知', '0'].includes(s)) return ok(0);
  if (['未说明', '9'].includes(s)) return ok(9);
  return bad(`性别“${s}”无法识别，应为 男/女 或 1/2`, `Gender "${s}" is not 男/女 or 1/2`);
}

/** A mobile (11 digits) or landline (area code + 7–8 digits), stripped of +86, spaces and dashes. */
export function normalizePhone(c: Cell): Normal<string> {
  const s = cellText(c).replace(/[\s\-()（）]/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s)) return ok(s);
  return bad(`联系电话“${cellText(c)}”应为11位手机号或带区号的固定电话`, `Phone "${cellText(c)}" is not an 11-digit mobile or a landline with area code`);
}

/** GB/T 3304 ethnicity from its name (汉族, 汉) or its code (01, 1). */
export function normalizeEthnicity(c: Cell): Normal<string> {
  const s = cellText(c);
  if (/^\d{1,2}$/.test(s) && ETHNICITIES[s.padStart(2, '0')]) return ok(s.padStart(2, '0'));
  for (const [code, name] of Object.entries(ETHNICITIES)) if (name === s || name.replace(/族$/, '') === s) return ok(code);
  return bad(`民族“${s}”不在 GB/T 3304 代码表中`, `Ethnicity "${s}" is not in GB/T 3304`);
}

const RELATION_ALIASES: Record<string, string> = { 本人: '02', 户主本人: '02', 丈夫: '11', 妻子: '12', 儿子: '20', 女儿: '30', 父亲: '51', 母亲: '52', 孙子女: '40' };

/** GB/T 4761 relation to the household head from its name (户主, 妻, 长子 …) or its two-digit code. */
export function normalizeRelation(c: Cell): Normal<string> {
  const s = cellText(c);
  if (/^\d{1,2}$/.test(s) && FAMILY_RELATIONS[s.padStart(2, '0')]) return ok(s.padStart(2, '0'));
  if (RELATION_ALIASES[s]) return ok(RELATION_ALIASES[s]);
  for (const [code, name] of Object.entries(FAMILY_RELATIONS)) if (name === s && code !== '01') return ok(code);
  return bad(`与户主关系“${s}”不在 GB/T 4761 代码表中`, `Relation "${s}" is not in GB/T 4761`);
}

/** Group tags from names or codes separated by 、,，;； or spaces. */
export function normalizeTags(c: Cell): Normal<string[]> {
  const parts = cellText(c).split(/[、,，;；\s]+/).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const code = p in PERSON_TAGS ? p : Object.entries(PERSON_TAGS).find(([, v]) => v.zh === p)?.[0];
    if (!code) return bad(`人群标签“${p}”无法识别`, `Unknown group tag "${p}"`);
    if (!out.includes(code)) out.push(code);
  }
  return ok(out);
}

/** GB 32100 unified social credit code, upper-cased and checked. */
export function normalizeCreditCode(c: Cell): Normal<string> {
  const s = cellText(c).replace(/\s+/g, '').toUpperCase();
  if (isValidCreditCode(s)) return ok(s);
  return bad('统一社会信用代码应为18位且校验码正确', 'The unified social credit code must have 18 characters and a valid check character');
}

/** Plain text limited in length (names, addresses). */
export function normalizeText(c: Cell, max: number, label: { zh: string; en: string }): Normal<string> {
  const s = cellText(c).replace(/\s+/g, ' ');
  if (s.length > max) return bad(`${label.zh}超过${max}个字`, `${label.en} is longer than ${max} characters`);
  return ok(s);
}

/** Positive integer (floors, unit numbers). */
export function normalizeInt(c: Cell, label: { zh: string; en: string }, min = 1, max = 999): Normal<number> {
  const s = cellText(c).replace(/[层楼单元栋号幢]$/g, '');
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < min || n > max) return bad(`${label.zh}“${cellText(c)}”应为 ${min}–${max} 的整数`, `${label.en} "${cellText(c)}" must be a whole number ${min}–${max}`);
  return ok(n);
}

/** Area in square metres. */
export function normalizeArea(c: Cell): Normal<number> {
  const s = cellText(c).replace(/(㎡|m2|平方米|平米)$/i, '');
  const n = Number(s);
  if (!s || !Number.isFinite(n) || n <= 0 || n > 100_000) return bad(`面积“${cellText(c)}”应为正数（平方米）`, `Area "${cellText(c)}" must be a positive number of square metres`);
  return ok(Math.round(n * 100) / 100);
}
