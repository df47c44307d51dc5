import dayjs from 'dayjs';

/** A server timestamp as the reader expects it: 2026-03-05 14:07:31 (local time). */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** A calendar date (YYYY-MM-DD) as sent to and from the server. */
export function toDateString(d: dayjs.Dayjs): string {
  return d.format('YYYY-MM-DD');
}
