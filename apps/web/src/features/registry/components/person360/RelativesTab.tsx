import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { toDateString } from '../../../../shared/utils/format';
import type { PersonOverview } from '../../types';
import { useCodes } from '../../hooks/useDictionaries';
import { useAddRelative } from '../../hooks/useRelations';
import type { Person } from '../../types';
import { currentFirst } from '../../utils/validity';
import { EndRelationButton } from '../EndRelationButton';
import { LinkModal } from '../LinkModal';
import { PersonPicker } from '../Pickers';
import { isOpen, ValidityCell } from './ValidityCell';

type Row = PersonOverview['relatives'][number];

/** 亲属关系: family relations (GB/T 4761) to other registered people; 添加 and 结束. */
export function RelativesTab({ person, relatives, canWrite }: { person: Person; relatives: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const add = useAddRelative();
  const [adding, setAdding] = useState(false);

  const columns: ColumnsType<Row> = [
    {
      title: t('person.name'),
      key: 'name',
      width: 120,
      render: (_, r) => <Link to={`/registry/people/${r.person.id}`}>{r.person.name}</Link>,
    },
    {
      title: t('relative.relation'),
      key: 'relation',
      width: 180,
      render: (_, r) => {
        const name = codes.name('familyRelations', r.relationCode, r.relationName);
        // A relation recorded from the other person's side reads the other way round. The
        // overview does not say which side yet (`direction`); when it does, this shows it.
        return (r as { direction?: 'in' | 'out' }).direction === 'in' ? t('relative.inverse', { relation: name }) : name;
      },
    },
    { title: t('person.gender'), key: 'gender', width: 70, render: (_, r) => codes.name('genders', r.person.gender) },
    { title: t('person.age'), key: 'age', width: 70, render: (_, r) => r.person.age ?? '—' },
    { title: t('relation.validity'), key: 'validity', width: 280, render: (_, r) => <ValidityCell v={r} /> },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, r: Row) =>
              isOpen(r) && (
                <EndRelationButton
                  relation="personRelation"
                  id={r.relationId}
                  validFrom={r.validFrom}
                  label="relation.end"
                  confirm={t('relative.endConfirm', { name: person.name, other: r.person.name })}
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
            {t('relative.add')}
          </Button>
        </Flex>
      )}
      <Table<Row>
        rowKey="relationId"
        size="middle"
        columns={columns}
        dataSource={currentFirst(relatives, toDateString(dayjs()))}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relative.empty')} /> }}
      />
      {adding && (
        <LinkModal
          title={t('relative.addTitle', { name: person.name })}
          targetName="relatedPersonId"
          targetLabel={t('relative.person')}
          picker={<PersonPicker excludeId={person.id} />}
          codeName="relationCode"
          codeLabel={t('relative.relationOf', { name: person.name })}
          codeOptions={codes.options('familyRelations').map((o) => ({ value: o.value, label: `${o.value} ${o.label}` }))}
          saving={add.isPending}
          onClose={() => setAdding(false)}
          onSubmit={(v, fail) =>
            add.mutate(
              { personId: person.id, relatedPersonId: v.target, relationCode: v.code, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), setAdding(false)), onError: fail },
            )
          }
        />
      )}
    </>
  );
}
