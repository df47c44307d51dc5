import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../../i18n/I18nProvider';
import { toDateString } from '../../../../shared/utils/format';
import { hasEnded, type Validity } from '../../utils/validity';

/** "2019-05-01 起" or "2019-05-01 至 2024-03-31" with a tag saying whether it still holds. */
export function ValidityCell({ v }: { v: Validity }) {
  const { t } = useI18n();
  const ended = hasEnded(v, toDateString(dayjs()));
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type={ended ? 'secondary' : undefined}>
        {v.validTo ? t('relation.fromTo', { from: v.validFrom, to: v.validTo }) : t('relation.since', { from: v.validFrom })}
      </Typography.Text>{' '}
      {ended ? (
        <Tag style={{ marginInlineEnd: 0 }}>{t('relation.ended')}</Tag>
      ) : v.validTo ? (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('relation.ending')}</Tag>
      ) : (
        <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('relation.current')}</Tag>
      )}
    </span>
  );
}

/** Whether the relationship can still be ended: it has no end date yet. */
export function isOpen(v: Validity): boolean {
  return v.validTo === null;
}
