import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { toDateString } from '../../../../shared/utils/format';
import type { PersonOverview } from '../../types';
import { useCodes } from '../../hooks/useDictionaries';
import { useAddOrganization, type PersonOrgKind } from '../../hooks/useRelations';
import type { Person } from '../../types';
import { currentFirst } from '../../utils/validity';
import { EndRelationButton } from '../EndRelationButton';
import { LinkModal } from '../LinkModal';
import { OrganizationPicker } from '../Pickers';
import { isOpen, ValidityCell } from './ValidityCell';

type Row = PersonOverview['organizations'][number];

/** 单位: where the person works, whom they represent or are the contact of; 关联 and 结束. */
export function OrganizationsTab({ person, organizations, canWrite }: { person: Person; organizations: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const add = useAddOrganization();
  const [adding, setAdding] = useState(false);

  const columns: ColumnsType<Row> = [
    { title: t('org.name'), key: 'name', render: (_, r) => r.org.name },
    { title: t('org.type'), key: 'type', width: 110, render: (_, r) => codes.name('orgTypes', r.org.type) },
    { title: t('org.kind'), dataIndex: 'kind', width: 110, render: (k: string) => codes.name('personOrgKinds', k) },
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
                  relation="personOrg"
                  id={r.relationId}
                  validFrom={r.validFrom}
                  label="relation.end"
                  confirm={t('org.endConfirm', { name: person.name, org: r.org.name })}
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
            {t('org.link')}
          </Button>
        </Flex>
      )}
      <Table<Row>
        rowKey="relationId"
        size="middle"
        columns={columns}
        dataSource={currentFirst(organizations, toDateString(dayjs()))}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.empty')} /> }}
      />
      {adding && (
        <LinkModal
          title={t('org.linkTitle', { name: person.name })}
          targetName="orgId"
          targetLabel={t('org.name')}
          picker={<OrganizationPicker />}
          codeName="kind"
          codeLabel={t('org.kind')}
          codeOptions={codes.options('personOrgKinds')}
          defaultCode="employee"
          saving={add.isPending}
          onClose={() => setAdding(false)}
          onSubmit={(v, fail) =>
            add.mutate(
              { personId: person.id, orgId: v.target, kind: v.code as PersonOrgKind, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), setAdding(false)), onError: fail },
            )
          }
        />
      )}
    </>
  );
}
