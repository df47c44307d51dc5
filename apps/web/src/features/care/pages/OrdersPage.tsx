import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { useI18n } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ExportButton } from '../../exports/components/ExportButton';
import { exportFilters, PAGE_PARAMS } from '../../exports/utils/resources';
import { CancelModal } from '../components/CancelModal';
import { DispatchModal } from '../components/DispatchModal';
import { VisitDrawer } from '../components/VisitDrawer';
import { useOrders, useProviders } from '../hooks/useCare';
import type { OrderQuery, OrderSummary } from '../types';
import { cstTime, evvKey, ORDER_STATUSES, STATUS_COLOR, statusKey } from '../utils/care';

/** 服务工单: the orders of one's jurisdiction (a provider's dispatcher: their own), to dispatch, reassign or cancel. */
export function OrdersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const canDispatch = me.permissions.includes('care.dispatch');
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const query: OrderQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    sort: (params.get('sort') as OrderQuery['sort']) ?? 'scheduledAt',
    ...(params.get('status') ? { status: params.get('status') as OrderQuery['status'] } : {}),
    ...(params.get('providerId') ? { providerId: params.get('providerId')! } : {}),
    ...(params.get('from') ? { from: params.get('from')! } : {}),
    ...(params.get('to') ? { to: params.get('to')! } : {}),
    ...(params.get('evv') ? { evv: params.get('evv') as OrderQuery['evv'] } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    // from a cube cell: the visits made under a node
    ...(params.get('jurisdictionId') ? { jurisdictionId: params.get('jurisdictionId')! } : {}),
    ...(params.get('visited') === 'true' ? { visited: 'true' as const } : {}),
  };
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const orders = useOrders(query);
  const providers = useProviders();
  const [detail, setDetail] = useState<string | null>(null);
  const [dispatching, setDispatching] = useState<OrderSummary | null>(null);
  const [cancelling, setCancelling] = useState<OrderSummary | null>(null);
  const open = (o: OrderSummary) => o.status === 'pending' || o.status === 'dispatched';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('care.orders.title')} subtitle={t('care.orders.subtitle')} />
      <Card size="small">
        <Flex gap={8} wrap>
          <Input.Search allowClear placeholder={t('care.filter.elder')} style={{ width: 200 }} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ q: v.trim() })} data-testid="care-orders-search" />
          <Select allowClear placeholder={t('care.filter.allStatus')} style={{ width: 140 }} value={query.status} onChange={(v) => set({ status: v })}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))} />
          <Select allowClear placeholder={t('care.filter.allProviders')} style={{ width: 220 }} value={query.providerId} onChange={(v) => set({ providerId: v })}
            options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          <DatePicker.RangePicker value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
          <Button onClick={() => { setQ(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
          <ExportButton resource="care_orders" filters={() => exportFilters(query, PAGE_PARAMS)} />
        </Flex>
      </Card>
      <Card size="small">
        <Table<OrderSummary>
          rowKey="id" size="middle" loading={orders.isFetching} dataSource={orders.data?.items ?? []}
          locale={{ emptyText: t('care.orders.empty') }}
          onChange={(_, __, sorter) => { const s = Array.isArray(sorter) ? sorter[0] : sorter; set({ sort: s?.order === 'descend' ? '-scheduledAt' : 'scheduledAt' }); }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: orders.data?.total ?? 0, showSizeChanger: true,
            showTotal: (n) => t('common.total', { total: orders.data?.totalCapped ? `${n}+` : n }), onChange: (page, pageSize) => set({ page, pageSize }),
          }}
          columns={[
            { title: t('care.col.scheduledAt'), dataIndex: 'scheduledAt', sorter: true, sortOrder: query.sort === '-scheduledAt' ? 'descend' : 'ascend', render: (v) => cstTime(v), width: 150 },
            { title: t('care.col.elder'), dataIndex: 'personName', render: (v, o) => <a onClick={() => setDetail(o.id)}>{v}</a> },
            { title: t('care.col.service'), dataIndex: 'serviceName' },
            { title: t('care.col.provider'), dataIndex: 'providerName', ellipsis: true },
            { title: t('care.col.caregiver'), dataIndex: 'caregiverName', render: (v) => v ?? '—' },
            { title: t('care.col.status'), dataIndex: 'status', render: (s) => <Tag color={STATUS_COLOR[s as OrderSummary['status']]}>{t(statusKey(s))}</Tag> },
            { title: t('care.col.evv'), dataIndex: 'evvStatus', render: (e, o) => <Tag color={e === 'exception' ? 'red' : e === 'verified' ? 'green' : 'default'}>{t(evvKey(e))}{o.exceptions ? ` ${o.exceptions}` : ''}</Tag> },
            { title: t('care.col.rating'), dataIndex: 'rating', render: (r) => (r ? '★'.repeat(r) : '—') },
            {
              title: t('common.actions'), key: 'actions', width: 170,
              render: (_, o) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setDetail(o.id)}>{t('care.detail')}</Button>
                  {canDispatch && open(o) && <Button size="small" type="link" data-testid="care-dispatch" onClick={() => setDispatching(o)}>{o.caregiverId ? t('care.reassign') : t('care.dispatch')}</Button>}
                  {canDispatch && open(o) && <Button size="small" type="link" danger onClick={() => setCancelling(o)}>{t('common.cancel')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <VisitDrawer orderId={detail} onClose={() => setDetail(null)} />
      <DispatchModal order={dispatching} onClose={() => setDispatching(null)} />
      <CancelModal order={cancelling} onClose={() => setCancelling(null)} />
    </Space>
  );
}
