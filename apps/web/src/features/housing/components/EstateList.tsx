import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useEstateList } from '../hooks/useHousing';
import type { Estate } from '../types';

const PAGE_SIZE = 15;

/**
 * The master list of 房屋管理: 小区 of one's jurisdiction, searchable and keyset-paged, with a
 * first entry for every building (including those outside any estate).
 */
export function EstateList({
  selectedId,
  onSelect,
  canWrite,
  onCreate,
}: {
  selectedId: string | undefined;
  onSelect: (estate: Estate | undefined) => void;
  canWrite: boolean;
  onCreate: () => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string>();
  const paging = useCursorPaging<string>();
  const list = useEstateList({ limit: PAGE_SIZE, ...(q ? { q } : {}), ...(paging.cursor ? { cursor: paging.cursor } : {}) });
  const items = list.data?.items ?? [];

  const searchFor = (v: string | undefined) => {
    setQ(v);
    paging.reset();
  };

  return (
    <Card
      title={t('housing.estates')}
      size="small"
      extra={
        canWrite && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={onCreate}>
            {t('housing.estate.create')}
          </Button>
        )
      }
      styles={{ body: { padding: 8 } }}
    >
      <Input.Search
        allowClear
        placeholder={t('housing.estate.searchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          if (!e.target.value) searchFor(undefined);
        }}
        onSearch={(v) => searchFor(v.trim() || undefined)}
        style={{ marginBottom: 8 }}
      />
      <button type="button" className={`estate-item${selectedId ? '' : ' estate-item-active'}`} onClick={() => onSelect(undefined)}>
        <Typography.Text strong>{t('housing.allBuildings')}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('housing.allBuildingsHint')}
          </Typography.Text>
        </div>
      </button>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} style={{ padding: 12 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(q ? 'housing.estate.emptyFiltered' : 'housing.estate.empty')} />
      ) : (
        items.map((e) => (
          <button
            key={e.id}
            type="button"
            className={`estate-item${e.id === selectedId ? ' estate-item-active' : ''}`}
            onClick={() => onSelect(e)}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong ellipsis>
                {e.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('housing.estate.counts', { buildings: e.buildingCount, houses: e.houseCount })}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
              {[e.jurisdictionName, e.address].filter(Boolean).join(' · ') || '—'}
            </Typography.Text>
          </button>
        ))
      )}
      {(paging.hasPrev || list.data?.nextCursor) && (
        <Flex justify="space-between" align="center" style={{ padding: '8px 4px 0' }}>
          <Button size="small" icon={<LeftOutlined />} disabled={!paging.hasPrev || list.isFetching} onClick={paging.prev}>
            {t('common.prevPage')}
          </Button>
          <Typography.Text type="secondary">{t('common.pageNo', { page: paging.page })}</Typography.Text>
          <Button
            size="small"
            disabled={!list.data?.nextCursor || list.isFetching}
            onClick={() => list.data?.nextCursor && paging.next(list.data.nextCursor)}
          >
            {t('common.nextPage')} <RightOutlined />
          </Button>
        </Flex>
      )}
    </Card>
  );
}
