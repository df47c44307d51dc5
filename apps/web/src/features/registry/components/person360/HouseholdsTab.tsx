import { Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import type { PersonOverview } from '../../types';
import { useCodes } from '../../hooks/useDictionaries';
import { HouseholdDrawer } from '../HouseholdDrawer';
import { ValidityCell } from './ValidityCell';

type Row = PersonOverview['households'][number];
type Member = Row['members'][number];

/** 家庭: the household(s) the person belongs to, with the members and their relation to the head. */
export function HouseholdsTab({ personId, households, canWrite }: { personId: string; households: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const [open, setOpen] = useState<string | undefined>();

  if (households.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noneForPerson')} />;
  }

  return (
    <Flex vertical gap={16}>
      {households.map((h) => (
        <Card
          key={h.householdId}
          size="small"
          title={
            <Space size={8} wrap>
              <span>{t('household.headIs', { name: h.headName ?? '—' })}</span>
              <Tag color="blue">{t('household.myRelation', { relation: codes.name('familyRelations', h.relationCode, h.relationName) })}</Tag>
              <ValidityCell v={h} />
            </Space>
          }
          extra={
            <Button type="link" onClick={() => setOpen(h.householdId)}>
              {t('household.open')}
            </Button>
          }
        >
          <Table<Member>
            rowKey="memberId"
            size="small"
            pagination={false}
            dataSource={h.members}
            columns={[
              {
                title: t('person.name'),
                key: 'name',
                render: (_, m) =>
                  m.personId === personId ? (
                    <Typography.Text strong>{m.name}</Typography.Text>
                  ) : (
                    <Link to={`/registry/people/${m.personId}`}>{m.name}</Link>
                  ),
              },
              {
                title: t('household.relationToHead'),
                key: 'relation',
                render: (_, m) => codes.name('familyRelations', m.relationCode, m.relationName),
              },
            ]}
          />
        </Card>
      ))}
      {open && <HouseholdDrawer id={open} canWrite={canWrite} onClose={() => setOpen(undefined)} />}
    </Flex>
  );
}
