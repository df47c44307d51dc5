import { describe, expect, it } from 'vitest';
import { metricsOf, missingValues, outOfRange } from './health.js';

describe('kiosk readings', () => {
  it('takes each kind’s limited measures; glucose by fasting or not; BMI from weight and height', () => {
    expect(metricsOf('blood_pressure', { systolic: 150, diastolic: 90, pulse: 70 })).toEqual({ systolic: 150, diastolic: 90, pulse: 70 });
    expect(metricsOf('glucose', { glucose: 6.1, fasting: true })).toEqual({ glucose_fasting: 6.1 });
    expect(metricsOf('glucose', { glucose: 6.1 })).toEqual({ glucose_random: 6.1 });
    expect(metricsOf('weight', { weightKg: 70, heightCm: 170 })).toEqual({ bmi: 24.2 });
    expect(metricsOf('weight', { weightKg: 70 })).toEqual({});
    expect(metricsOf('spo2', { spo2: 95 })).toEqual({ spo2: 95 });
  });

  it('names what a reading lacks', () => {
    expect(missingValues('blood_pressure', { systolic: 120 })).toEqual(['diastolic']);
    expect(missingValues('temperature', { temperature: 36.5 })).toEqual([]);
  });

  it('flags measures beyond the defaults, high at or above, low below', () => {
    expect(outOfRange({ systolic: 160, diastolic: 99 })).toEqual([{ metric: 'systolic', value: 160, side: 'high', limit: 160 }]);
    expect(outOfRange({ systolic: 159 })).toEqual([]);
    expect(outOfRange({ glucose_fasting: 7.0 })).toMatchObject([{ metric: 'glucose_fasting', side: 'high' }]);
    expect(outOfRange({ glucose_random: 7.0 })).toEqual([]);
    expect(outOfRange({ spo2: 92 })).toMatchObject([{ metric: 'spo2', side: 'low', limit: 93 }]);
    expect(outOfRange({ temperature: 37.3 })).toMatchObject([{ metric: 'temperature', side: 'high' }]);
  });

  it('uses the elder’s own limit where set', () => {
    expect(outOfRange({ systolic: 150 }, { systolic: { low: 90, high: 145 } })).toMatchObject([{ metric: 'systolic', limit: 145 }]);
    expect(outOfRange({ systolic: 170 }, { systolic: { low: 90, high: 180 } })).toEqual([]);
  });
});
