import '../records.css';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { formatDateTime } from '../../../shared/utils/format';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { EventDrawer } from '../components/EventDrawer';
import { EventFormModal } from '../components/EventFormModal';
import { EventStateTag, PriorityTag, SlaCell } from '../components/EventTags';
import { PlacePicker } from '../components/PlacePicker';
import { useCodeNames } from '../hooks/useCodeTables';
import { useEventList } from '../hooks/useRecords';
import type { EventKind, EventState, RegistryEvent } from '../types';
import { EVENT_STATES } from '../utils/eventFlow';

const PAGE_SIZES = [10, 20, 50];

interface Filters {
  q?: string;
  kind?: EventKind;
  state?: EventState;
  overdue?: boolean;
  jurisdiction?: JurisdictionOption;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; event: RegistryEvent } | null;

/** 事件: grid events, repairs, complaints, applications and alarms — each with a state, an SLA and a history. */
export function EventsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  const codes = useCodeNames();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const list = useEventList({
    limit,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
    ...(filters.jurisdiction ? { jurisdictionId: filters.jurisdiction.value } : {}),
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<string>();
  const filtered = Boolean(filters.q || filters.kind || filters.state || filters.overdue || filters.jurisdiction);

  const applyFilters = (next: Filters) => {
    setFilters(next);
    paging.reset();
  };

  const columns: ColumnsType<RegistryEvent> = [
    {
      title: t('rec.event.title'),
      dataIndex: 'title',
      render: (v: string, e) => (
        <Flex vertical gap={0}>
          <Typography.Link onClick={() => setOpenId(e.id)}>{v}</Typography.Link>
          {e.category && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.category}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('rec.event.kind'), dataIndex: 'kind', width: 110, render: (v: string) => codes.name('eventKinds', v) },
    { title: t('rec.event.state'), dataIndex: 'state', width: 100, render: (v: string) => <EventStateTag state={v} /> },
    { title: t('rec.event.priority'), dataIndex: 'priority', width: 90, render: (v: string) => <PriorityTag priority={v} /> },
    { title: t('rec.event.slaDueAt'), key: 'sla', width: 220, render: (_, e) => <SlaCell event={e} /> },
    {
      title: t('rec.event.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, e) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link onClick={() => setOpenId(e.id)}>{t('rec.handle')}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => setDialog({ kind: 'edit', event: e })}>{t('rec.edit')}</Typography.Link>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rec.event.pageTitle')}
        subtitle={t('rec.event.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('rec.event.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('rec.event.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) applyFilters({ ...filters, q: undefined });
            }}
            onSearch={(v) => applyFilters({ ...filters, q: v.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder={t('rec.event.kind')}
            style={{ width: 130 }}
            value={filters.kind}
            options={codes.options('eventKinds')}
            onChange={(kind?: EventKind) => applyFilters({ ...filters, kind })}
          />
          <Select
            allowClear
            placeholder={t('rec.event.state')}
            style={{ width: 120 }}
            value={filters.state}
            options={EVENT_STATES.map((s) => ({ value: s, label: t(`rec.event.state.${s}`) }))}
            onChange={(state?: EventState) => applyFilters({ ...filters, state })}
          />
          <PlacePicker
            value={filters.jurisdiction}
            onChange={(jurisdiction) => applyFilters({ ...filters, jurisdiction })}
            placeholder={t('rec.filterJurisdiction')}
            style={{ width: 200 }}
          />
          <Checkbox checked={Boolean(filters.overdue)} onChange={(e) => applyFilters({ ...filters, overdue: e.target.checked || undefined })}>
            {t('rec.event.onlyOverdue')}
          </Checkbox>
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
          </Tooltip>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<RegistryEvent>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowClassName={(e) => (e.overdue ? 'event-row-overdue' : '')}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filtered ? 'rec.event.emptyFiltered' : 'rec.event.empty')} />,
              }}
            />
            <KeysetPager
              page={paging.page}
              hasPrev={paging.hasPrev}
              hasNext={Boolean(list.data?.nextCursor)}
              onPrev={paging.prev}
              onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
              pageSize={limit}
              pageSizes={PAGE_SIZES}
              onPageSizeChange={(n) => {
                setLimit(n);
                paging.reset();
              }}
              loading={list.isFetching}
            />
          </>
        )}
      </Card>
      {openId && <EventDrawer id={openId} canWrite={canWrite} onEdit={(event) => setDialog({ kind: 'edit', event })} onClose={() => setOpenId(undefined)} />}
      {dialog?.kind === 'create' && <EventFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EventFormModal event={dialog.event} onClose={() => setDialog(null)} />}
    </>
  );
}
