import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
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
import { PlacePicker } from '../components/PlacePicker';
import { ThingDrawer } from '../components/ThingDrawer';
import { ThingFormModal } from '../components/ThingFormModal';
import { ThingStatusTag } from '../components/ThingStatusTag';
import { useCodeNames } from '../hooks/useCodeTables';
import { useThingList } from '../hooks/useRecords';
import type { Thing, ThingKind, ThingStatus } from '../types';
import { THING_STATUSES } from '../utils/thing';

const PAGE_SIZES = [10, 20, 50];

interface Filters {
  q?: string;
  kind?: ThingKind;
  status?: ThingStatus;
  jurisdiction?: JurisdictionOption;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; thing: Thing } | null;

/** 设施设备: hydrants, cameras, door terminals, kiosks … of one's jurisdiction, with their state. */
export function ThingsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  const codes = useCodeNames();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const list = useThingList({
    limit,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.jurisdiction ? { jurisdictionId: filters.jurisdiction.value } : {}),
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<string>();
  const filtered = Boolean(filters.q || filters.kind || filters.status || filters.jurisdiction);

  const applyFilters = (next: Filters) => {
    setFilters(next);
    paging.reset();
  };

  const columns: ColumnsType<Thing> = [
    {
      title: t('rec.thing.name'),
      dataIndex: 'name',
      render: (v: string, x) => <Typography.Link onClick={() => setOpenId(x.id)}>{v}</Typography.Link>,
    },
    { title: t('rec.thing.kind'), dataIndex: 'kind', width: 130, render: (v: string) => codes.name('thingKinds', v) },
    {
      title: t('rec.thing.serialNo'),
      dataIndex: 'serialNo',
      width: 170,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('rec.thing.status'), dataIndex: 'status', width: 100, render: (v: string) => <ThingStatusTag status={v} /> },
    {
      title: t('rec.thing.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      width: 170,
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, x) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link onClick={() => setOpenId(x.id)}>{t('rec.view')}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => setDialog({ kind: 'edit', thing: x })}>{t('rec.edit')}</Typography.Link>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rec.thing.title')}
        subtitle={t('rec.thing.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('rec.thing.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('rec.thing.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) applyFilters({ ...filters, q: undefined });
            }}
            onSearch={(v) => applyFilters({ ...filters, q: v.trim() || undefined })}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('rec.thing.kind')}
            style={{ width: 150 }}
            value={filters.kind}
            options={codes.options('thingKinds')}
            onChange={(kind?: ThingKind) => applyFilters({ ...filters, kind })}
          />
          <Select
            allowClear
            placeholder={t('rec.thing.status')}
            style={{ width: 120 }}
            value={filters.status}
            options={THING_STATUSES.map((s) => ({ value: s, label: t(`rec.thing.status.${s}`) }))}
            onChange={(status?: ThingStatus) => applyFilters({ ...filters, status })}
          />
          <PlacePicker
            value={filters.jurisdiction}
            onChange={(jurisdiction) => applyFilters({ ...filters, jurisdiction })}
            placeholder={t('rec.filterJurisdiction')}
            style={{ width: 220 }}
          />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
          </Tooltip>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Thing>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filtered ? 'rec.thing.emptyFiltered' : 'rec.thing.empty')} />,
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
      {openId && <ThingDrawer id={openId} canWrite={canWrite} onEdit={(thing) => setDialog({ kind: 'edit', thing })} onClose={() => setOpenId(undefined)} />}
      {dialog?.kind === 'create' && <ThingFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <ThingFormModal thing={dialog.thing} onClose={() => setDialog(null)} />}
    </>
  );
}
