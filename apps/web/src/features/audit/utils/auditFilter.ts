import type { Dayjs } from 'dayjs';
import type { AuditQuery } from '../../../api/types';

/** What the filter form holds. */
export interface AuditFilterValues {
  action?: string;
  username?: string;
  outcome?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * The list's filter. `from`/`to` are ISO date-times; the server's schema coerces them to dates and
 * so publishes them untyped, hence they are declared here.
 */
export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit' | 'from' | 'to'> & { from?: string; to?: string };

/** The form's values as query parameters: whole days, from the start of the first to the end of the last. */
export function toAuditFilter(v: AuditFilterValues): AuditFilter {
  const [from, to] = v.range ?? [null, null];
  return {
    ...(v.action ? { action: v.action } : {}),
    ...(v.username?.trim() ? { username: v.username.trim() } : {}),
    ...(v.outcome ? { outcome: v.outcome } : {}),
    ...(from ? { from: from.startOf('day').toISOString() } : {}),
    ...(to ? { to: to.endOf('day').toISOString() } : {}),
  };
}
