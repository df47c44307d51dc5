/** Where a finding's record is fixed: the person's 360° page, or the house's building (楼盘表). */
export function recordLink(f: { entity: 'person' | 'house'; recordId: string; buildingId: string | null }): string | null {
  if (f.entity === 'person') return `/registry/people/${f.recordId}`;
  return f.buildingId ? `/registry/buildings/${f.buildingId}` : null;
}

/** Colour of a score: green from 90, amber from 75, red below; grey with nothing to judge. */
export function scoreColor(score: number | null): string {
  if (score === null) return '#bfbfbf';
  if (score >= 90) return '#52c41a';
  if (score >= 75) return '#faad14';
  return '#f5222d';
}

/** Progress of an evaluation run, 0–100. */
export function runPercent(run: { totalSteps: number; doneSteps: number; status: string }): number {
  if (run.status === 'done') return 100;
  if (run.totalSteps <= 0) return 0;
  return Math.min(100, Math.round((100 * run.doneSteps) / run.totalSteps));
}

export const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;
