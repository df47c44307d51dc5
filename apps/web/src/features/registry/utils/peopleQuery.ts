import { normalizeCitizenId } from './citizenId';

/**
 * How the server reads the one search box (姓名 / 拼音首字母 / 身份证号 / 手机号): by its shape.
 * The page says which reading applies, so "zs" finding 张三 and 赵四 is no surprise.
 */
export type SearchKind = 'none' | 'citizenId' | 'phone' | 'pinyin' | 'name';

export function searchKind(q: string | undefined): SearchKind {
  const text = (q ?? '').replace(/\s+/g, '');
  if (!text) return 'none';
  if (/^\d{17}[\dX]$/.test(normalizeCitizenId(text))) return 'citizenId';
  if (/^(\+?86)?1[3-9]\d{9}$/.test(text)) return 'phone';
  if (/^[a-zA-Z]+$/.test(text)) return 'pinyin';
  return 'name';
}

/** 年龄段 filter choices, as inclusive ages in whole years. */
export const AGE_BANDS = [
  { key: '0-17', min: 0, max: 17 },
  { key: '18-59', min: 18, max: 59 },
  { key: '60-79', min: 60, max: 79 },
  { key: '80+', min: 80 },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['key'];

/** The `ageMin` / `ageMax` query parameters for an age band (none for no band). */
export function ageRange(band: AgeBand | undefined): { ageMin?: number; ageMax?: number } {
  const b = AGE_BANDS.find((x) => x.key === band);
  if (!b) return {};
  return 'max' in b ? { ageMin: b.min, ageMax: b.max } : { ageMin: b.min };
}

/**
 * The count under a list: the server stops counting at a cap (a city has millions), so a capped
 * count reads "1000+" rather than a wrong exact number.
 */
export function totalLabel(total: number, capped: boolean): string {
  return capped ? `${total}+` : String(total);
}
