import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { isThingStatus, THING_STATUS_COLOR } from '../utils/thing';

/** 正常 / 故障 / 离线 / 已报废 as a coloured tag. */
export function ThingStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  if (!isThingStatus(status)) return <Tag>{status}</Tag>;
  return (
    <Tag color={THING_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`rec.thing.status.${status}`)}
    </Tag>
  );
}
