import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useCodeNames } from '../../records/hooks/useCodeTables';
import { useBuildingList, useHouseList } from '../hooks/useHousing';
import type { Building, House, HouseUse } from '../types';
import { floorLabel } from '../utils/floorPlan';

const PAGE_SIZES = [10, 20, 50];

/**
 * 房屋 of a building (or, with no estate chosen, of the whole jurisdiction): search by number or
 * name, filter by use, keyset paging. Inside an estate a building must be chosen, since houses
 * are listed per building; the first one is shown until another is picked.
 */
export function HouseTable({
  estateId,
  buildingId,
  onBuildingChange,
  canWrite,
  onCreate,
  onOpen,
  onEdit,
}: {
  estateId: string | undefined;
  buildingId: string | undefined;
  onBuildingChange: (id: string | undefined) => void;
  canWrite: boolean;
  onCreate: (building: Building | undefined) => void;
  onOpen: (house: House) => void;
  onEdit: (house: House) => void;
}) {
  const { t } = useI18n();
  const codes = useCodeNames();
  const buildings = useBuildingList({ limit: 500, ...(estateId ? { estateId } : {}) });
  const buildingItems = buildings.data?.items ?? [];
  const effectiveId = buildingId ?? (estateId ? buildingItems[0]?.id : undefined);
  const building = buildingItems.find((b) => b.id === effectiveId);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string>();
  const [use, setUse] = useState<HouseUse>();
  const [limit, setLimit] = useState(20);
  const paging = useCursorPaging<string>();
  const waiting = Boolean(estateId) && !effectiveId;
  const list = useHouseList(
    {
      limit,
      ...(effectiveId ? { buildingId: effectiveId } : {}),
      ...(q ? { q } : {}),
      ...(use ? { use } : {}),
      ...(paging.cursor ? { cursor: paging.cursor } : {}),
    },
    !waiting,
  );

  const columns: ColumnsType<House> = [
    {
      title: t('housing.house.number'),
      dataIndex: 'number',
      render: (v: string, h) => <Typography.Link onClick={() => onOpen(h)}>{v}</Typography.Link>,
    },
    ...(effectiveId ? [] : [{ title: t('housing.house.building'), key: 'building', render: (_: unknown, h: House) => [h.estateName, h.buildingName].filter(Boolean).join(' ') }]),
    { title: t('housing.house.unitNo'), dataIndex: 'unitNo', width: 80, render: (v: number) => t('housing.unitN', { n: v }) },
    { title: t('housing.house.floor'), dataIndex: 'floor', width: 70, render: (v: number) => floorLabel(v) },
    { title: t('housing.house.area'), dataIndex: 'area', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : `${v} m²`) },
    { title: t('housing.house.use'), dataIndex: 'use', width: 90, render: (v: string) => codes.name('houseUses', v) },
    { title: t('housing.house.ownership'), dataIndex: 'ownership', width: 110, render: (v: string) => codes.name('houseOwnerships', v) },
    { title: t('housing.house.residentCount'), dataIndex: 'residentCount', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 120,
      render: (_, h) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link onClick={() => onOpen(h)}>{t('rec.view')}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => onEdit(h)}>{t('rec.edit')}</Typography.Link>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear={!estateId}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={estateId ? t('housing.house.pickBuilding') : t('housing.house.allBuildings')}
          style={{ width: 220 }}
          loading={buildings.isPending}
          value={effectiveId}
          onChange={(id?: string) => {
            onBuildingChange(id);
            paging.reset();
          }}
          options={buildingItems.map((b) => ({ value: b.id, label: estateId ? b.name : [b.estateName, b.name].filter(Boolean).join(' ') }))}
        />
        <Input.Search
          allowClear
          placeholder={t('housing.house.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) {
              setQ(undefined);
              paging.reset();
            }
          }}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            paging.reset();
          }}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('housing.house.use')}
          style={{ width: 120 }}
          value={use}
          options={codes.options('houseUses')}
          onChange={(v?: HouseUse) => {
            setUse(v);
            paging.reset();
          }}
        />
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
        </Tooltip>
        <span style={{ flex: 1 }} />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => onCreate(building)}>
            {t('housing.house.create')}
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<House>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={waiting ? [] : (list.data?.items ?? [])}
            loading={list.isFetching || buildings.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t(waiting ? 'housing.house.noBuildings' : q || use ? 'housing.house.emptyFiltered' : 'housing.house.empty')}
                />
              ),
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
    </>
  );
}
