/**
 * 人群标签 colours: the same tag looks the same on every page. Care-related groups are warm,
 * support groups gold, civic roles blue/green; a tag added later gets a stable colour from its code.
 */
const TAG_COLORS: Record<string, string> = {
  elderly_alone: 'volcano',
  empty_nest: 'orange',
  low_income: 'gold',
  extreme_poverty: 'red',
  disabled: 'magenta',
  veteran: 'geekblue',
  left_behind_child: 'purple',
  key_care: 'red',
  floating: 'cyan',
  party_member: 'red',
  volunteer: 'green',
};
const FALLBACK = ['blue', 'cyan', 'green', 'lime', 'purple', 'geekblue', 'orange'];

export function tagColor(code: string): string {
  const known = TAG_COLORS[code];
  if (known) return known;
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length]!;
}
