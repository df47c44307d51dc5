import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandOf, diagnosisFacts, finalLevel, type ScaleDefinition, scaleDefinition, scoreAssessment } from './elder.scoring.js';

const load = (file: string): ScaleDefinition => scaleDefinition.parse(JSON.parse(fs.readFileSync(new URL(`./scales/${file}`, import.meta.url), 'utf8')));
const GB = load('gbt-42195-2022.json');
const MZ = load('mzt-039-2013.json');
const single = { raisesStack: false };
const stack = { raisesStack: true };
const none = { dementia: false, psychiatric: false, riskEvents: 0 };

/** Answers with every item at its best score, then the given overrides. */
function best(def: ScaleDefinition, over: Record<string, number> = {}) {
  const a: Record<string, number> = {};
  for (const it of def.items) a[it.code] = Math.max(...it.options.map((o) => o.score));
  return { ...a, ...over };
}
/** Best answers lowered item by item (never touching 意识水平) until the total is `total`. */
function withTotal(total: number) {
  const a = best(GB);
  let sum = 90;
  for (const it of GB.items) {
    if (it.code === 'B3.9') continue;
    while (sum > total && a[it.code]! > 0) {
      a[it.code]! -= 1;
      sum -= 1;
    }
  }
  expect(sum).toBe(total);
  return a;
}

describe('GB/T 42195-2022 as data', () => {
  it('has 26 items in 4 indicators worth 32, 15, 28 and 15 — 90 points', () => {
    expect(GB.items).toHaveLength(26);
    const r = scoreAssessment(GB, best(GB), none, single);
    expect(r.subtotals).toEqual({ B1: { score: 32, max: 32 }, B2: { score: 15, max: 15 }, B3: { score: 28, max: 28 }, B4: { score: 15, max: 15 } });
    expect(r).toMatchObject({ total: 90, max: 90, complete: true, preliminaryLevel: 0, finalLevel: 0, adjustments: [] });
  });

  it.each([[90, 0], [89, 1], [66, 1], [65, 2], [46, 2], [45, 3], [30, 3], [29, 4], [0, 4]])('a total of %i is level %i', (total, level) => {
    expect(bandOf(GB, total)).toBe(level);
  });

  it('scores real answers to their band', () => {
    expect(scoreAssessment(GB, withTotal(70), none, single)).toMatchObject({ total: 70, preliminaryLevel: 1, finalLevel: 1 });
    expect(scoreAssessment(GB, withTotal(40), none, single)).toMatchObject({ total: 40, preliminaryLevel: 3, finalLevel: 3 });
  });

  it('gives a running total and no level while items are missing', () => {
    const r = scoreAssessment(GB, { 'B1.1': 3, 'B1.2': 4, 'B3.9': 2 }, none, single);
    expect(r).toMatchObject({ complete: false, total: 9, preliminaryLevel: null, finalLevel: null });
    expect(r.subtotals.B1!.score).toBe(7);
    expect(r.missing).toHaveLength(23);
  });

  it('refuses a score that is not one of the item\'s options, and unknown items', () => {
    const r = scoreAssessment(GB, best(GB, { 'B2.4': 4, 'X9': 1 }), none, single);
    expect(r.complete).toBe(false);
    expect(r.invalid).toEqual(['B2.4', 'X9']);
  });
});

describe('adjustments to the final level', () => {
  it('coma (意识水平 0) goes straight to level 4 whatever the total', () => {
    const r = scoreAssessment(GB, best(GB, { 'B3.9': 0 }), none, single);
    expect(r).toMatchObject({ total: 88, preliminaryLevel: 1, finalLevel: 4, adjustments: ['coma'] });
  });

  it('dementia raises one level', () => {
    expect(scoreAssessment(GB, withTotal(70), { ...none, dementia: true }, single)).toMatchObject({ preliminaryLevel: 1, finalLevel: 2, adjustments: ['diagnosis'] });
  });

  it('a psychiatric diagnosis raises one level', () => {
    expect(scoreAssessment(GB, withTotal(50), { ...none, psychiatric: true }, single)).toMatchObject({ preliminaryLevel: 2, finalLevel: 3 });
  });

  it('two care-risk events in 30 days raise one level; one does not', () => {
    expect(scoreAssessment(GB, withTotal(70), { ...none, riskEvents: 2 }, single)).toMatchObject({ finalLevel: 2, adjustments: ['risk_events'] });
    expect(scoreAssessment(GB, withTotal(70), { ...none, riskEvents: 1 }, single)).toMatchObject({ finalLevel: 1, adjustments: [] });
  });

  it('both raises give one level by default, two when the setting stacks them', () => {
    const facts = { ...none, dementia: true, riskEvents: 3 };
    expect(scoreAssessment(GB, withTotal(70), facts, single)).toMatchObject({ preliminaryLevel: 1, finalLevel: 2, adjustments: ['diagnosis', 'risk_events'] });
    expect(scoreAssessment(GB, withTotal(70), facts, stack)).toMatchObject({ preliminaryLevel: 1, finalLevel: 3 });
  });

  it('never goes above level 4', () => {
    expect(scoreAssessment(GB, withTotal(20), { ...none, dementia: true }, single)).toMatchObject({ preliminaryLevel: 4, finalLevel: 4, adjustments: ['diagnosis', 'capped'] });
    expect(finalLevel(GB, 3, { coma: false, dementia: true, psychiatric: false, riskEvents: 2 }, stack)).toEqual({ level: 4, adjustments: ['diagnosis', 'risk_events', 'capped'] });
  });

  it('reads dementia and psychiatric disorders from ICD-10 codes', () => {
    expect(diagnosisFacts(['F01.1', 'I10'])).toEqual({ dementia: true, psychiatric: false });
    expect(diagnosisFacts(['f32'])).toEqual({ dementia: false, psychiatric: true });
    expect(diagnosisFacts(['E11', 'G30'])).toEqual({ dementia: false, psychiatric: false });
  });
});

describe('MZ/T 039-2013 (the predecessor, a grade matrix)', () => {
  const grades = (adl: number, m: number, p: number, s: number) => ({ ADL: adl, MENTAL: m, PERCEPTION: p, SOCIAL: s });
  it.each([
    [[0, 0, 0, 1], 0], [[0, 1, 0, 0], 1], [[0, 0, 0, 2], 1], [[1, 1, 1, 1], 1], [[1, 2, 2, 2], 2], [[2, 1, 0, 0], 2], [[3, 0, 0, 0], 3], [[2, 2, 2, 2], 3], [[2, 3, 0, 0], 3],
  ])('grades %j are level %i', (g, level) => {
    const [a, m, p, s] = g as [number, number, number, number];
    expect(scoreAssessment(MZ, grades(a, m, p, s), none, single).preliminaryLevel).toBe(level);
  });
  it('coma is a flag there, and the top level is 3', () => {
    expect(scoreAssessment(MZ, grades(0, 0, 0, 0), { ...none, coma: true }, single)).toMatchObject({ finalLevel: 3, adjustments: ['coma'] });
    expect(scoreAssessment(MZ, grades(3, 0, 0, 0), { ...none, dementia: true }, single)).toMatchObject({ finalLevel: 3 });
  });
});
