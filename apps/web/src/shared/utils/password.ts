/** The character classes the password rule counts: upper, lower, digit, special. */
const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

/**
 * The part of the password rule the browser can check (length and character classes), so the
 * user hears about it before submitting; history (last 5) is the server's to check.
 */
export function isStrongPassword(password: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH) return false;
  return CLASSES.filter((re) => re.test(password)).length >= PASSWORD_MIN_CLASSES;
}

// Look-alike characters (0/O, 1/l/I) are left out: these passwords are read out or copied by hand.
const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#$%&*+=?!'] as const;

/**
 * A random password an administrator can hand over (initial or reset); it always meets the rule,
 * using all four classes.
 */
export function generatePassword(
  length = 12,
  random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n)),
): string {
  const all = SETS.join('');
  const r = Array.from(random(length * 2));
  const pick = (from: string, i: number) => from.charAt((r[i] ?? 0) % from.length);
  const chars = SETS.map((set, i) => pick(set, i));
  for (let i = SETS.length; i < length; i++) chars.push(pick(all, i));
  // Fisher–Yates with the second half of the random numbers so class positions are not fixed.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = (r[length + i] ?? 0) % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
