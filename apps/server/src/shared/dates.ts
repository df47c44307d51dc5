/** Today's date in China Standard Time as YYYY-MM-DD (validity dates are calendar dates in UTC+8). */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A moment as people in China read it: 'YYYY-MM-DD HH:mm' in UTC+8. */
export function chinaTime(t: Date): string {
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The first and last day of the month a date (YYYY-MM-DD) falls in. */
export function monthRange(day: string): { from: string; to: string } {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: d.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
