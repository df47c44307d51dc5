import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Drawer, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useCodeNames } from '../hooks/useCodeTables';
import { useHouseLabel } from '../hooks/useLabels';
import { useEvent, useThing } from '../hooks/useRecords';
import type { EventState, RegistryEvent } from '../types';
import { isEventPriority, isEventState } from '../utils/eventFlow';
import { ChangeHistory } from './ChangeHistory';
import { EventActions } from './EventActions';
import { EventStateTag, PriorityTag, SlaCell } from './EventTags';
import { TransitionModal } from './TransitionModal';

export const EVENT_FIELDS = {
  title: 'rec.event.title',
  kind: 'rec.event.kind',
  category: 'rec.event.category',
  description: 'rec.event.description',
  state: 'rec.event.state',
  priority: 'rec.event.priority',
  slaDueAt: 'rec.event.slaDueAt',
  resolvedAt: 'rec.event.resolvedAt',
  path: 'rec.jurisdictionCode',
} as const;

/** 事件详情: the work item, its action bar (allowed moves only), what it is about, and its history. */
export function EventDrawer({ id, canWrite, onEdit, onClose }: { id: string; canWrite: boolean; onEdit: (event: RegistryEvent) => void; onClose: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const codes = useCodeNames();
  const event = useEvent(id);
  const e = event.data;
  const houseLabel = useHouseLabel(e?.houseId);
  const thing = useThing(e?.thingId ?? undefined);
  const [moveTo, setMoveTo] = useState<EventState>();

  return (
    <Drawer
      open
      size={680}
      onClose={onClose}
      title={e?.title ?? t('rec.event.detail')}
      extra={
        canWrite &&
        e && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(e)}>
            {t('rec.edit')}
          </Button>
        )
      }
    >
      {event.isError ? (
        <ErrorState error={event.error} onRetry={() => void event.refetch()} />
      ) : !e ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16, background: '#fafbfd' }}>
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Flex gap={8} align="center" wrap>
                <EventStateTag state={e.state} />
                <PriorityTag priority={e.priority} />
                <SlaCell event={e} />
              </Flex>
              {canWrite && <EventActions event={e} onMove={setMoveTo} />}
            </Flex>
          </Card>
          <Tabs
            items={[
              {
                key: 'basic',
                label: t('rec.tab.basic'),
                children: (
                  <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
                    <Descriptions.Item label={t('rec.event.kind')}>{codes.name('eventKinds', e.kind)}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.category')}>{e.category || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.description')}>
                      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.description || '—'}</Typography.Paragraph>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.createdAt')}>{formatDateTime(e.createdAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.reporter')}>
                      {e.reporterId === me.id ? t('rec.event.reporterMe') : (e.reporterName ?? '—')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.assignee')}>
                      {e.assigneeId === me.id ? t('rec.event.reporterMe') : (e.assigneeName ?? t('rec.event.unassigned'))}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.slaDueAt')}>{formatDateTime(e.slaDueAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.resolvedAt')}>{formatDateTime(e.resolvedAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.person')}>
                      {e.personId ? <Link to={`/registry/people/${e.personId}`}>{t('rec.person.open')}</Link> : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.house')}>{e.houseId ? (houseLabel ?? '…') : '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.event.thing')}>{e.thingId ? (thing.data?.name ?? '…') : '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.jurisdiction')}>{e.jurisdictionName ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('rec.version')}>{e.version}</Descriptions.Item>
                  </Descriptions>
                ),
              },
              {
                key: 'history',
                label: t('rec.tab.history'),
                children: (
                  <ChangeHistory
                    resource="events"
                    id={e.id}
                    labels={EVENT_FIELDS}
                    names={{
                      kind: (c) => codes.name('eventKinds', c),
                      state: (c) => (isEventState(c) ? t(`rec.event.state.${c}`) : c),
                      priority: (c) => (isEventPriority(c) ? t(`rec.event.priority.${c}`) : c),
                      slaDueAt: (v) => formatDateTime(v),
                      resolvedAt: (v) => formatDateTime(v),
                    }}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      {e && moveTo && <TransitionModal event={e} to={moveTo} onClose={() => setMoveTo(undefined)} />}
    </Drawer>
  );
}
