/**
 * 健康小屋 readings: what each kind measures, in which unit, and the limits that call for a
 * follow-up. Pure. Defaults follow common Chinese primary-care practice (高血压 ≥ 140/90 is
 * watched, ≥ 160/100 followed up; 空腹血糖 ≥ 7.0 mmol/L; SpO2 < 93 %; 体温 ≥ 37.3 ℃; BMI ≥ 28);
 * each can be overridden per elder.
 */

export const READING_KINDS = ['blood_pressure', 'glucose', 'weight', 'temperature', 'spo2'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

export const READING_UNITS: Record<ReadingKind, string> = {
  blood_pressure: 'mmHg', glucose: 'mmol/L', weight: 'kg', temperature: '℃', spo2: '%',
};

/** A measure that has limits. */
export const METRICS = ['systolic', 'diastolic', 'pulse', 'glucose_fasting', 'glucose_random', 'bmi', 'temperature', 'spo2'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_NAMES: Record<Metric, { zh: string; en: string; unit: string }> = {
  systolic: { zh: '收缩压', en: 'Systolic', unit: 'mmHg' },
  diastolic: { zh: '舒张压', en: 'Diastolic', unit: 'mmHg' },
  pulse: { zh: '脉搏', en: 'Pulse', unit: 'bpm' },
  glucose_fasting: { zh: '空腹血糖', en: 'Fasting glucose', unit: 'mmol/L' },
  glucose_random: { zh: '随机血糖', en: 'Random glucose', unit: 'mmol/L' },
  bmi: { zh: 'BMI', en: 'BMI', unit: 'kg/m²' },
  temperature: { zh: '体温', en: 'Temperature', unit: '℃' },
  spo2: { zh: '血氧饱和度', en: 'SpO2', unit: '%' },
};

export interface Limit { low: number | null; high: number | null }

export const DEFAULT_LIMITS: Record<Metric, Limit> = {
  systolic: { low: 90, high: 160 },
  diastolic: { low: 50, high: 100 },
  pulse: { low: 50, high: 110 },
  glucose_fasting: { low: 3.9, high: 7.0 },
  glucose_random: { low: 3.9, high: 11.1 },
  bmi: { low: 18.5, high: 28 },
  temperature: { low: 35.5, high: 37.3 },
  spo2: { low: 93, high: null },
};

/** The measures of one reading as the kiosk sends them. */
export interface ReadingValues {
  systolic?: number; diastolic?: number; pulse?: number;
  glucose?: number; fasting?: boolean;
  weightKg?: number; heightCm?: number; bmi?: number;
  temperature?: number;
  spo2?: number;
}

/** The limited measures a reading carries (BMI computed from weight and height when not sent). */
export function metricsOf(kind: ReadingKind, v: ReadingValues): Partial<Record<Metric, number>> {
  switch (kind) {
    case 'blood_pressure':
      return { systolic: v.systolic, diastolic: v.diastolic, ...(v.pulse !== undefined ? { pulse: v.pulse } : {}) };
    case 'glucose':
      return v.fasting ? { glucose_fasting: v.glucose } : { glucose_random: v.glucose };
    case 'weight': {
      const bmi = v.bmi ?? (v.weightKg && v.heightCm ? Math.round((v.weightKg / (v.heightCm / 100) ** 2) * 10) / 10 : undefined);
      return bmi !== undefined ? { bmi } : {};
    }
    case 'temperature':
      return { temperature: v.temperature };
    case 'spo2':
      return { spo2: v.spo2 };
  }
}

/** What a reading must carry, per kind. */
export function missingValues(kind: ReadingKind, v: ReadingValues): string[] {
  const need: Record<ReadingKind, (keyof ReadingValues)[]> = {
    blood_pressure: ['systolic', 'diastolic'], glucose: ['glucose'], weight: ['weightKg'], temperature: ['temperature'], spo2: ['spo2'],
  };
  return need[kind].filter((k) => v[k] === undefined);
}

/** The measures outside their limits (the elder's own where set, else the defaults), with the side. */
export function outOfRange(metrics: Partial<Record<Metric, number>>, own: Partial<Record<Metric, Limit>> = {}): { metric: Metric; value: number; side: 'low' | 'high'; limit: number }[] {
  const out: { metric: Metric; value: number; side: 'low' | 'high'; limit: number }[] = [];
  for (const [m, value] of Object.entries(metrics) as [Metric, number | undefined][]) {
    if (value === undefined) continue;
    const lim = own[m] ?? DEFAULT_LIMITS[m];
    if (lim.high !== null && value >= lim.high) out.push({ metric: m, value, side: 'high', limit: lim.high });
    else if (lim.low !== null && value < lim.low) out.push({ metric: m, value, side: 'low', limit: lim.low });
  }
  return out;
}
