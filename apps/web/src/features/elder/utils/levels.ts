/** Colours of the ability levels (0 intact … 4 lost; -1 not assessed), the same on every chart and tag. */
export const LEVEL_COLORS: Record<string, string> = {
  '-1': '#bfbfbf', '0': '#52c41a', '1': '#1677ff', '2': '#faad14', '3': '#fa541c', '4': '#cf1322',
};
export const LEVELS = [-1, 0, 1, 2, 3, 4] as const;

/** Ant Design tag colour of a level. */
export function levelTagColor(level: number | null | undefined): string {
  if (level === null || level === undefined) return 'default';
  return ['green', 'blue', 'gold', 'volcano', 'red'][level] ?? 'default';
}
