import { Empty, Table, Tag } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider';
import { formatDateTime } from '../../../../shared/utils/format';
import type { PersonOverview } from '../../types';
import { useCodes } from '../../hooks/useDictionaries';

type Row = PersonOverview['events'][number];

const STATE_COLORS: Record<string, string> = {
  open: 'red',
  assigned: 'orange',
  in_progress: 'processing',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

/** 事件: grid events, repairs, complaints, applications and alarms concerning the person. */
export function EventsTab({ events }: { events: Row[] }) {
  const { t } = useI18n();
  const codes = useCodes();
  return (
    <Table<Row>
      rowKey="id"
      size="middle"
      pagination={events.length > 10 ? { pageSize: 10 } : false}
      dataSource={events}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('event.empty')} /> }}
      columns={[
        { title: t('event.title'), dataIndex: 'title' },
        { title: t('event.kind'), dataIndex: 'kind', width: 110, render: (k: string) => codes.name('eventKinds', k) },
        {
          title: t('event.state'),
          dataIndex: 'state',
          width: 100,
          render: (s: string) => <Tag color={STATE_COLORS[s] ?? 'default'}>{codes.name('eventStates', s)}</Tag>,
        },
        { title: t('event.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}
