import { Card, Col, DatePicker, Empty, Flex, Row, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import type { DictKey } from '../../../i18n/dict';
import { PageHeader } from '../../../shared/components/PageHeader';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { JurisdictionPicker } from '../../registry/components/JurisdictionPicker';
import { KindBars, TrendChart } from '../components/CareCharts';
import { useSupervision } from '../hooks/useCare';
import type { Supervision } from '../types';
import { addDays, cstToday, kindKey } from '../utils/care';

type ProviderRow = Supervision['providers'][number];

/**
 * 养老服务监管: the providers' visits, exceptions, ratings and trends of a jurisdiction and period,
 * read from figures kept current by every visit; each figure opens the visits or exceptions behind it.
 */
export function SupervisionPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? cstToday();
  const from = params.get('from') ?? addDays(to, -29);
  const node = params.get('node') ? ({ value: params.get('node')!, label: params.get('nodeName') ?? '' } as JurisdictionOption) : null;
  const { data, isFetching } = useSupervision({ from, to, ...(node ? { jurisdictionId: node.value } : {}) });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (!v) next.delete(k); else next.set(k, v);
    setParams(next, { replace: true });
  };
  const drill = (path: string, q: Record<string, string>) => navigate(`${path}?${new URLSearchParams({ from, to, ...q })}`);
  const tot = data?.totals;
  const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('care.supervision.title')} subtitle={t('care.supervision.subtitle')}
        extra={(
          <Flex gap={8} wrap>
            <JurisdictionPicker value={node} placeholder={t('care.supervision.area')} style={{ width: 240 }}
              onChange={(v) => set({ node: v?.value, nodeName: typeof v?.label === 'string' ? v.label : undefined })} />
            <DatePicker.RangePicker allowClear={false} value={[dayjs(from), dayjs(to)]} onChange={(r) => r && set({ from: r[0]!.format('YYYY-MM-DD'), to: r[1]!.format('YYYY-MM-DD') })} />
          </Flex>
        )} />
      <Flex gap={12} wrap>
        {[
          { k: 'scheduled', v: tot?.scheduled },
          { k: 'completed', v: tot?.completed },
          { k: 'completion', v: tot ? rate(tot.completed, tot.scheduled) : undefined },
          { k: 'exceptions', v: tot?.exceptions, link: () => drill('/care/exceptions', { status: 'all' }) },
          { k: 'open', v: tot?.openExceptions, link: () => drill('/care/exceptions', { status: 'open' }) },
          { k: 'rating', v: tot?.avgRating ?? '—' },
          { k: 'hours', v: tot ? Math.round(tot.minutes / 6) / 10 : undefined },
        ].map((s) => (
          <Card key={s.k} size="small" style={{ flex: '1 1 140px' }} hoverable={Boolean(s.link)} onClick={s.link} data-testid={`care-kpi-${s.k}`}>
            <Statistic title={t(`care.supervision.${s.k}` as DictKey)} value={s.v ?? '—'} loading={isFetching && !data} />
          </Card>
        ))}
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('care.supervision.trend')}>
            {data && data.trend.length ? (
              <TrendChart days={data.trend} onPick={(day) => drill('/care/orders', { from: day, to: day })}
                labels={{ scheduled: t('care.supervision.scheduled'), completed: t('care.supervision.completed'), exceptions: t('care.supervision.exceptions') }} />
            ) : <Empty description={t('care.supervision.empty')} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('care.supervision.byKind')}>
            {data && data.totals.exceptions ? (
              <KindBars kinds={data.byKind.map((k) => ({ name: t(kindKey(k.kind)), open: k.open, resolved: k.raised - k.open }))}
                labels={{ open: t('care.open'), resolved: t('care.resolved') }} onPick={(i) => drill('/care/exceptions', { status: 'all', kind: data.byKind[i]!.kind })} />
            ) : <Empty description={t('care.exceptions.empty')} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('care.supervision.providers')}>
        <Table<ProviderRow> rowKey="providerId" size="middle" dataSource={data?.providers ?? []} pagination={false} locale={{ emptyText: t('care.supervision.empty') }}
          columns={[
            { title: t('care.col.provider'), dataIndex: 'name', render: (v, p) => <a onClick={() => drill('/care/orders', { providerId: p.providerId })}>{v}</a> },
            { title: t('care.supervision.scheduled'), dataIndex: 'scheduled', sorter: (a, b) => a.scheduled - b.scheduled },
            { title: t('care.supervision.completed'), dataIndex: 'completed', sorter: (a, b) => a.completed - b.completed },
            { title: t('care.supervision.completion'), key: 'rate', render: (_, p) => rate(p.completed, p.scheduled) },
            { title: t('care.supervision.exceptions'), dataIndex: 'exceptions', sorter: (a, b) => a.exceptions - b.exceptions, render: (v, p) => <a onClick={() => drill('/care/exceptions', { status: 'all', providerId: p.providerId })}>{v}</a> },
            { title: t('care.supervision.open'), dataIndex: 'openExceptions', sorter: (a, b) => a.openExceptions - b.openExceptions },
            { title: t('care.supervision.rating'), dataIndex: 'avgRating', sorter: (a, b) => (a.avgRating ?? 0) - (b.avgRating ?? 0), render: (v) => v ?? '—' },
            { title: t('care.supervision.hours'), dataIndex: 'minutes', render: (m) => Math.round(m / 6) / 10 },
          ]} />
      </Card>
    </Space>
  );
}
