import { Tag } from 'antd';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';

/** 人员状态: 在册 / 已迁出 / 已死亡 / 已合并. */
export const PERSON_STATUSES = ['active', 'moved_out', 'deceased', 'merged'] as const;
export type PersonStatusCode = (typeof PERSON_STATUSES)[number];

const COLORS: Record<PersonStatusCode, string> = { active: 'success', moved_out: 'default', deceased: 'default', merged: 'warning' };

export function personStatusKey(status: string): DictKey {
  return (PERSON_STATUSES as readonly string[]).includes(status) ? (`person.status.${status}` as DictKey) : 'person.status.unknown';
}

export function PersonStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const color = COLORS[status as PersonStatusCode] ?? 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {t(personStatusKey(status))}
    </Tag>
  );
}
