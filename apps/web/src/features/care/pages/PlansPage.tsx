import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useNotify } from '../../../shared/hooks/useNotify';
import { useCurrentUser } from '../../auth/hooks/useAuth';
import { EndPlanModal } from '../components/EndPlanModal';
import { PlanFormModal } from '../components/PlanFormModal';
import { useGenerate, usePlans, useProviders } from '../hooks/useCare';
import type { Plan } from '../types';

/** 照护计划: plans of one's jurisdiction, made from the elder's level and needs; each generates its orders. */
export function PlansPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('care.manage');
  const [query, setQuery] = useState<{ page: number; pageSize: number; q?: string; providerId?: string; status?: 'active' | 'ended' }>({ page: 1, pageSize: 20, status: 'active' });
  const plans = usePlans(query);
  const providers = useProviders();
  const generate = useGenerate();
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Plan | null>(null);
  const run = async (p: Plan) => {
    try {
      const r = await generate.mutateAsync(p.id);
      void message.success(t('care.plans.generated', r));
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('care.plans.title')} subtitle={t('care.plans.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('care.plans.new')}</Button>} />
      <Card size="small">
        <Flex gap={8} wrap>
          <Input.Search allowClear placeholder={t('care.filter.elder')} style={{ width: 200 }} onSearch={(v) => setQuery({ ...query, page: 1, q: v.trim() || undefined })} />
          <Select<'active' | 'ended' | 'all'> style={{ width: 140 }} value={query.status ?? 'all'} data-testid="plan-status"
            onChange={(v) => setQuery({ ...query, page: 1, status: v === 'all' ? undefined : v })}
            options={[{ value: 'active', label: t('care.plans.status.active') }, { value: 'ended', label: t('care.plans.status.ended') }, { value: 'all', label: t('care.plans.status.all') }]} />
          <Select allowClear placeholder={t('care.filter.allProviders')} style={{ width: 220 }} value={query.providerId} onChange={(v) => setQuery({ ...query, page: 1, providerId: v })}
            options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Flex>
      </Card>
      <Card size="small">
        <Table<Plan> rowKey="id" size="middle" loading={plans.isFetching} dataSource={plans.data?.items ?? []} locale={{ emptyText: t('care.plans.empty') }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: plans.data?.total ?? 0, showTotal: (n) => t('common.total', { total: n }), onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }) }}
          columns={[
            { title: t('care.col.elder'), dataIndex: 'personName' },
            { title: t('care.col.level'), dataIndex: 'level', render: (l) => (l === null ? <Tag>{t('care.plans.noLevel')}</Tag> : <Tag color="purple">{t('care.level', { level: l })}</Tag>) },
            { title: t('care.col.provider'), dataIndex: 'providerName', ellipsis: true },
            { title: t('care.col.items'), key: 'items', render: (_, p) => p.items.map((i) => <Tag key={i.id}>{i.serviceName} {i.weekdays.map((d) => t(`care.weekday.${d}` as DictKey)).join('')} {i.startTime}</Tag>) },
            { title: t('care.plans.needs'), dataIndex: 'needs', render: (n: string[]) => n.map((x) => t(`care.need.${x}` as DictKey)).join('、') || '—' },
            { title: t('care.col.period'), key: 'period', render: (_, p) => `${p.periodFrom} ~ ${p.periodTo}` },
            {
              title: t('care.plans.state'), key: 'status',
              render: (_, p) => (p.status === 'ended'
                ? <span data-testid="plan-ended"><Tag>{t('care.plans.status.ended')}</Tag>{t('care.plans.endedOn', { date: p.endedOn ?? '—', reason: p.endReason ?? '—' })}</span>
                : <Tag color="green">{t('care.plans.status.active')}</Tag>),
            },
            { title: t('care.col.orders'), dataIndex: 'orders' },
            {
              title: t('common.actions'), key: 'a',
              render: (_, p) => canManage && p.status === 'active' && (
                <Space size={0}>
                  <Popconfirm title={t('care.plans.generate')} onConfirm={() => void run(p)}>
                    <Button size="small" type="link" loading={generate.isPending && generate.variables === p.id}>{t('care.plans.generate')}</Button>
                  </Popconfirm>
                  <Button size="small" type="link" danger onClick={() => setEnding(p)}>{t('care.plans.end')}</Button>
                </Space>
              ),
            },
          ]} />
      </Card>
      <PlanFormModal open={creating} onClose={() => setCreating(false)} />
      <EndPlanModal plan={ending} onClose={() => setEnding(null)} />
    </Space>
  );
}
