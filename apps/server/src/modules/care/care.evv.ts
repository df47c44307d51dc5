/**
 * 服务核查 — the Electronic Visit Verification rules as pure functions: each takes what a visit
 * recorded and answers whether it breaks the rule, with the figures that show why. The service
 * gathers the inputs (home position, other visits, watch fixes, photo hashes) and stores what
 * these return as exceptions; nothing here touches the database.
 */

export interface Point { lat: number; lon: number }
export interface Fix extends Point { at: Date; accuracy?: number | null }

/** The exception kinds, in the order a supervisor reads them. */
export const EXCEPTION_KINDS = ['check_in_distance', 'check_out_distance', 'missing_photo', 'too_short', 'overlap', 'elsewhere', 'photo_reused', 'impossible_travel'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
/** Their names, as the cube, the exports and the supervisor's screens show them. */
export const EXCEPTION_KIND_NAMES: Record<ExceptionKind, { zh: string; en: string }> = {
  check_in_distance: { zh: '签到位置超出范围', en: 'Check-in too far from home' },
  check_out_distance: { zh: '签出位置超出范围', en: 'Check-out too far from home' },
  missing_photo: { zh: '缺少服务照片', en: 'Photo missing' },
  too_short: { zh: '服务时长不足', en: 'Visit too short' },
  overlap: { zh: '护理员服务时间重叠', en: 'Overlapping visits' },
  elsewhere: { zh: '老人定位不在家', en: 'Elder elsewhere (watch)' },
  photo_reused: { zh: '照片重复使用', en: 'Photo reused' },
  impossible_travel: { zh: '行程时间不足', en: 'Impossible travel' },
};

/** The fastest a caregiver is taken to cross a city between visits (km/h, e-bike or car on city roads). */
export const TRAVEL_KMH = 40;
/** Metres of the two fixes' own error forgiven before travel is called impossible. */
export const TRAVEL_SLACK_M = 500;

/**
 * 不可能的行程: a check-in farther from the caregiver's previous recorded position (the last
 * check-in or check-out before it, at another elder's home) than travel at `kmh` allows in the
 * time between them. Answers the figures, or null when the journey was possible.
 */
export function impossibleTravel(
  prev: Point & { at: Date; orderId: string } | null, next: Point & { at: Date }, kmh = TRAVEL_KMH, slackM = TRAVEL_SLACK_M,
): { fromOrderId: string; distanceM: number; minutes: number; requiredMin: number } | null {
  if (!prev) return null;
  const d = distanceM(prev, next);
  const minutes = Math.max(0, (next.at.getTime() - prev.at.getTime()) / 60000);
  if (d - slackM <= (kmh * 1000 * minutes) / 60) return null;
  return { fromOrderId: prev.orderId, distanceM: Math.round(d), minutes: Math.round(minutes), requiredMin: Math.ceil(((d - slackM) * 60) / (kmh * 1000)) };
}

/** Two 64-bit perceptual hashes this close (in bits) are the same picture, re-encoded or scaled. */
export const PHASH_SAME_BITS = 6;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine; a few metres off at city scale is fine for a 300 m rule). */
export function distanceM(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A check-in or check-out farther from the home than the provider's tolerance. The phone's own
 * accuracy is not added: a fix too vague to place the caregiver at the door is for staff to judge.
 */
export function distanceBreach(at: Point, home: Point, toleranceM: number): { distanceM: number; toleranceM: number } | null {
  const d = distanceM(at, home);
  return d > toleranceM ? { distanceM: Math.round(d), toleranceM } : null;
}

/** A visit shorter than the given share of the service's standard duration. */
export function tooShort(checkIn: Date, checkOut: Date, standardMin: number, share: number): { minutes: number; requiredMin: number } | null {
  const minutes = (checkOut.getTime() - checkIn.getTime()) / 60000;
  const requiredMin = Math.ceil(standardMin * share);
  return minutes < requiredMin ? { minutes: Math.floor(minutes), requiredMin } : null;
}

export interface Interval { id: string; start: Date; end: Date }

/** The other visits of the same caregiver whose time overlaps this one (touching ends do not overlap). */
export function overlapping(visit: Interval, others: Interval[]): string[] {
  return others
    .filter((o) => o.id !== visit.id && o.start < visit.end && visit.start < o.end)
    .map((o) => o.id);
}

/** The stages without a photo; a visit is proven by a photo at check-in and at check-out. */
export function missingPhotos(stages: readonly string[]): ('check_in' | 'check_out')[] {
  return (['check_in', 'check_out'] as const).filter((s) => !stages.includes(s));
}

/**
 * The elder's watch placing them elsewhere during the visit: a fix inside the visit's time that is
 * farther from the home than the tolerance plus the fix's own accuracy. One such fix is enough;
 * an imprecise fix (cell towers only) seldom qualifies, by its large accuracy.
 */
export function elsewhere(fixes: Fix[], home: Point, start: Date, end: Date, toleranceM: number): { at: string; distanceM: number; accuracy: number } | null {
  for (const f of fixes) {
    if (f.at < start || f.at > end) continue;
    const accuracy = f.accuracy ?? 0;
    const d = distanceM(f, home);
    if (d > toleranceM + accuracy) return { at: f.at.toISOString(), distanceM: Math.round(d), accuracy };
  }
  return null;
}

/** Bits that differ between two 64-bit hashes written as 16 hex digits. */
export function hammingHex(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

/** The photos of other visits that are the same picture as this one. */
export function reusedFrom(hash: string, others: { orderId: string; photoId: string; phash: string }[], maxBits = PHASH_SAME_BITS) {
  return others.filter((o) => hammingHex(hash, o.phash) <= maxBits).map((o) => ({ orderId: o.orderId, photoId: o.photoId, bits: hammingHex(hash, o.phash) }));
}

/**
 * pHash of a greyscale 32×32 image (row-major, 1024 values): the 8×8 lowest frequencies of its
 * 2-D DCT, each bit set when the coefficient is above their median (the DC term left out of the
 * median, as it only says how bright the picture is). Robust to re-encoding and scaling.
 */
export function phashOfGrey32(pixels: ArrayLike<number>): string {
  const N = 32;
  if (pixels.length !== N * N) throw new Error('phash needs 32×32 pixels');
  const cos = Array.from({ length: 8 }, (_, k) => Array.from({ length: N }, (_, n) => Math.cos(((2 * n + 1) * k * Math.PI) / (2 * N))));
  // rows first, then columns: only the 8 lowest frequencies of each are needed
  const rows: number[][] = [];
  for (let y = 0; y < N; y++) {
    rows.push(cos.map((c) => {
      let s = 0;
      for (let x = 0; x < N; x++) s += pixels[y * N + x]! * c[x]!;
      return s;
    }));
  }
  const coef: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y]![u]! * cos[v]![y]!;
      coef.push(s);
    }
  }
  const median = [...coef.slice(1)].sort((a, b) => a - b)[31]!;
  let bits = 0n;
  for (const c of coef) bits = (bits << 1n) | (c > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}
