import { EnvironmentOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { useBuildingList } from '../hooks/useHousing';
import type { Building } from '../types';

const PAGE_SIZES = [10, 20, 50];

/**
 * 楼栋 of the selected estate (or all): search, keyset paging, and the way into each 楼盘表.
 * Keyed by the estate in the page, so another estate starts from its first page.
 */
export function BuildingTable({
  estateId,
  canWrite,
  onCreate,
  onEdit,
  onHistory,
  onHouses,
}: {
  estateId: string | undefined;
  canWrite: boolean;
  onCreate: () => void;
  onEdit: (b: Building) => void;
  onHistory: (b: Building) => void;
  onHouses: (b: Building) => void;
}) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string>();
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const { reset } = paging;
  const list = useBuildingList({
    limit,
    ...(estateId ? { estateId } : {}),
    ...(q ? { q } : {}),
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  });

  const columns: ColumnsType<Building> = [
    {
      title: t('housing.building.name'),
      dataIndex: 'name',
      render: (v: string, b) => (
        <Flex gap={6} align="center" style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/registry/buildings/${b.id}`}>{v}</Link>
          <Tooltip title={t(b.footprint ? 'housing.building.onMap' : 'housing.building.notOnMap')}>
            <EnvironmentOutlined style={{ color: b.footprint ? '#52c41a' : '#d9d9d9' }} />
          </Tooltip>
        </Flex>
      ),
    },
    ...(estateId
      ? []
      : [{ title: t('housing.building.estate'), dataIndex: 'estateName', render: (v: string | null) => v ?? '—' }]),
    {
      title: t('housing.building.floorsUnits'),
      key: 'size',
      width: 100,
      render: (_, b) => t('housing.building.floorsUnitsValue', { floors: b.floors, units: b.unitCount }),
    },
    { title: t('housing.building.use'), dataIndex: 'use', width: 90, render: (v: string) => codes.name('buildingUses', v) },
    { title: t('housing.building.builtYear'), dataIndex: 'builtYear', width: 80, render: (v: number | null) => v ?? '—' },
    { title: t('housing.building.houseCount'), dataIndex: 'houseCount', width: 70, align: 'right' },
    { title: t('housing.building.residentCount'), dataIndex: 'residentCount', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 210,
      render: (_, b) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/registry/buildings/${b.id}`}>{t('housing.floorPlan.short')}</Link>
          <Typography.Link onClick={() => onHouses(b)}>{t('housing.houses')}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => onEdit(b)}>{t('rec.edit')}</Typography.Link>}
          <Typography.Link onClick={() => onHistory(b)}>{t('rec.tab.history')}</Typography.Link>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('housing.building.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) {
              setQ(undefined);
              reset();
            }
          }}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            reset();
          }}
          style={{ width: 240 }}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
        </Tooltip>
        <span style={{ flex: 1 }} />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('housing.building.create')}
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Building>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(q ? 'housing.building.emptyFiltered' : 'housing.building.empty')} />,
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
              reset();
            }}
            loading={list.isFetching}
          />
        </>
      )}
    </>
  );
}
