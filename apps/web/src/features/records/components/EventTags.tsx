import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../shared/utils/format';
import type { RegistryEvent } from '../types';
import { isEventPriority, isEventState, PRIORITY_COLOR, STATE_COLOR } from '../utils/eventFlow';

/** 待处理 / 已派单 / 处理中 / 已办结 / 已归档 / 已撤销 as a coloured tag. */
export function EventStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  if (!isEventState(state)) return <Tag>{state}</Tag>;
  return (
    <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {t(`rec.event.state.${state}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useI18n();
  if (!isEventPriority(priority)) return <Tag>{priority}</Tag>;
  return (
    <Tag color={PRIORITY_COLOR[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`rec.event.priority.${priority}`)}
    </Tag>
  );
}

/** The SLA due time, with 已超期 in red once it has passed on an unfinished event. */
export function SlaCell({ event }: { event: Pick<RegistryEvent, 'slaDueAt' | 'overdue'> }) {
  const { t } = useI18n();
  if (!event.slaDueAt) return <span>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tooltip title={t('rec.event.slaDueAt')}>
        <ClockCircleOutlined style={{ marginInlineEnd: 4, color: event.overdue ? '#cf1322' : '#8c8c8c' }} />
      </Tooltip>
      {formatDateTime(event.slaDueAt).slice(0, 16)}
      {event.overdue && (
        <Tag color="error" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
          {t('rec.event.overdue')}
        </Tag>
      )}
    </span>
  );
}
