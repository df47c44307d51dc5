/**
 * 公民身份号码 (GB 11643-1999) as the form reads it: the birth date and gender are inside the
 * number, so the form fills them in and the user does not type them twice. The server checks the
 * number again; this only lets the user hear about a typo before submitting.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type CitizenIdProblem = 'format' | 'checksum' | 'birthDate';

export interface CitizenIdFacts {
  number: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** GB/T 2261.1: 1 male, 2 female (odd sequence = male). */
  gender: 1 | 2;
}

/** Strips spaces and full-width characters, upper-cases x — as the server does. */
export function normalizeCitizenId(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The birth date and gender a citizen ID carries, or what is wrong with it. */
export function readCitizenId(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: CitizenIdFacts } | { ok: false; problem: CitizenIdProblem } {
  const n = normalizeCitizenId(raw);
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, problem: 'format' };
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1880 || date.getTime() > today.getTime()) return { ok: false, problem: 'birthDate' };
  if (checkCharacter(n.slice(0, 17)) !== n[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    value: { number: n, birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`, gender: Number(n[16]) % 2 === 1 ? 1 : 2 },
  };
}
