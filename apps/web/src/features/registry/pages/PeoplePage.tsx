import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { KeysetPager } from '../../../shared/components/KeysetPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorPaging } from '../../../shared/hooks/useCursorPaging';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ExportButton } from '../../exports/components/ExportButton';
import { PeopleFilters, type PeopleFilter } from '../components/PeopleFilters';
import { PersonFormModal } from '../components/PersonFormModal';
import { PersonStatusTag } from '../components/PersonStatusTag';
import { PersonTags } from '../components/PersonTags';
import { useCodes } from '../hooks/useDictionaries';
import { usePeopleList } from '../hooks/usePeople';
import type { Person, PersonQuery } from '../types';
import { ageRange, totalLabel } from '../utils/peopleQuery';

const PAGE_SIZES = [20, 50, 100];

function toQuery(f: PeopleFilter): Omit<PersonQuery, 'limit' | 'cursor'> {
  return {
    ...(f.q ? { q: f.q } : {}),
    ...(f.jurisdiction ? { jurisdictionId: f.jurisdiction.value } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.gender !== undefined ? { gender: f.gender } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...ageRange(f.ageBand),
  };
}

/** 人口管理: find people in one's jurisdiction by name, pinyin, ID or phone, and register new ones. */
export function PeoplePage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const codes = useCodes();
  const [filter, setFilter] = useState<PeopleFilter>({});
  const [limit, setLimit] = useState(20);
  const [creating, setCreating] = useState(false);
  const paging = useCursorPaging<string>();
  const list = usePeopleList({ ...toQuery(filter), limit, ...(paging.cursor ? { cursor: paging.cursor } : {}) });
  const canWrite = can(me, PERM.registryWrite);

  const applyFilter = (next: PeopleFilter) => {
    setFilter(next);
    paging.reset();
  };

  const columns: ColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string, p) => <Link to={`/registry/people/${p.id}`}>{name}</Link>,
    },
    { title: t('person.gender'), dataIndex: 'gender', width: 70, render: (g: number) => codes.name('genders', g) },
    {
      title: t('person.age'),
      dataIndex: 'age',
      width: 70,
      render: (age: number | null) => age ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('person.citizenId'),
      dataIndex: 'citizenIdMasked',
      width: 190,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('person.phone'),
      dataIndex: 'phoneMasked',
      width: 130,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('people.col.jurisdiction'),
      key: 'jurisdiction',
      width: 160,
      render: (_, p) =>
        p.jurisdiction.name ? (
          <Tooltip title={p.jurisdiction.pathNames.join(' / ')}>
            <span>{p.jurisdiction.name}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('person.tags'), key: 'tags', render: (_, p) => <PersonTags tags={p.tags} /> },
    { title: t('person.status'), dataIndex: 'status', width: 90, render: (s: string) => <PersonStatusTag status={s} /> },
  ];

  const filtered = Object.values(toQuery(filter)).length > 0;

  return (
    <>
      <PageHeader
        title={t('people.title')}
        subtitle={t('people.subtitle')}
        extra={
          <>
            <ExportButton resource="people" filters={() => toQuery(filter)} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('person.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <PeopleFilters value={filter} onChange={applyFilter} onRefresh={() => void list.refetch()} refreshing={list.isFetching} />
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Person>
              rowKey="id"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                // While the first page loads the spinner says enough; "nobody here" would be wrong.
                emptyText: list.isPending ? (
                  <div style={{ height: 160 }} />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('people.emptyFiltered') : t('people.empty')}
                  >
                    {canWrite && !filtered && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                        {t('person.create')}
                      </Button>
                    )}
                  </Empty>
                ),
              }}
            />
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Typography.Text type="secondary" style={{ marginTop: 16 }}>
                {list.data && t('people.total', { total: totalLabel(list.data.total, list.data.totalCapped) })}
              </Typography.Text>
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
            </Flex>
          </>
        )}
      </Card>
      {creating && <PersonFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
