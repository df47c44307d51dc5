/** Today's date in China Standard Time as YYYY-MM-DD (validity dates are calendar dates in UTC+8). */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
