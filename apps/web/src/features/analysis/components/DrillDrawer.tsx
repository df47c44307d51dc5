import { Button, Drawer, Empty, Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import type { DictKey } from '../../../i18n/dict';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { cstTime } from '../../care/utils/care';
import type { Catalogue } from '../hooks/useAnalysis';
import type { ResponseOf } from '../../../api/types';

export type DrillList = ResponseOf<'/api/analysis/drill', 'post'>['list'];
export interface Drill { title: string; list: DrillList; query: Record<string, string | number> }

type Row = Record<string, unknown> & { id: string };
interface Page { items: Row[]; nextCursor: string | null; total: number | null }
const PAGE = 50;

/** A list paged by number (elders, orders, exceptions, alerts): the "cursor" is the next page. */
async function byPage(cursor: string | undefined, get: (page: number) => Promise<{ items: unknown[]; total: number }>, id: (r: Row) => string = (r) => String(r.id)): Promise<Page> {
  const page = Number(cursor ?? 1);
  const r = await get(page);
  return { items: (r.items as Row[]).map((x) => ({ ...x, id: id(x) })), nextCursor: page * PAGE < r.total ? String(page + 1) : null, total: r.total };
}

/** Fetches one page of a drill's list from the module's own endpoint (masked and audited as that list is). */
function fetchPage(d: Drill, cursor: string | undefined): Promise<Page> {
  const keyset = { ...d.query, limit: PAGE, ...(cursor ? { cursor } : {}) } as never;
  const paged = (page: number) => ({ ...d.query, page, pageSize: PAGE }) as never;
  const keysetPage = async (p: Promise<{ items: unknown[]; nextCursor: string | null; total?: number }>): Promise<Page> => {
    const r = await p;
    return { items: r.items as Row[], nextCursor: r.nextCursor, total: r.total ?? null };
  };
  switch (d.list) {
    case 'people': return keysetPage(unwrap(api.GET('/api/people', { params: { query: keyset } })));
    case 'houses': return keysetPage(unwrap(api.GET('/api/houses', { params: { query: keyset } })));
    case 'households': return keysetPage(unwrap(api.GET('/api/households', { params: { query: keyset } })));
    case 'events': return keysetPage(unwrap(api.GET('/api/events', { params: { query: keyset } })));
    case 'elders': return byPage(cursor, (p) => unwrap(api.GET('/api/elder/elders', { params: { query: paged(p) } })), (r) => String(r.personId));
    case 'careOrders': return byPage(cursor, (p) => unwrap(api.GET('/api/care/orders', { params: { query: paged(p) } })));
    case 'careExceptions': return byPage(cursor, (p) => unwrap(api.GET('/api/care/exceptions', { params: { query: paged(p) } })));
    case 'alerts': return byPage(cursor, (p) => unwrap(api.GET('/api/devices/alerts', { params: { query: paged(p) } })));
  }
}

/** The full page of a list with the same filters, where that page reads them from its address. */
function fullPage(d: Drill): string | null {
  const qs = (o: Record<string, string | number | undefined>) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  const q = d.query;
  switch (d.list) {
    case 'careOrders': return `/care/orders?${qs({ jurisdictionId: q.jurisdictionId, visited: q.visited, from: q.from, to: q.to })}`;
    case 'careExceptions': return `/care/exceptions?${qs({ status: 'all', jurisdictionId: q.jurisdictionId, kind: q.kind, from: q.from, to: q.to })}`;
    case 'elders': return `/elder/elders?${qs({ node: q.jurisdictionId, level: q.level, ageBand: q.ageBand })}`;
    case 'households': return q.q ? null : `/registry/households?${qs({ node: q.jurisdictionId })}`;
    default: return null;
  }
}

/**
 * The records behind a cube cell, in a drawer: the list the drill named (people, elders, houses,
 * households, events, care orders, visit exceptions, alerts) with its columns, paged, and a link
 * to the full list with the same filters where that page takes them.
 */
export function DrillDrawer({ drill, members, onClose }: { drill: Drill | null; members: Catalogue['members'] | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [cursor, setCursor] = useState<string | undefined>();
  const list = useQuery({ queryKey: ['analysis', 'drill', drill, cursor], enabled: drill !== null, placeholderData: keepPreviousData, queryFn: () => fetchPage(drill!, cursor) });
  const member = (dim: string, key: unknown) => {
    const m = members?.[dim]?.find((x) => x.key === String(key));
    return m ? (lang === 'zh' ? m.label : m.labelEn) : String(key ?? '—');
  };
  const text = (k: DictKey) => t(k);
  const name = (to: (r: Row) => string | null): ColumnsType<Row>[number] => ({
    title: text('person.name'), dataIndex: 'name', render: (v: string, r) => { const href = to(r); return href ? <Link to={href}>{v}</Link> : v; },
  });
  const masked = { title: text('person.citizenId'), dataIndex: 'citizenIdMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> };
  const columns: Record<DrillList, ColumnsType<Row>> = {
    people: [name((r) => `/registry/people/${r.id}`), { title: text('person.age'), dataIndex: 'age', width: 60 }, masked,
      { title: text('analysis.node'), dataIndex: 'jurisdiction', render: (j: { name: string | null } | null) => j?.name ?? '—' }],
    elders: [name((r) => `/elder/elders/${r.id}`), { title: text('person.age'), dataIndex: 'age', width: 60 }, masked,
      { title: text('analysis.drill.level'), dataIndex: 'currentLevel', render: (v: number | null) => (v === null ? '—' : member('abilityLevel', v)) },
      { title: text('analysis.node'), dataIndex: 'jurisdictionName', render: (v: string | null) => v ?? '—' }],
    houses: [{ title: text('analysis.drill.house'), dataIndex: 'label', render: (v: string, r) => <Link to={`/registry/buildings/${String(r.buildingId)}`}>{v}</Link> },
      { title: text('analysis.drill.use'), dataIndex: 'use', width: 90, render: (v: string) => member('houseUse', v) },
      { title: text('analysis.drill.residents'), dataIndex: 'residentCount', width: 80, align: 'right' }],
    households: [{ title: text('analysis.drill.householdNo'), dataIndex: 'householdNo', render: (v: string | null) => v ?? '—' },
      { title: text('analysis.drill.head'), dataIndex: 'headName', render: (v: string | null, r) => (r.headId ? <Link to={`/registry/people/${String(r.headId)}`}>{v}</Link> : '—') },
      { title: text('analysis.drill.house'), dataIndex: 'houseLabel', render: (v: string | null) => v ?? '—' },
      { title: text('analysis.drill.members'), dataIndex: 'memberCount', width: 60, align: 'right' }],
    events: [{ title: text('analysis.drill.event'), dataIndex: 'title' },
      { title: text('analysis.drill.kind'), dataIndex: 'kind', width: 90, render: (v: string) => member('eventKind', v) },
      { title: text('analysis.drill.state'), dataIndex: 'state', width: 90, render: (v: string, r) => <>{member('eventState', v)}{r.overdue ? <Tag color="red" style={{ marginLeft: 4 }}>{t('analysis.drill.overdue')}</Tag> : null}</> },
      { title: text('analysis.drill.reportedAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => cstTime(v) }],
    careOrders: [{ title: text('analysis.drill.elder'), dataIndex: 'personName' }, { title: text('analysis.drill.service'), dataIndex: 'serviceName' },
      { title: text('analysis.drill.scheduledAt'), dataIndex: 'scheduledAt', width: 140, render: (v: string) => cstTime(v) },
      { title: text('analysis.drill.caregiver'), dataIndex: 'caregiverName', render: (v: string | null) => v ?? '—' },
      { title: text('analysis.drill.state'), dataIndex: 'status', width: 80, render: (v: string) => t(`care.status.${v}` as DictKey) }],
    careExceptions: [{ title: text('analysis.drill.kind'), dataIndex: 'kind', render: (v: string) => member('exceptionKind', v) },
      { title: text('analysis.drill.elder'), dataIndex: 'personName' }, { title: text('analysis.drill.provider'), dataIndex: 'providerName' },
      { title: text('analysis.drill.day'), dataIndex: 'day', width: 100 }],
    alerts: [{ title: text('analysis.drill.kind'), dataIndex: 'kind', render: (v: string) => member('alertKind', v) },
      { title: text('analysis.drill.elder'), dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
      { title: text('analysis.drill.raisedAt'), dataIndex: 'raisedAt', width: 140, render: (v: string) => cstTime(v) },
      { title: text('analysis.node'), dataIndex: 'jurisdictionName', render: (v: string | null) => v ?? '—' }],
  };
  const total = list.data?.total;
  const full = drill ? fullPage(drill) : null;
  return (
    <Drawer open={drill !== null} onClose={() => { setCursor(undefined); onClose(); }} size={720}
      title={`${t('analysis.records')} · ${drill?.title ?? ''}${total !== null && total !== undefined ? `（${total}）` : ''}`}
      extra={full ? <Link to={full}>{t('analysis.fullList')}</Link> : null}>
      <Table data-testid="drill-table" size="small" rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false}
        columns={drill ? columns[drill.list] : []} locale={{ emptyText: <Empty /> }} />
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
        {cursor && <Button onClick={() => setCursor(undefined)}>{t('analysis.first')}</Button>}
        {list.data?.nextCursor && <Button onClick={() => setCursor(list.data!.nextCursor!)}>{t('analysis.next')}</Button>}
      </Flex>
    </Drawer>
  );
}
