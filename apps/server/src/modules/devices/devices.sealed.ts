import type { FieldCipher } from '../../crypto/field-cipher.js';

/**
 * The devices module's sealed values (SECURITY.md: GPS tracks and health data are encrypted field
 * by field). Each is one `sealJson` token bound to its `table.column`; the database never sees a
 * coordinate or a measure, so everything computed on them (safe zones, limits, the live map) runs
 * here in Node on the values before sealing or after opening. Null members are left out.
 */
export const SEALED = {
  fix: 'device_position.fix_enc',
  lastFix: 'device.last_fix_enc',
  alertPosition: 'device_alert.position_enc',
  measures: 'health_reading.measures_enc',
  abnormal: 'health_reading.abnormal_enc',
  limits: 'health_threshold.limits_enc',
} as const;

/** One fix as sealed in `device_position.fix_enc` (and, without the motion, `device.last_fix_enc`). */
export interface SealedFix {
  lat: number;
  lng: number;
  accuracy?: number | null;
  altitude?: number | null;
  speed?: number | null;
  course?: number | null;
}

const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** Seals and opens the module's values with the field cipher (the key never reaches the database). */
export function devicesSeal(cipher: FieldCipher) {
  return {
    fix: (f: SealedFix) => cipher.sealJson(compact(f), SEALED.fix),
    openFix: (token: string) => withNulls(cipher.openJson<SealedFix>(token, SEALED.fix)),
    lastFix: (f: { lat: number; lng: number; accuracy: number | null }) => cipher.sealJson(compact(f), SEALED.lastFix),
    openLastFix: (token: string | null) => (token ? withNulls(cipher.openJson<SealedFix>(token, SEALED.lastFix)) : null),
    alertPosition: (p: { lat: number; lng: number } | null) => (p ? cipher.sealJson({ lat: p.lat, lng: p.lng }, SEALED.alertPosition) : null),
    openAlertPosition: (token: string | null) => (token ? cipher.openJson<{ lat: number; lng: number }>(token, SEALED.alertPosition) : null),
    measures: (m: Record<string, number | boolean>) => cipher.sealJson(m, SEALED.measures),
    openMeasures: (token: string) => cipher.openJson<Record<string, number | boolean>>(token, SEALED.measures),
    abnormal: (metrics: string[]) => cipher.sealJson(metrics, SEALED.abnormal),
    openAbnormal: (token: string) => cipher.openJson<string[]>(token, SEALED.abnormal),
    limits: (l: { low: number | null; high: number | null }) => cipher.sealJson({ low: l.low, high: l.high }, SEALED.limits),
    openLimits: (token: string) => cipher.openJson<{ low: number | null; high: number | null }>(token, SEALED.limits),
  };
}

export type DevicesSeal = ReturnType<typeof devicesSeal>;

const withNulls = (f: SealedFix) => ({
  lat: f.lat, lng: f.lng, accuracy: f.accuracy ?? null, altitude: f.altitude ?? null, speed: f.speed ?? null, course: f.course ?? null,
});
