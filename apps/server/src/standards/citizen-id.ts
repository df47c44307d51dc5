/**
 * 公民身份号码 — GB 11643-1999. 18 characters: 6-digit address code, birth date YYYYMMDD,
 * 3-digit sequence (odd = male), check character from a weighted sum mod 11.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type CitizenIdProblem =
  | 'format' // not 18 characters of digits with a final digit or X
  | 'checksum'
  | 'birth_date' // not a real date, or in the future
  | 'excel_scientific' // 5.10903E+17: Excel turned it into a number
  | 'excel_rounded'; // last digits rounded to 000 by Excel

export interface CitizenId {
  number: string;
  birthDate: string; // YYYY-MM-DD
  gender: 1 | 2; // GB/T 2261.1: 1 male, 2 female
  divisionCode: string;
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Upper-cases x, strips spaces and full-width digits; does not guess at anything else. */
export function normalizeCitizenId(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Parses a citizen ID, or tells what is wrong with it (Excel damage is told apart). */
export function parseCitizenId(raw: string, today = new Date()): { ok: true; value: CitizenId } | { ok: false; problem: CitizenIdProblem } {
  const n = normalizeCitizenId(raw);
  if (/^\d(\.\d+)?E\+?\d+$/i.test(n)) return { ok: false, problem: 'excel_scientific' };
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, problem: 'format' };
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  if (!realDate(y, m, d) || y < 1880 || Date.UTC(y, m - 1, d) > today.getTime()) return { ok: false, problem: 'birth_date' };
  if (checkCharacter(n.slice(0, 17)) !== n[17]) return { ok: false, problem: n.endsWith('000') ? 'excel_rounded' : 'checksum' };
  return {
    ok: true,
    value: {
      number: n,
      birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
      gender: Number(n[16]) % 2 === 1 ? 1 : 2,
      divisionCode: n.slice(0, 6),
    },
  };
}

/** Upgrades an old 15-digit number (pre-1999) to 18 digits: "19" before YY, then the check. */
export function upgrade15(old: string): string | null {
  if (!/^\d{15}$/.test(old)) return null;
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/** Messages for each problem, in both languages. */
export const CITIZEN_ID_MESSAGES: Record<CitizenIdProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号应为18位，前17位为数字，末位为数字或X', en: 'A citizen ID has 18 characters: 17 digits and a digit or X' },
  checksum: { zh: '身份证号校验码不正确', en: 'The citizen ID check character is wrong' },
  birth_date: { zh: '身份证号中的出生日期不是有效日期', en: 'The birth date inside the citizen ID is not a real date' },
  excel_scientific: { zh: '身份证号被 Excel 转成了科学计数法，原号码已丢失，请将该列设为文本后重新录入', en: 'Excel turned the citizen ID into a number (scientific notation); set the column to text and enter it again' },
  excel_rounded: { zh: '身份证号末三位疑被 Excel 截为000，请核对原始号码', en: 'The last digits look rounded to 000 by Excel; check the original number' },
};

/** A valid number for a division, birth date and sequence (demo data and tests; odd = male). */
export function makeCitizenId(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
