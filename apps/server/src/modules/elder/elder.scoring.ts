import { z } from 'zod';
import { RISK_EVENT_KIND_CODES } from './elder.codes.js';

/**
 * Ability-assessment scoring over a scale held as data (`elder_scale.definition`): subtotals per
 * indicator, the total, the preliminary level (a band of the total, or a matrix of indicator
 * grades) and the final level after the adjustments of GB/T 42195-2022 — coma → the top level;
 * diagnosed dementia or a psychiatric disorder → one level up; ≥ 2 care-risk events in 30 days →
 * one level up; never above the top. Whether the two raises add is a setting (default: one raise).
 */

const option = z.object({ score: z.number().int().min(0).max(100), label: z.string(), labelEn: z.string() });
const item = z.object({ code: z.string(), group: z.string(), name: z.string(), nameEn: z.string(), options: z.array(option).min(2) });
const named = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
const level = z.object({ level: z.number().int().min(0).max(4), name: z.string(), nameEn: z.string(), min: z.number().int().optional(), max: z.number().int().optional() });

export const scaleDefinition = z.object({
  kind: z.enum(['sum', 'matrix']),
  standard: z.string(),
  groups: z.array(named).min(1),
  items: z.array(item).min(1),
  levels: z.array(level).min(2),
  /** For `matrix` scales: the grade of each group (its items' sum) in `order`, joined → level. */
  matrix: z.object({ order: z.array(z.string()), table: z.record(z.string(), z.number().int().min(0).max(4)) }).optional(),
  adjustments: z.object({
    /** Coma: an item's answer (意识水平 = 0) or a flag given with the assessment. */
    coma: z.object({ item: z.string().optional(), score: z.number().int().optional(), flag: z.literal('coma').optional() }).optional(),
    diagnosisRaise: z.boolean(),
    riskEvents: z.object({ count: z.number().int().min(1), days: z.number().int().min(1), kinds: z.array(z.enum(RISK_EVENT_KIND_CODES)) }).optional(),
    maxLevel: z.number().int().min(0).max(4),
  }),
});
export type ScaleDefinition = z.infer<typeof scaleDefinition>;

export interface AssessmentFacts {
  /** 痴呆 (ICD-10 F00–F03) diagnosed. */
  dementia: boolean;
  /** Another mental or behavioural disorder (F04–F99) diagnosed by a psychiatrist. */
  psychiatric: boolean;
  /** For scales whose coma rule is a flag rather than an item. */
  coma?: boolean;
  /** Care-risk events of the scale's kinds in its window before the assessment. */
  riskEvents: number;
}

export interface ScoringSettings {
  /** Whether the diagnosis raise and the risk-event raise add up (default: a single raise). */
  raisesStack: boolean;
}

export type Adjustment = 'coma' | 'diagnosis' | 'risk_events' | 'capped';

export interface ScoreResult {
  /** Every item answered with one of its options. */
  complete: boolean;
  missing: string[];
  invalid: string[];
  subtotals: Record<string, { score: number; max: number }>;
  total: number;
  max: number;
  /** Null until complete. */
  preliminaryLevel: number | null;
  finalLevel: number | null;
  adjustments: Adjustment[];
}

/** ICD-10 codes F00–F03 are dementia; F04–F99 other mental and behavioural disorders. */
export function diagnosisFacts(codes: readonly string[]): { dementia: boolean; psychiatric: boolean } {
  let dementia = false;
  let psychiatric = false;
  for (const raw of codes) {
    const m = /^F(\d{2})/i.exec(raw.trim());
    if (!m) continue;
    const n = Number(m[1]);
    if (n <= 3) dementia = true;
    else psychiatric = true;
  }
  return { dementia, psychiatric };
}

/** The level band holding a total (sum scales). */
export function bandOf(def: ScaleDefinition, total: number): number {
  const band = def.levels.find((l) => l.min !== undefined && l.max !== undefined && total >= l.min && total <= l.max);
  if (!band) throw new Error(`no level band holds total ${total}`);
  return band.level;
}

/**
 * The final level from the preliminary one and the facts: coma goes straight to the top; the
 * diagnosis and risk-event raises each lift one level (both together only when they stack);
 * never above the scale's top level.
 */
export function finalLevel(def: ScaleDefinition, preliminary: number, facts: { coma: boolean; dementia: boolean; psychiatric: boolean; riskEvents: number }, settings: ScoringSettings) {
  const adj = def.adjustments;
  const adjustments: Adjustment[] = [];
  if (facts.coma && adj.coma) return { level: adj.maxLevel, adjustments: ['coma'] as Adjustment[] };
  let raises = 0;
  if (adj.diagnosisRaise && (facts.dementia || facts.psychiatric)) {
    raises += 1;
    adjustments.push('diagnosis');
  }
  if (adj.riskEvents && facts.riskEvents >= adj.riskEvents.count) {
    raises += 1;
    adjustments.push('risk_events');
  }
  if (!settings.raisesStack) raises = Math.min(raises, 1);
  let level = preliminary + raises;
  if (level > adj.maxLevel) {
    level = adj.maxLevel;
    if (raises > 0) adjustments.push('capped');
  }
  return { level, adjustments };
}

/** Scores answers (item code → chosen score) against a scale; partial answers give a running total. */
export function scoreAssessment(def: ScaleDefinition, answers: Readonly<Record<string, number>>, facts: AssessmentFacts, settings: ScoringSettings): ScoreResult {
  const subtotals: Record<string, { score: number; max: number }> = {};
  for (const g of def.groups) subtotals[g.code] = { score: 0, max: 0 };
  const missing: string[] = [];
  const invalid: string[] = [];
  let total = 0;
  let max = 0;
  for (const it of def.items) {
    const top = Math.max(...it.options.map((o) => o.score));
    const sub = (subtotals[it.group] ??= { score: 0, max: 0 });
    sub.max += top;
    max += top;
    const a = answers[it.code];
    if (a === undefined) missing.push(it.code);
    else if (!it.options.some((o) => o.score === a)) invalid.push(it.code);
    else {
      sub.score += a;
      total += a;
    }
  }
  const known = new Set(def.items.map((i) => i.code));
  for (const k of Object.keys(answers)) if (!known.has(k)) invalid.push(k);
  const complete = missing.length === 0 && invalid.length === 0;
  if (!complete) return { complete, missing, invalid, subtotals, total, max, preliminaryLevel: null, finalLevel: null, adjustments: [] };

  let preliminary: number;
  if (def.kind === 'sum') preliminary = bandOf(def, total);
  else {
    if (!def.matrix) throw new Error('a matrix scale needs its matrix');
    const key = def.matrix.order.map((g) => subtotals[g]?.score ?? 0).join('');
    const l = def.matrix.table[key];
    if (l === undefined) throw new Error(`the matrix has no level for grades ${key}`);
    preliminary = l;
  }
  const comaRule = def.adjustments.coma;
  const coma = comaRule ? (comaRule.item ? answers[comaRule.item] === comaRule.score : comaRule.flag === 'coma' && facts.coma === true) : false;
  const fin = finalLevel(def, preliminary, { coma, dementia: facts.dementia, psychiatric: facts.psychiatric, riskEvents: facts.riskEvents }, settings);
  return { complete, missing, invalid, subtotals, total, max, preliminaryLevel: preliminary, finalLevel: fin.level, adjustments: fin.adjustments };
}
