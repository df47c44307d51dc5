import { Tag } from 'antd';
import { useLevelName } from '../hooks/useLevelName';
import { levelTagColor } from '../utils/levels';

/** An ability level as a coloured tag, named on its scale. */
export function LevelTag({ level, version }: { level: number | null | undefined; version?: string | null }) {
  const name = useLevelName();
  return <Tag color={levelTagColor(level)} data-testid="elder-level">{name(level, version)}</Tag>;
}
