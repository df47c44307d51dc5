/**
 * 质量评分 — one number per jurisdiction node, 0–100. Each enabled rule contributes the share of
 * its records (people or houses of the node) that break it, weighted by the rule's weight:
 * score = 100 × (1 − Σ weight·min(1, findings/records) / Σ weight), over the rules whose
 * entity has records in the node. A node with no records to judge has no score (null).
 */
export interface RuleTally {
  weight: number;
  entity: 'person' | 'house';
  findings: number;
}

export function qualityScore(rules: RuleTally[], records: { person: number; house: number }): number | null {
  let weights = 0;
  let penalty = 0;
  for (const r of rules) {
    const n = records[r.entity];
    if (n <= 0 || r.weight <= 0) continue;
    weights += r.weight;
    penalty += r.weight * Math.min(1, r.findings / n);
  }
  if (weights === 0) return null;
  return Math.round(1000 * (1 - penalty / weights)) / 10;
}

/** The colour band a score falls in, for charts and tags (优 ≥ 90, 良 ≥ 75, 差 below). */
export function scoreBand(score: number | null): 'good' | 'fair' | 'poor' | 'none' {
  if (score === null) return 'none';
  if (score >= 90) return 'good';
  if (score >= 75) return 'fair';
  return 'poor';
}
