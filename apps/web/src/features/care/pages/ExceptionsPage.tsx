import { Button, Card, DatePicker, Flex, Segmented, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ExportButton } from '../../exports/components/ExportButton';
import { exportFilters, PAGE_PARAMS } from '../../exports/utils/resources';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { ResolveModal } from '../components/ResolveModal';
import { VisitDrawer } from '../components/VisitDrawer';
import { useExceptions, useProviders } from '../hooks/useCare';
import type { CareException, ExceptionQuery } from '../types';
import { cstTime, EXCEPTION_KINDS, exceptionDetail, kindKey } from '../utils/care';

/** 核查异常: every exception the EVV checks raised, open first; staff resolve each with codes and a note. */
export function ExceptionsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const canResolve = me.permissions.includes('care.resolve');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'open') as 'open' | 'resolved' | 'all';
  const query: ExceptionQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    ...(status !== 'all' ? { status } : {}),
    ...(params.get('kind') ? { kind: params.get('kind') as ExceptionQuery['kind'] } : {}),
    ...(params.get('providerId') ? { providerId: params.get('providerId')! } : {}),
    ...(params.get('from') ? { from: params.get('from')! } : {}),
    ...(params.get('to') ? { to: params.get('to')! } : {}),
    ...(params.get('jurisdictionId') ? { jurisdictionId: params.get('jurisdictionId')! } : {}),
  };
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useExceptions(query);
  const providers = useProviders();
  const [resolving, setResolving] = useState<CareException | null>(null);
  const [visit, setVisit] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('care.exceptions.title')} subtitle={t('care.exceptions.subtitle')} />
      <Card size="small">
        <Flex gap={8} wrap>
          <Segmented value={status} onChange={(v) => set({ status: v as string })} options={[
            { value: 'open', label: t('care.open') }, { value: 'resolved', label: t('care.resolved') }, { value: 'all', label: t('care.filter.allStatus') },
          ]} />
          <Select allowClear placeholder={t('care.filter.allKinds')} style={{ width: 200 }} value={query.kind} onChange={(v) => set({ kind: v })} data-testid="care-exception-kind"
            options={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
          <Select allowClear placeholder={t('care.filter.allProviders')} style={{ width: 220 }} value={query.providerId} onChange={(v) => set({ providerId: v })}
            options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          <DatePicker.RangePicker value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
          <ExportButton resource="care_exceptions" filters={() => exportFilters(query, PAGE_PARAMS)} />
        </Flex>
      </Card>
      <Card size="small">
        <Table<CareException>
          rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} locale={{ emptyText: t('care.exceptions.empty') }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { total: n }), onChange: (page, pageSize) => set({ page, pageSize }) }}
          columns={[
            { title: t('care.col.kind'), dataIndex: 'kind', render: (k) => <Tag color="red">{t(kindKey(k))}</Tag> },
            { title: t('care.col.detail'), key: 'detail', render: (_, x) => exceptionDetail(x.kind, x.detail, lang) },
            { title: t('care.col.elder'), dataIndex: 'personName', render: (v, x) => <a onClick={() => setVisit(x.orderId)}>{v}</a> },
            { title: t('care.col.service'), dataIndex: 'serviceName' },
            { title: t('care.col.day'), dataIndex: 'day', width: 110 },
            { title: t('care.col.provider'), dataIndex: 'providerName', ellipsis: true },
            { title: t('care.col.caregiver'), dataIndex: 'caregiverName', render: (v) => v ?? '—' },
            {
              title: t('care.col.status'), dataIndex: 'status',
              render: (s, x) => s === 'open' ? <Tag color="orange">{t('care.open')}</Tag> : (
                <span title={x.note ?? ''}><Tag color="green">{t('care.resolved')}</Tag>{t(`care.resolution.${x.resolutionCode}` as DictKey)} · {x.resolvedByName} {cstTime(x.resolvedAt)}</span>
              ),
            },
            {
              title: t('common.actions'), key: 'a', width: 130,
              render: (_, x) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setVisit(x.orderId)}>{t('care.detail')}</Button>
                  {canResolve && x.status === 'open' && <Button size="small" type="link" data-testid="care-resolve" onClick={() => setResolving(x)}>{t('care.resolve')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ResolveModal exception={resolving} onClose={() => setResolving(null)} />
      <VisitDrawer orderId={visit} onClose={() => setVisit(null)} />
    </Space>
  );
}
