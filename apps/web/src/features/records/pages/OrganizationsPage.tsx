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
import { useCurrentUser } from '../../auth/hooks/useAuth';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { OrganizationDrawer } from '../components/OrganizationDrawer';
import { OrganizationFormModal } from '../components/OrganizationFormModal';
import { PlacePicker } from '../components/PlacePicker';
import { useCodeNames } from '../hooks/useCodeTables';
import { useOrganizationList } from '../hooks/useRecords';
import type { Organization, OrgType } from '../types';

const PAGE_SIZES = [10, 20, 50];

interface Filters {
  q?: string;
  type?: OrgType;
  jurisdiction?: JurisdictionOption;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; org: Organization } | null;

/** 单位: the organisations of one's jurisdiction — find, register, correct, and see who works there. */
export function OrganizationsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  const codes = useCodeNames();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const list = useOrganizationList({
    limit,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.jurisdiction ? { jurisdictionId: filters.jurisdiction.value } : {}),
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<string>();
  const filtered = Boolean(filters.q || filters.type || filters.jurisdiction);

  const applyFilters = (next: Filters) => {
    setFilters(next);
    paging.reset();
  };

  const columns: ColumnsType<Organization> = [
    {
      title: t('rec.org.name'),
      dataIndex: 'name',
      render: (v: string, o) => <Typography.Link onClick={() => setOpenId(o.id)}>{v}</Typography.Link>,
    },
    {
      title: t('rec.org.creditCode'),
      dataIndex: 'creditCode',
      width: 200,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('rec.org.type'), dataIndex: 'type', width: 130, render: (v: string) => codes.name('orgTypes', v) },
    { title: t('rec.org.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v || '—' },
    { title: t('rec.jurisdiction'), dataIndex: 'jurisdictionName', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('rec.org.peopleCount'), dataIndex: 'peopleCount', width: 100, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, o) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link onClick={() => setOpenId(o.id)}>{t('rec.view')}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => setDialog({ kind: 'edit', org: o })}>{t('rec.edit')}</Typography.Link>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rec.org.title')}
        subtitle={t('rec.org.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('rec.org.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('rec.org.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) applyFilters({ ...filters, q: undefined });
            }}
            onSearch={(v) => applyFilters({ ...filters, q: v.trim() || undefined })}
            style={{ width: 300 }}
          />
          <Select
            allowClear
            placeholder={t('rec.org.type')}
            style={{ width: 160 }}
            value={filters.type}
            options={codes.options('orgTypes')}
            onChange={(type?: OrgType) => applyFilters({ ...filters, type })}
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
            <Table<Organization>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filtered ? 'rec.org.emptyFiltered' : 'rec.org.empty')} />,
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
      {openId && (
        <OrganizationDrawer id={openId} canWrite={canWrite} onEdit={(org) => setDialog({ kind: 'edit', org })} onClose={() => setOpenId(undefined)} />
      )}
      {dialog?.kind === 'create' && <OrganizationFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <OrganizationFormModal org={dialog.org} onClose={() => setDialog(null)} />}
    </>
  );
}
