/** Usernames as the server takes them (it lowercases): 2–40 letters, digits, _ . - */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,40}$/;

/** Mobile (11 digits) or landline with area code; spaces, dashes and +86 are ignored as the server does. */
export function isPhoneNumber(value: string): boolean {
  const v = value.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}\d{7,8}$/.test(v);
}
