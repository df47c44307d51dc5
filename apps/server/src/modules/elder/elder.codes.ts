/**
 * The elder module's fixed vocabularies (code → zh/en names). Codes are stored; names are shown.
 */
/** Ability levels as GB/T 42195-2022 names them (MZ/T 039-2013 has 0–3 with the same meaning); index = level. */
export const ABILITY_LEVELS = [
  { name: '能力完好', nameEn: 'Intact' },
  { name: '轻度失能', nameEn: 'Mildly impaired' },
  { name: '中度失能', nameEn: 'Moderately impaired' },
  { name: '重度失能', nameEn: 'Severely impaired' },
  { name: '完全失能', nameEn: 'Ability lost' },
] as const;

export const RISK_EVENT_KINDS = {
  fall: { name: '跌倒', nameEn: 'Fall' },
  choking: { name: '噎食', nameEn: 'Choking' },
  suicide: { name: '自杀', nameEn: 'Suicide attempt' },
  self_harm: { name: '自伤', nameEn: 'Self-harm' },
  wandering: { name: '走失', nameEn: 'Wandering off' },
} as const;
export type RiskEventKind = keyof typeof RISK_EVENT_KINDS;
export const RISK_EVENT_KIND_CODES = Object.keys(RISK_EVENT_KINDS) as [RiskEventKind, ...RiskEventKind[]];

/** The kinds whose repetition proposes an immediate re-assessment (跌倒、走失). */
export const PROPOSAL_KINDS: readonly RiskEventKind[] = ['fall', 'wandering'];
/** ≥ this many of them … */
export const PROPOSAL_THRESHOLD = 2;
/** … within this many days. */
export const PROPOSAL_WINDOW_DAYS = 30;

export const LIVING_SITUATIONS = {
  alone: { name: '独居', nameEn: 'Lives alone' },
  spouse: { name: '与配偶同住', nameEn: 'With spouse' },
  children: { name: '与子女同住', nameEn: 'With children' },
  spouse_children: { name: '与配偶和子女同住', nameEn: 'With spouse and children' },
  relatives: { name: '与其他亲属同住', nameEn: 'With other relatives' },
  institution: { name: '机构养老', nameEn: 'In a care institution' },
  other: { name: '其他', nameEn: 'Other' },
} as const;
export type LivingSituation = keyof typeof LIVING_SITUATIONS;
export const LIVING_SITUATION_CODES = Object.keys(LIVING_SITUATIONS) as [LivingSituation, ...LivingSituation[]];

export const SUBSIDIES = {
  high_age: { name: '高龄津贴', nameEn: 'Advanced-age allowance' },
  disability_care: { name: '失能补贴', nameEn: 'Disability care subsidy' },
  service: { name: '养老服务补贴', nameEn: 'Elder-care service subsidy' },
  poverty: { name: '特困供养', nameEn: 'Extreme-poverty support' },
  dibao: { name: '低保', nameEn: 'Minimum living allowance' },
  home_adaptation: { name: '适老化改造补贴', nameEn: 'Home adaptation subsidy' },
} as const;
export type Subsidy = keyof typeof SUBSIDIES;
export const SUBSIDY_CODES = Object.keys(SUBSIDIES) as [Subsidy, ...Subsidy[]];

export const ASSESSMENT_REASONS = {
  first: { name: '首次评估', nameEn: 'First assessment' },
  routine: { name: '常规评估', nameEn: 'Routine assessment' },
  immediate: { name: '即时评估', nameEn: 'Immediate assessment' },
  dispute: { name: '复评', nameEn: 'Re-assessment after a dispute' },
} as const;
export type AssessmentReason = keyof typeof ASSESSMENT_REASONS;
export const ASSESSMENT_REASON_CODES = Object.keys(ASSESSMENT_REASONS) as [AssessmentReason, ...AssessmentReason[]];

/** Age bands of the statistics (by completed years). */
export const AGE_BANDS = [
  { code: 'under60', name: '60岁以下', nameEn: 'Under 60', from: 0 },
  { code: '60_69', name: '60–69岁', nameEn: '60–69', from: 60 },
  { code: '70_79', name: '70–79岁', nameEn: '70–79', from: 70 },
  { code: '80_89', name: '80–89岁', nameEn: '80–89', from: 80 },
  { code: '90_plus', name: '90岁及以上', nameEn: '90 and over', from: 90 },
] as const;

const listOf = (m: Record<string, { name: string; nameEn: string }>) => Object.entries(m).map(([code, v]) => ({ code, name: v.name, nameEn: v.nameEn }));

/** Every code list of the module, named in both languages (what the web app shows for a code). */
export function vocabulary() {
  return {
    livingSituations: listOf(LIVING_SITUATIONS),
    subsidies: listOf(SUBSIDIES),
    riskEventKinds: listOf(RISK_EVENT_KINDS),
    reasons: listOf(ASSESSMENT_REASONS),
    ageBands: [...AGE_BANDS.map((b) => ({ code: b.code, name: b.name, nameEn: b.nameEn })), { code: 'unknown', name: '出生日期不详', nameEn: 'Birth date unknown' }],
  };
}
