/**
 * Valid 公民身份号码 (GB 11643) for people the browser tests register, written out here rather
 * than taken from the server's code, so a wrong check character there cannot go unnoticed.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The 18th character of a citizen ID from its first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * A citizen ID for a division, a real birth date (YYYY-MM-DD) and a sequence number; the
 * sequence's parity is the gender (odd: male), as the standard has it.
 */
export function citizenId(division: string, birthDate: string, seq: number, gender: 'male' | 'female'): string {
  const s = (seq % 500) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${division}${birthDate.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`not a citizen ID prefix: ${first17}`);
  return first17 + checkCharacter(first17);
}

/** The masked form every list shows (510903********123X). */
export function maskedCitizenId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}
