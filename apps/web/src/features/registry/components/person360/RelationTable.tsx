import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import type { DictKey } from '../../../../i18n/dict';
import { useI18n } from '../../../../i18n/I18nProvider';
import { toDateString } from '../../../../shared/utils/format';
import type { EndableRelation } from '../../hooks/useRelations';
import { currentFirst, type Validity } from '../../utils/validity';
import { EndRelationButton } from '../EndRelationButton';
import { isOpen, ValidityCell } from './ValidityCell';

type RelationRow = Validity & { relationId: string };

/**
 * One relationship tab of the 360° page (房屋, 单位, 亲属关系): current rows first, each with its
 * validity and — for writers — an 结束/迁出 action; an add button opens the tab's own link dialog.
 * Tabs state only their columns, how a row ends and which dialog adds one.
 */
export function RelationTable<R extends RelationRow>({
  rows,
  columns,
  canWrite,
  emptyText,
  addLabel,
  actionWidth = 80,
  end,
  renderAdd,
}: {
  rows: R[];
  columns: ColumnsType<R>;
  canWrite: boolean;
  emptyText: DictKey;
  addLabel: DictKey;
  actionWidth?: number;
  end: (r: R) => { relation: EndableRelation; label: DictKey; confirm: string };
  /** The dialog that adds a row; `close` dismisses it. */
  renderAdd: (close: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const all: ColumnsType<R> = [
    ...columns,
    { title: t('relation.validity'), key: 'validity', width: 280, render: (_, r) => <ValidityCell v={r} /> },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: actionWidth,
            render: (_: unknown, r: R) => isOpen(r) && <EndRelationButton id={r.relationId} validFrom={r.validFrom} {...end(r)} />,
          },
        ]
      : []),
  ];

  return (
    <>
      {canWrite && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t(addLabel)}
          </Button>
        </Flex>
      )}
      <Table<R>
        rowKey="relationId"
        size="middle"
        columns={all}
        dataSource={currentFirst(rows, toDateString(dayjs()))}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(emptyText)} /> }}
      />
      {adding && renderAdd(() => setAdding(false))}
    </>
  );
}
