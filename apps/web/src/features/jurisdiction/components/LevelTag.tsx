import { Tag } from 'antd';
import type { JurisdictionLevel } from '../../../api/types';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';

export const LEVELS: readonly JurisdictionLevel[] = ['city', 'district', 'street', 'community', 'grid'];

const COLORS: Record<JurisdictionLevel, string> = {
  city: 'geekblue',
  district: 'blue',
  street: 'cyan',
  community: 'green',
  grid: 'gold',
};

export function levelLabelKey(level: JurisdictionLevel): DictKey {
  return `level.${level}`;
}

/** 市 / 区县 / 街道乡镇 / 社区村 / 网格 as a small coloured tag. */
export function LevelTag({ level }: { level: JurisdictionLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[level]} style={{ marginInlineEnd: 0 }}>
      {t(levelLabelKey(level))}
    </Tag>
  );
}
