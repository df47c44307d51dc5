import { ArrowUpOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { Bars, MovesLine, Pyramid } from '../components/Charts';
import { useProfile } from '../hooks/useAnalysis';

/**
 * 民情分析: the population of one node of the jurisdiction (the user's own by default) compared
 * with its children; a click on a child drills down, the node and month stay in the address.
 */
export function ProfilePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get('node') ?? undefined;
  const month = params.get('month') ?? undefined;
  const profile = useProfile(nodeId, month);
  const p = profile.data;
  const go = (next: { node?: string | null; month?: string | null }) => {
    const q = new URLSearchParams();
    const n = next.node === undefined ? nodeId : next.node;
    const m = next.month === undefined ? month : next.month;
    if (n) q.set('node', n);
    if (m) q.set('month', m);
    setParams(q);
  };
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const children = p?.children ?? [];
  const name = (x: { label: string; labelEn: string }) => (lang === 'zh' ? x.label : x.labelEn);
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={`${t('menu.analysisProfile')}${p ? ` · ${p.node.name}` : ''}`}
        extra={
          <Space wrap>
            {p?.node.parentId && <Button icon={<ArrowUpOutlined />} onClick={() => go({ node: p.node.parentId })}>{t('analysis.up')}</Button>}
            <DatePicker picker="month" allowClear value={month ? dayjs(`${month}-01`) : null} disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => go({ month: d ? d.format('YYYY-MM') : null })} placeholder={t('analysis.month')} data-testid="profile-month" />
          </Space>
        }
      />
      {!p ? <Card loading /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Card><Statistic title={t('analysis.people')} value={p.residence.people} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('analysis.living')} value={p.residence.living} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('analysis.hukouLocal')} value={p.residence.hukouLocal} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title={t('analysis.hukouOther')} value={p.residence.hukouOther} /></Card></Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('analysis.pyramid')}>
                {p.residence.people ? <Pyramid data={p.pyramid} labels={{ male: t('analysis.male'), female: t('analysis.female') }} /> : <Empty description={t('analysis.empty')} />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('analysis.children')} extra={<Typography.Text type="secondary">{t('analysis.drillHint')}</Typography.Text>}>
                {children.length ? (
                  <Bars categories={children.map(name)}
                    series={[{ name: t('analysis.people'), data: children.map((c) => c.values.people ?? 0) }, { name: '60+', data: children.map((c) => c.values.elders ?? 0) }]}
                    onPick={(i) => { const c = children[i]; if (c?.nodeId && c.key !== p.node.path) go({ node: c.nodeId }); }} />
                ) : <Empty description={t('analysis.empty')} />}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('analysis.tags')}>
                {p.tags.length ? <Bars horizontal height={260} categories={p.tags.map(name)} series={[{ name: t('analysis.people'), data: p.tags.map((x) => x.people), color: '#8b5cf6' }]} /> : <Empty description={t('analysis.empty')} />}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('analysis.households')}>
                <Bars height={170} categories={p.households.bySize.map((b) => (b.size >= 5 ? t('analysis.householdSize5') : t('analysis.householdSize', { n: b.size })))}
                  series={[{ name: t('analysis.households'), data: p.households.bySize.map((b) => b.households), color: '#0ea5e9' }]} />
                <Row gutter={8}>
                  <Col span={12}><Statistic title={t('analysis.aloneElderly')} value={p.households.aloneElderly} /></Col>
                  <Col span={12}><Statistic title={t('analysis.alone')} value={p.households.alone} /></Col>
                  <Col span={12}><Statistic title={t('analysis.emptyNest')} value={p.households.emptyNest} /></Col>
                  <Col span={12}><Statistic title={t('analysis.oldOld')} value={p.households.oldOld} /></Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('analysis.moves')}>
                <MovesLine data={p.moves} labels={{ in: t('analysis.movedIn'), out: t('analysis.movedOut') }} />
              </Card>
            </Col>
          </Row>
          <Card title={t('analysis.children')}>
            <Table
              size="small" rowKey="key" dataSource={children} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('analysis.empty')} /> }}
              columns={[
                { title: t('analysis.node'), dataIndex: 'label', render: (_: string, c) => (c.nodeId && c.key !== p.node.path ? <a onClick={() => go({ node: c.nodeId })}>{name(c)}</a> : name(c)), sorter: (a, b) => a.key.localeCompare(b.key) },
                ...(['people', 'elders', 'living', 'households', 'houses', 'events_open'] as const).map((k) => ({
                  title: { people: t('analysis.people'), elders: '60+', living: t('analysis.living'), households: t('analysis.householdCount'), houses: lang === 'zh' ? '房屋' : 'Houses', events_open: t('analysis.open') }[k],
                  key: k, align: 'right' as const, render: (_: unknown, c: (typeof children)[number]) => c.values[k] ?? 0,
                  sorter: (a: (typeof children)[number], b: (typeof children)[number]) => (a.values[k] ?? 0) - (b.values[k] ?? 0),
                })),
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
