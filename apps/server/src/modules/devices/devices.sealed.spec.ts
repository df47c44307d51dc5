import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../crypto/field-cipher.js';
import { fixInRange } from './devices.service.js';
import { devicesSeal, SEALED } from './devices.sealed.js';

const cipher = createFieldCipher(crypto.randomBytes(32));
const seal = devicesSeal(cipher);

describe('the devices module’s sealed values', () => {
  it('seals a fix without its empty members and opens it with nulls for them', () => {
    const token = seal.fix({ lat: 30.5123456, lng: 105.5987654, accuracy: 12.5, altitude: null, speed: 3, course: undefined });
    expect(token).toMatch(/^v1:/);
    expect(token).not.toContain('30.51');
    expect(cipher.openJson(token, SEALED.fix)).toEqual({ lat: 30.5123456, lng: 105.5987654, accuracy: 12.5, speed: 3 });
    expect(seal.openFix(token)).toEqual({ lat: 30.5123456, lng: 105.5987654, accuracy: 12.5, altitude: null, speed: 3, course: null });
  });

  it('binds each value to its column: a fix does not open as a last fix or an alert position', () => {
    const token = seal.fix({ lat: 30.5, lng: 105.5 });
    expect(() => seal.openLastFix(token)).toThrow();
    expect(() => seal.openAlertPosition(token)).toThrow();
    expect(seal.openLastFix(seal.lastFix({ lat: 30.5, lng: 105.5, accuracy: null }))).toMatchObject({ lat: 30.5, lng: 105.5, accuracy: null });
  });

  it('opens nothing as null (a watch never fixed, an alert without a position)', () => {
    expect(seal.openLastFix(null)).toBeNull();
    expect(seal.alertPosition(null)).toBeNull();
    expect(seal.openAlertPosition(null)).toBeNull();
  });

  it('seals readings, findings and limits', () => {
    expect(seal.openMeasures(seal.measures({ systolic: 150, fasting: true }))).toEqual({ systolic: 150, fasting: true });
    expect(seal.openAbnormal(seal.abnormal(['systolic']))).toEqual(['systolic']);
    expect(seal.openLimits(seal.limits({ low: null, high: 145 }))).toEqual({ low: null, high: 145 });
  });
});

describe('fixInRange (the check the schema can no longer make on sealed coordinates)', () => {
  it('takes the globe and a non-negative accuracy, nothing else', () => {
    expect(fixInRange({ lat: 30.5, lng: 105.5, accuracy: null })).toBe(true);
    expect(fixInRange({ lat: -90, lng: 180, accuracy: 0 })).toBe(true);
    expect(fixInRange({ lat: 90.01, lng: 105, accuracy: null })).toBe(false);
    expect(fixInRange({ lat: 30, lng: -180.5, accuracy: null })).toBe(false);
    expect(fixInRange({ lat: Number.NaN, lng: 105, accuracy: null })).toBe(false);
    expect(fixInRange({ lat: 30, lng: 105, accuracy: -1 })).toBe(false);
  });
});
