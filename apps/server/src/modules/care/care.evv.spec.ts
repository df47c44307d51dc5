import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { distanceBreach, distanceM, elsewhere, hammingHex, impossibleTravel, missingPhotos, overlapping, PHASH_SAME_BITS, phashOfGrey32, reusedFrom, tooShort } from './care.evv.js';
import { generatedPhoto, phashOf } from './care.photos.js';
import { planDates } from './care.schedule.js';

const home = { lat: 30.5331, lon: 105.5929 };
/** A point `m` metres north of the home (1° latitude ≈ 111.2 km). */
const north = (m: number) => ({ lat: home.lat + m / 111_195, lon: home.lon });
const t = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`);

describe('distance (geometry)', () => {
  it('measures metres on the sphere', () => {
    expect(distanceM(home, home)).toBe(0);
    expect(distanceM(home, north(1000))).toBeGreaterThan(995);
    expect(distanceM(home, north(1000))).toBeLessThan(1005);
    // Suining to Chengdu is about 150 km
    expect(distanceM(home, { lat: 30.657, lon: 104.066 })).toBeGreaterThan(140_000);
    expect(distanceM(home, { lat: 30.657, lon: 104.066 })).toBeLessThan(160_000);
  });
  it('raises a check-in or check-out beyond the tolerance, not one within it', () => {
    expect(distanceBreach(north(250), home, 300)).toBeNull();
    expect(distanceBreach(north(350), home, 300)).toEqual({ distanceM: 350, toleranceM: 300 });
    expect(distanceBreach(north(350), home, 400)).toBeNull();
  });
});

describe('duration', () => {
  it('raises a visit shorter than the share of the standard duration', () => {
    expect(tooShort(t('09:00'), t('09:20'), 60, 0.5)).toEqual({ minutes: 20, requiredMin: 30 });
    expect(tooShort(t('09:00'), t('09:30'), 60, 0.5)).toBeNull();
    expect(tooShort(t('09:00'), t('09:40'), 60, 0.8)).toEqual({ minutes: 40, requiredMin: 48 });
  });
});

describe('overlap of one caregiver’s visits', () => {
  const visit = { id: 'a', start: t('09:00'), end: t('10:00') };
  it('finds visits that share time, not those that only touch', () => {
    expect(overlapping(visit, [
      { id: 'b', start: t('09:45'), end: t('10:30') },
      { id: 'c', start: t('10:00'), end: t('11:00') },
      { id: 'd', start: t('08:00'), end: t('09:00') },
      { id: 'e', start: t('08:00'), end: t('12:00') },
      { id: 'a', start: t('09:00'), end: t('10:00') },
    ])).toEqual(['b', 'e']);
  });
});

describe('photos', () => {
  it('asks for a photo at check-in and at check-out', () => {
    expect(missingPhotos(['check_in', 'during', 'check_out'])).toEqual([]);
    expect(missingPhotos(['during', 'check_out'])).toEqual(['check_in']);
    expect(missingPhotos([])).toEqual(['check_in', 'check_out']);
  });
  it('counts differing bits of two hashes', () => {
    expect(hammingHex('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingHex('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingHex('00000000000000ff', '000000000000000f')).toBe(4);
  });
  it('hashes a flat picture and a gradient differently', () => {
    const flat = phashOfGrey32(new Array(1024).fill(128));
    const ramp = phashOfGrey32(Array.from({ length: 1024 }, (_, i) => (i % 32) * 8));
    expect(flat).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingHex(flat, ramp)).toBeGreaterThan(PHASH_SAME_BITS);
  });
  it('knows a picture re-encoded and scaled down, and tells two pictures apart', async () => {
    const photo = await generatedPhoto(7);
    const again = await sharp(photo).resize(200).jpeg({ quality: 40 }).toBuffer();
    const other = await generatedPhoto(8);
    const [a, b, c] = [await phashOf(photo), await phashOf(again), await phashOf(other)];
    expect(again.equals(photo)).toBe(false);
    expect(hammingHex(a, b)).toBeLessThanOrEqual(PHASH_SAME_BITS);
    expect(hammingHex(a, c)).toBeGreaterThan(PHASH_SAME_BITS);
    expect(reusedFrom(b, [{ orderId: 'o1', photoId: 'p1', phash: a }, { orderId: 'o2', photoId: 'p2', phash: c }]).map((r) => r.orderId)).toEqual(['o1']);
  });
});

describe('the elder elsewhere (watch fixes)', () => {
  it('raises a fix during the visit farther than tolerance plus its accuracy', () => {
    const fixes = [
      { ...north(2000), at: t('08:30'), accuracy: 10 }, // before the visit
      { ...north(100), at: t('09:10'), accuracy: 10 },
      { ...north(900), at: t('09:20'), accuracy: 800 }, // vague cell fix: not enough
      { ...north(1500), at: t('09:40'), accuracy: 20 },
    ];
    expect(elsewhere(fixes, home, t('09:00'), t('10:00'), 300)).toMatchObject({ distanceM: 1500, accuracy: 20 });
    expect(elsewhere(fixes.slice(0, 3), home, t('09:00'), t('10:00'), 300)).toBeNull();
  });
});

describe('plan dates', () => {
  it('lists the days of the period that fall on the plan’s weekdays', () => {
    // 2026-11-30 is a Monday
    expect(planDates('2026-11-30', '2026-12-13', [1, 3])).toEqual(['2026-11-30', '2026-12-02', '2026-12-07', '2026-12-09']);
    expect(planDates('2026-12-05', '2026-12-06', [6, 7])).toEqual(['2026-12-05', '2026-12-06']);
    expect(planDates('2026-12-01', '2026-12-01', [1])).toEqual([]);
  });
});

describe('impossible travel between a caregiver’s consecutive check-ins', () => {
  const home = { lat: 30.5301, lon: 105.5901 };
  const km = (n: number) => ({ lat: home.lat + (n * 1000) / 111_195, lon: home.lon });
  const t0 = new Date('2026-11-30T01:00:00Z');
  const after = (min: number) => new Date(t0.getTime() + min * 60_000);
  it('flags 20 km in 10 minutes, with the time the journey needs', () => {
    const r = impossibleTravel({ ...home, at: t0, orderId: 'a' }, { ...km(20), at: after(10) });
    expect(r).toMatchObject({ fromOrderId: 'a', distanceM: 20000, minutes: 10 });
    expect(r!.requiredMin).toBe(Math.ceil((19_500 * 60) / 40_000));
  });
  it('accepts a journey travel at 40 km/h allows, GPS slack, and a first visit of the day', () => {
    expect(impossibleTravel({ ...home, at: t0, orderId: 'a' }, { ...km(20), at: after(31) })).toBeNull();
    expect(impossibleTravel({ ...home, at: t0, orderId: 'a' }, { ...km(0.4), at: after(0) })).toBeNull();
    expect(impossibleTravel(null, { ...km(50), at: t0 })).toBeNull();
    // a slower set speed makes the same journey impossible
    expect(impossibleTravel({ ...home, at: t0, orderId: 'a' }, { ...km(20), at: after(31) }, 20)).not.toBeNull();
  });
});

