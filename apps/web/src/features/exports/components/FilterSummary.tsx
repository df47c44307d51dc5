import { Tag, Typography } from 'antd';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';

const KNOWN = new Set(['q', 'address', 'jurisdictionId', 'tag', 'gender', 'ageMin', 'ageMax', 'status', 'kind', 'type', 'state', 'overdue', 'use', 'estateId', 'buildingId',
  'providerId', 'from', 'to', 'evv', 'level', 'unassessed', 'ageBand', 'living', 'sort', 'order']);
/** Values that are codes of the list's order (排序：能力等级 · 顺序：降序). */
const VALUES = new Set(['name', 'age', 'level', 'assessed', 'asc', 'desc']);

/** The filters of an export as tags (关键字：张 …); none reads 全部记录. */
export function FilterSummary({ filters }: { filters: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(filters ?? {}).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return <Typography.Text type="secondary">{t('export.filtersNone')}</Typography.Text>;
  return (
    <span>
      {entries.map(([k, v]) => {
        const label = KNOWN.has(k) ? t(`export.filter.${k}` as DictKey) : k;
        // ids mean nothing to a reader: say that a node / building was chosen
        const value = /Id$/.test(k) ? t('export.filter.chosen')
          : (k === 'sort' || k === 'order') && VALUES.has(String(v)) ? t(`export.value.${String(v)}` as DictKey) : String(v);
        return <Tag key={k}>{`${label}：${value}`}</Tag>;
      })}
    </span>
  );
}
