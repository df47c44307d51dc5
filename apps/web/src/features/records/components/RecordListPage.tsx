import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { FlexProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Fragment, useState, type ComponentType, type ReactNode } from 'react';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { KeysetListCard, type KeysetListResult } from '../../../shared/components/KeysetListCard';
import { PageHeader } from '../../../shared/components/PageHeader';
import type { KeysetFilters, KeysetList } from '../../../shared/hooks/useKeysetList';
import { useCurrentUser } from '../../auth/hooks/useAuth';

/** The detail drawer of a record: opened from the list, it can ask for the edit dialog. */
export type RecordDrawer<Row> = ComponentType<{ id: string; canWrite: boolean; onEdit: (row: Row) => void; onClose: () => void }>;

interface Props<Row extends { id: string }> {
  text: { title: string; subtitle: string; create: string; search: string; empty: string; emptyFiltered: string };
  keyset: Pick<KeysetList<KeysetFilters>, 'filtered' | 'search' | 'pager' | 'lastQuery'>;
  list: KeysetListResult<Row>;
  searchWidth: number;
  /** The list's own filters (selects, the jurisdiction picker …). */
  filters: ReactNode;
  toolbarAlign?: FlexProps['align'];
  /** The record's columns; `open` shows its drawer. The 操作 column is added after them. */
  columns: (open: (id: string) => void) => ColumnsType<Row>;
  /** The first action of a row and the width of the 操作 column. */
  action: { label: string; width: number };
  rowClassName?: (row: Row) => string;
  drawer: RecordDrawer<Row>;
  /** The register (no record) or edit dialog. */
  form: (record: Row | undefined, onClose: () => void) => ReactNode;
}

/**
 * A registry list page (单位, 设施设备, 事件): header with the register button, the searchable
 * keyset list with 查看 / 编辑 on each row, the record's drawer and its register/edit dialog.
 * Writing needs `registry.write`; without it the page only reads.
 */
export function RecordListPage<Row extends { id: string }>(props: Props<Row>) {
  const { t } = useI18n();
  const canWrite = can(useCurrentUser(), PERM.registryWrite);
  const [openId, setOpenId] = useState<string>();
  // `record` absent: registering a new one.
  const [dialog, setDialog] = useState<{ record?: Row } | null>(null);
  const { text, drawer: Drawer } = props;

  const columns: ColumnsType<Row> = [
    ...props.columns(setOpenId),
    {
      title: t('common.actions'),
      key: 'actions',
      width: props.action.width,
      fixed: 'right',
      render: (_, row) => (
        <Flex gap={12} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link onClick={() => setOpenId(row.id)}>{props.action.label}</Typography.Link>
          {canWrite && <Typography.Link onClick={() => setDialog({ record: row })}>{t('rec.edit')}</Typography.Link>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={text.title}
        subtitle={text.subtitle}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              {text.create}
            </Button>
          )
        }
      />
      <KeysetListCard<Row>
        keyset={props.keyset}
        list={props.list}
        searchPlaceholder={text.search}
        searchWidth={props.searchWidth}
        filters={props.filters}
        toolbarAlign={props.toolbarAlign}
        columns={columns}
        rowClassName={props.rowClassName}
        emptyText={props.keyset.filtered ? text.emptyFiltered : text.empty}
      />
      {openId && <Drawer id={openId} canWrite={canWrite} onEdit={(record) => setDialog({ record })} onClose={() => setOpenId(undefined)} />}
      {dialog && <Fragment key={dialog.record?.id ?? 'new'}>{props.form(dialog.record, () => setDialog(null))}</Fragment>}
    </>
  );
}
