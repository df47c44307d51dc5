/**
 * When a plan's visits fall: the days of the period on the plan's weekdays, and a visit's start
 * in China Standard Time (UTC+8, no daylight saving) as an instant.
 */

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date written YYYY-MM-DD. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The dates from `from` to `to` (inclusive) that fall on one of `weekdays`. */
export function planDates(from: string, to: string, weekdays: readonly number[]): string[] {
  const out: string[] = [];
  const end = new Date(`${to}T00:00:00Z`).getTime();
  for (let t = new Date(`${from}T00:00:00Z`).getTime(); t <= end; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (weekdays.includes(isoWeekday(date))) out.push(date);
  }
  return out;
}

/** The instant of a local (UTC+8) date and time. */
export function cstInstant(date: string, time: string): Date {
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}
