import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { useNotify } from '../../../shared/hooks/useNotify';
import { toDateString } from '../../../shared/utils/format';
import type { Household } from '../types';
import { useCodes } from '../hooks/useDictionaries';
import { useAddHouseholdMember, useHousehold } from '../hooks/useHouseholds';
import { currentFirst } from '../utils/validity';
import { EndRelationButton } from './EndRelationButton';
import { LinkModal } from './LinkModal';
import { isOpen, ValidityCell } from './person360/ValidityCell';
import { PersonPicker } from './Pickers';

type Member = Household['members'][number];

/** One household: head, house and members over time; 添加成员 and 成员迁出. */
export function HouseholdDrawer({ id, canWrite, onClose }: { id: string; canWrite: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const household = useHousehold(id);
  const addMember = useAddHouseholdMember();
  const [adding, setAdding] = useState(false);
  const h = household.data;

  const columns: ColumnsType<Member> = [
    {
      title: t('person.name'),
      key: 'name',
      width: 110,
      render: (_, m) => (
        <Link to={`/registry/people/${m.personId}`} onClick={onClose}>
          {m.name}
        </Link>
      ),
    },
    {
      title: t('household.relationToHead'),
      key: 'relation',
      width: 120,
      render: (_, m) => codes.name('familyRelations', m.relationCode, m.relationName),
    },
    { title: t('person.gender'), dataIndex: 'gender', width: 60, render: (g: number) => codes.name('genders', g) },
    { title: t('person.age'), dataIndex: 'age', width: 60, render: (a: number | null) => a ?? '—' },
    { title: t('relation.validity'), key: 'validity', render: (_, m) => <ValidityCell v={m} /> },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, m: Member) =>
              isOpen(m) && (
                <EndRelationButton
                  relation="householdMember"
                  id={m.memberId}
                  validFrom={m.validFrom}
                  label="household.memberOut"
                  confirm={t('household.memberOutConfirm', { name: m.name })}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open
      size={820}
      onClose={onClose}
      title={h ? t('household.drawerTitle', { name: h.headName ?? '—' }) : t('household.detail')}
      extra={
        canWrite &&
        h && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('household.addMember')}
          </Button>
        )
      }
    >
      {household.isPending ? (
        <Skeleton active />
      ) : household.isError ? (
        <ErrorState error={household.error} onRetry={() => void household.refetch()} />
      ) : (
        h && (
          <Flex vertical gap={20}>
            <Descriptions
              bordered
              size="small"
              column={2}
              items={[
                { key: 'no', label: t('household.no'), children: h.householdNo ? <span className="mono">{h.householdNo}</span> : '—' },
                { key: 'kind', label: t('household.kind'), children: t(h.kind === 'collective' ? 'household.kind.collective' : 'household.kind.family') },
                {
                  key: 'head',
                  label: t('household.head'),
                  children: h.headId ? (
                    <Link to={`/registry/people/${h.headId}`} onClick={onClose}>
                      {h.headName}
                    </Link>
                  ) : (
                    '—'
                  ),
                },
                { key: 'house', label: t('household.house'), children: h.houseLabel ?? '—' },
              ]}
            />
            <div>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('household.members')}
              </Typography.Title>
              <Table<Member>
                rowKey="memberId"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={currentFirst(h.members, toDateString(dayjs()))}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noMembers')} /> }}
              />
            </div>
          </Flex>
        )
      )}
      {adding && h && (
        <LinkModal
          title={t('household.addMemberTitle', { name: h.headName ?? '—' })}
          targetName="personId"
          targetLabel={t('household.member')}
          picker={<PersonPicker />}
          codeName="relationCode"
          codeLabel={t('household.relationToHead')}
          codeOptions={codes.options('familyRelations').map((o) => ({ value: o.value, label: `${o.value} ${o.label}` }))}
          saving={addMember.isPending}
          onClose={() => setAdding(false)}
          onSubmit={(v, fail) =>
            addMember.mutate(
              { householdId: h.id, personId: v.target, relationCode: v.code, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('household.memberAdded'), setAdding(false)), onError: fail },
            )
          }
        />
      )}
    </Drawer>
  );
}
