import type { DictKey } from '../../../i18n/dict';
import type { ExceptionKind, OrderStatus } from '../types';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'dispatched', 'in_progress', 'completed', 'cancelled'];
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['check_in_distance', 'check_out_distance', 'missing_photo', 'too_short', 'overlap', 'elsewhere', 'photo_reused', 'impossible_travel'];
export const REASON_CODES = ['gps_drift', 'elder_outside', 'device_problem', 'network', 'emergency', 'staff_error', 'fraud_suspected', 'other'] as const;
export const RESOLUTION_CODES = ['accepted', 'corrected', 'revisit', 'not_billed', 'warning', 'referred', 'other'] as const;
export const NEEDS = ['meals', 'hygiene', 'housework', 'medical', 'mobility', 'rehabilitation', 'loneliness', 'dementia'] as const;

export const STATUS_COLOR: Record<OrderStatus, string> = { pending: 'default', dispatched: 'blue', in_progress: 'processing', completed: 'green', cancelled: 'default' };
export const statusKey = (s: OrderStatus) => `care.status.${s}` as DictKey;
export const kindKey = (k: ExceptionKind) => `care.kind.${k}` as DictKey;
export const evvKey = (e: string) => `care.evv.${e}` as DictKey;

/** A time as a Chinese reader expects it, in China Standard Time: 2026-11-30 09:00. */
export function cstTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = new Date(new Date(v).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** Today's date in China Standard Time (YYYY-MM-DD). */
export function cstToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Metres between two points (haversine), for showing how far a check-in was from the home. */
export function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
  return Math.round(2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** One exception's detail as a line a supervisor reads. */
export function exceptionDetail(kind: ExceptionKind, d: Record<string, unknown>, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (kind) {
    case 'check_in_distance':
    case 'check_out_distance':
      return zh ? `距住址 ${d.distanceM} 米（容差 ${d.toleranceM} 米）` : `${d.distanceM} m from home (tolerance ${d.toleranceM} m)`;
    case 'too_short':
      return zh ? `服务 ${d.minutes} 分钟，至少应 ${d.requiredMin} 分钟` : `${d.minutes} min, at least ${d.requiredMin} min required`;
    case 'missing_photo':
      return zh ? `缺少：${(d.stages as string[]).map((s) => (s === 'check_in' ? '签到照片' : '签出照片')).join('、')}` : `Missing: ${(d.stages as string[]).join(', ')}`;
    case 'overlap':
      return zh ? `与 ${(d.orders as string[]).length} 次服务时间重叠` : `Overlaps ${(d.orders as string[]).length} other visit(s)`;
    case 'elsewhere':
      return zh ? `手表定位距住址 ${d.distanceM} 米` : `Watch ${d.distanceM} m from home`;
    case 'impossible_travel':
      return zh ? `距上一次签到/签出 ${((d.distanceM as number) / 1000).toFixed(1)} 公里，仅隔 ${d.minutes} 分钟（至少需 ${d.requiredMin} 分钟）` : `${((d.distanceM as number) / 1000).toFixed(1)} km from the previous check-in/out in ${d.minutes} min (needs ${d.requiredMin} min)`;
    case 'photo_reused':
      return zh ? `与 ${(d.matches as unknown[]).length} 张其他服务照片相同` : `Same as ${(d.matches as unknown[]).length} photo(s) of other visits`;
  }
}
