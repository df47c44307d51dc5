/** Today's date in China Standard Time as YYYY-MM-DD (validity dates are calendar dates in UTC+8). */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A moment as people in China read it: 'YYYY-MM-DD HH:mm' in UTC+8. */
export function chinaTime(t: Date): string {
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
