import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ExportButton } from '../../exports/components/ExportButton';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { JurisdictionPicker } from '../components/JurisdictionPicker';
import { HouseholdDrawer } from '../components/HouseholdDrawer';
import { HouseholdFormModal } from '../components/HouseholdFormModal';
import type { HouseholdListItem } from '../types';
import { useHouseholdList } from '../hooks/useHouseholds';

const LIMIT = 20;

/** 家庭户: households in one's jurisdiction, their heads and houses; 登记家庭 and membership. */
export function HouseholdsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me, PERM.registryWrite);
  // the jurisdiction may arrive in the address (a drill-down from the data cube)
  const [params] = useSearchParams();
  const [q, setQ] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [node, setNode] = useState<JurisdictionOption | undefined>(params.get('node') ? { value: params.get('node')!, label: params.get('nodeName') ?? '' } : undefined);
  const paging = useCursorPaging<string>();
  const filters = { ...(q ? { q } : {}), ...(node ? { jurisdictionId: node.value } : {}) };
  const list = useHouseholdList({ ...filters, limit: LIMIT, ...(paging.cursor ? { cursor: paging.cursor } : {}) });
  const [open, setOpen] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);

  const search = (v: string | undefined) => {
    setQ(v);
    paging.reset();
  };
  const pickNode = (v: JurisdictionOption | undefined) => {
    setNode(v);
    paging.reset();
  };

  const columns: ColumnsType<HouseholdListItem> = [
    {
      title: t('household.no'),
      dataIndex: 'householdNo',
      width: 160,
      render: (v: string | null, h) => <a onClick={() => setOpen(h.id)}>{v ? <span className="mono">{v}</span> : t('household.noNumber')}</a>,
    },
    {
      title: t('household.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: string) => <Tag color={k === 'collective' ? 'purple' : 'blue'}>{t(k === 'collective' ? 'household.kind.collective' : 'household.kind.family')}</Tag>,
    },
    {
      title: t('household.head'),
      key: 'head',
      width: 120,
      render: (_, h) => (h.headId ? <Link to={`/registry/people/${h.headId}`}>{h.headName}</Link> : '—'),
    },
    {
      title: t('household.house'),
      dataIndex: 'houseLabel',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('household.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, h) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOpen(h.id)}>
          {t('household.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('household.title')}
        subtitle={t('household.subtitle')}
        extra={
          <>
            <ExportButton resource="households" filters={() => filters} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('household.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('household.searchPlaceholder')}
            allowClear
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) search(undefined);
            }}
            onSearch={(v) => search(v.trim() || undefined)}
            style={{ width: 320 }}
          />
          <JurisdictionPicker value={node} onChange={pickNode} placeholder={t('people.col.jurisdiction')} style={{ width: 220 }} />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
          </Tooltip>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<HouseholdListItem>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('household.emptyFiltered') : t('household.empty')} />
                ),
              }}
            />
            <KeysetPager
              page={paging.page}
              hasPrev={paging.hasPrev}
              hasNext={Boolean(list.data?.nextCursor)}
              onPrev={paging.prev}
              onNext={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
              loading={list.isFetching}
            />
          </>
        )}
      </Card>
      {open && <HouseholdDrawer id={open} canWrite={canWrite} onClose={() => setOpen(undefined)} />}
      {creating && <HouseholdFormModal onClose={() => setCreating(false)} onCreated={(h) => setOpen(h.id)} />}
    </>
  );
}
