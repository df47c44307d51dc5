import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PERM, can } from '../../../app/permissions';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { PersonPicker } from '../../registry/components/Pickers';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ExportButton } from '../../exports/components/ExportButton';
import { exportFilters } from '../../exports/utils/resources';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { JurisdictionPicker } from '../../registry/components/JurisdictionPicker';
import { LevelTag } from '../components/LevelTag';
import { useElderList, useVocabulary } from '../hooks/useElder';
import { useLevelName } from '../hooks/useLevelName';
import type { ElderListItem, ElderListQuery } from '../types';

type Sort = NonNullable<ElderListQuery['sort']>;

/** 老人档案: the elders of one's jurisdiction — search by name or pinyin, filter, sort, page. */
export function ElderListPage() {
  const { t, lang } = useI18n();
  const vocab = useVocabulary();
  const levelName = useLevelName();
  // filters may arrive in the address (a drill-down from the statistics page)
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<string | undefined>(params.get('unassessed') === 'true' ? 'none' : (params.get('level') ?? undefined));
  const [ageBand, setAgeBand] = useState<string | undefined>(params.get('ageBand') ?? undefined);
  const [living, setLiving] = useState<string | undefined>(params.get('living') ?? undefined);
  const [node, setNode] = useState<JurisdictionOption | undefined>(params.get('node') ? { value: params.get('node')!, label: params.get('nodeName') ?? '' } : undefined);
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'name', order: 'asc' });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query: ElderListQuery = {
    ...(q ? { q } : {}),
    ...(level === 'none' ? { unassessed: 'true' } : level !== undefined ? { level: Number(level) } : {}),
    ...(ageBand ? { ageBand: ageBand as ElderListQuery['ageBand'] } : {}),
    ...(living ? { living: living as ElderListQuery['living'] } : {}),
    ...(node ? { jurisdictionId: node.value } : {}),
    ...sort,
    ...page,
  };
  const list = useElderList(query);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<ElderListItem> = [
    { title: t('person.name'), dataIndex: 'name', key: 'name', sorter: true, width: 120, render: (n: string, r) => <Link to={`/elder/elders/${r.personId}`}>{n}</Link> },
    { title: t('person.age'), dataIndex: 'age', key: 'age', sorter: true, width: 80, render: (a: number | null) => a ?? '—' },
    { title: t('person.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: t('elder.col.level'), dataIndex: 'currentLevel', key: 'level', sorter: true, width: 210, render: (l: number | null, r) => <LevelTag level={l} version={r.currentScaleVersion} /> },
    { title: t('elder.col.living'), dataIndex: 'livingSituation', width: 130, render: (c: string) => vocab.name('livingSituations', c) },
    { title: t('elder.col.subsidies'), dataIndex: 'subsidies', render: (s: string[]) => (s.length ? s.map((c) => <Tag key={c}>{vocab.name('subsidies', c)}</Tag>) : '—') },
    { title: t('elder.col.assessedAt'), dataIndex: 'currentAssessedAt', key: 'assessed', sorter: true, width: 120, render: (d: string | null) => (d ? new Date(d).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN') : '—') },
    { title: t('people.col.jurisdiction'), dataIndex: 'jurisdictionName', width: 150 },
    { title: '', key: 'flag', width: 110, render: (_, r) => (r.openProposal ? <Tag color="orange">{t('elder.proposalOpen')}</Tag> : null) },
  ];

  return (
    <>
      <PageHeader
        title={t('elder.list.title')}
        subtitle={t('elder.list.subtitle')}
        extra={
          <Flex gap={8}>
            {can(me, PERM.elderWrite) && can(me, PERM.registryRead) && (
              <div style={{ width: 260 }} data-testid="elder-open-person">
                <PersonPicker placeholder={t('elder.list.openPerson')} onChange={(p) => p && navigate(`/elder/elders/${p.value}`)} />
              </div>
            )}
            <ExportButton resource="elders" filters={() => exportFilters(query, ['page', 'pageSize'])} />
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('elder.list.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => reset(setQ)(v.trim())}
            style={{ width: 240 }}
            data-testid="elder-search"
          />
          <Select allowClear placeholder={t('elder.col.level')} value={level} onChange={reset(setLevel)} style={{ width: 200 }} data-testid="elder-filter-level"
            options={[{ value: 'none', label: t('elder.level.none') }, ...[0, 1, 2, 3, 4].map((l) => ({ value: String(l), label: levelName(l) }))]} />
          <Select allowClear placeholder={t('elder.filter.ageBand')} value={ageBand} onChange={reset(setAgeBand)} style={{ width: 140 }}
            options={(vocab.data?.ageBands ?? []).filter((b) => b.code !== 'unknown').map((b) => ({ value: b.code, label: localName(b, lang) }))} />
          <Select allowClear placeholder={t('elder.col.living')} value={living} onChange={reset(setLiving)} style={{ width: 170 }}
            options={(vocab.data?.livingSituations ?? []).map((b) => ({ value: b.code, label: localName(b, lang) }))} />
          <JurisdictionPicker value={node} onChange={reset(setNode)} placeholder={t('people.col.jurisdiction')} style={{ width: 220 }} />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>{t('common.refresh')}</Button>
        </Flex>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ElderListItem>
            rowKey="personId"
            size="middle"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            data-testid="elder-list"
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty description={q || level || ageBand || living || node ? t('elder.list.emptyFiltered') : t('elder.list.empty')} /> }}
            onChange={(pg, _f, sorter) => {
              const s = sorter as SorterResult<ElderListItem>;
              const key = (s.order ? (s.columnKey as Sort) : 'name') ?? 'name';
              setSort({ sort: key, order: s.order === 'descend' ? 'desc' : 'asc' });
              setPage({ page: pg.current ?? 1, pageSize: pg.pageSize ?? 20 });
            }}
            pagination={{
              current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
              showTotal: (total) => (list.data?.totalCapped ? t('elder.list.totalCapped', { total }) : t('common.total', { total })),
            }}
          />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('elder.list.hint')}</Typography.Text>
      </Card>
    </>
  );
}
