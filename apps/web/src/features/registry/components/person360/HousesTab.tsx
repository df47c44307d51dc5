import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { toDateString } from '../../../../shared/utils/format';
import type { PersonOverview } from '../../types';
import { useCodes } from '../../hooks/useDictionaries';
import { useLinkHouse, type PersonHouseKind } from '../../hooks/useRelations';
import type { Person } from '../../types';
import { currentFirst } from '../../utils/validity';
import { EndRelationButton } from '../EndRelationButton';
import { LinkModal } from '../LinkModal';
import { HousePicker } from '../Pickers';
import { isOpen, ValidityCell } from './ValidityCell';

type Row = PersonOverview['houses'][number];

/** 房屋: where the person owns, rents, lives or runs a shop; 关联房屋 and 迁出 / 结束. */
export function HousesTab({ person, houses, canWrite }: { person: Person; houses: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const link = useLinkHouse();
  const [adding, setAdding] = useState(false);

  const columns: ColumnsType<Row> = [
    {
      title: t('house.label'),
      key: 'label',
      // The building's 楼盘表 shows the house among its neighbours.
      render: (_, r) => (
        <Tooltip title={t('house.openFloorPlan')}>
          <Link to={`/registry/buildings/${r.house.buildingId}`}>{r.house.label}</Link>
        </Tooltip>
      ),
    },
    { title: t('house.use'), key: 'use', width: 90, render: (_, r) => codes.name('houseUses', r.house.use) },
    { title: t('house.relationKind'), dataIndex: 'kind', width: 100, render: (k: string) => codes.name('personHouseKinds', k) },
    { title: t('relation.validity'), key: 'validity', width: 280, render: (_, r) => <ValidityCell v={r} /> },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: Row) =>
              isOpen(r) && (
                <EndRelationButton
                  relation="personHouse"
                  id={r.relationId}
                  validFrom={r.validFrom}
                  label={r.kind === 'resident' || r.kind === 'tenant' ? 'house.moveOut' : 'relation.end'}
                  confirm={t('house.endConfirm', { name: person.name, house: r.house.label })}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      {canWrite && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('house.link')}
          </Button>
        </Flex>
      )}
      <Table<Row>
        rowKey="relationId"
        size="middle"
        columns={columns}
        dataSource={currentFirst(houses, toDateString(dayjs()))}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('house.empty')} /> }}
      />
      {adding && (
        <LinkModal
          title={t('house.linkTitle', { name: person.name })}
          targetName="houseId"
          targetLabel={t('house.label')}
          picker={<HousePicker />}
          codeName="kind"
          codeLabel={t('house.relationKind')}
          codeOptions={codes.options('personHouseKinds')}
          defaultCode="resident"
          saving={link.isPending}
          onClose={() => setAdding(false)}
          onSubmit={(v, fail) =>
            link.mutate(
              { personId: person.id, houseId: v.target, kind: v.code as PersonHouseKind, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), setAdding(false)), onError: fail },
            )
          }
        />
      )}
    </>
  );
}
