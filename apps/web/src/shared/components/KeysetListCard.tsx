import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tooltip } from 'antd';
import type { FlexProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { ExportButton } from '../../features/exports/components/ExportButton';
import { exportFilters, resourceForRoute } from '../../features/exports/utils/resources';
import { useI18n } from '../../i18n/I18nProvider';
import type { KeysetPage, KeysetPagerState, KeysetSearchProps } from '../hooks/useKeysetList';
import { ErrorState } from './ErrorState';
import { KeysetPager } from './KeysetPager';

/** The part of a react-query result the card reads. */
export interface KeysetListResult<Row> {
  data?: KeysetPage<Row>;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Props<Row> {
  /** From useKeysetList: the search box and the pager. */
  keyset: { search: KeysetSearchProps; pager: (data: KeysetPage<Row> | undefined) => KeysetPagerState; lastQuery?: () => Record<string, unknown> };
  list: KeysetListResult<Row>;
  searchPlaceholder: string;
  searchWidth: number;
  /** The list's own filters, between the search box and the refresh button. */
  filters?: ReactNode;
  toolbarAlign?: FlexProps['align'];
  columns: ColumnsType<Row>;
  emptyText: string;
  rowClassName?: (row: Row) => string;
  /** Shown beside the pager when the list counts its rows. */
  showTotal?: boolean;
}

/**
 * A searchable, filterable keyset list in a card: search box, filters and refresh above the table,
 * 上一页 / 下一页 below; when loading fails, the server's reason and a retry instead of the table.
 * A list the export knows (by its route) gets 导出 Excel with the filters on screen.
 */
export function KeysetListCard<Row extends { id: string }>(props: Props<Row>) {
  const { t } = useI18n();
  const { keyset, list } = props;
  const resource = resourceForRoute(useLocation().pathname);
  const lastQuery = keyset.lastQuery;
  return (
    <Card>
      <Flex gap={12} wrap align={props.toolbarAlign} style={{ marginBottom: 16 }}>
        <Input.Search placeholder={props.searchPlaceholder} allowClear {...keyset.search} style={{ width: props.searchWidth }} />
        {props.filters}
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} />
        </Tooltip>
        {resource && lastQuery && <ExportButton resource={resource} filters={() => exportFilters(lastQuery())} />}
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            columns={props.columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={props.rowClassName}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} /> }}
          />
          <KeysetPager {...keyset.pager(list.data)} total={props.showTotal ? list.data?.total : undefined} loading={list.isFetching} />
        </>
      )}
    </Card>
  );
}
