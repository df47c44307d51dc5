import { Breadcrumb, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LevelPie, StackedBars } from '../components/StatsCharts';
import { useElderStats, useVocabulary } from '../hooks/useElder';
import { useLevelName } from '../hooks/useLevelName';
import type { ElderStats } from '../types';
import { LEVELS } from '../utils/levels';

type Child = ElderStats['children'][number];

/**
 * 老人统计: elders by ability level, age band and living situation under a jurisdiction node, and
 * per node below it (click a bar or a row to drill down). The figures are pre-aggregated and kept
 * current by the changes themselves, so a city view answers as fast as a grid.
 */
export function ElderStatsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const nodeId = params.get('node') ?? undefined;
  const stats = useElderStats(nodeId);
  const vocab = useVocabulary();
  const levelName = useLevelName();
  const s = stats.data;
  const shortLevel = (l: number) => (l < 0 ? t('elder.level.none') : t('elder.level.n', { n: l }));
  const go = (id: string | null | undefined) => setParams(id ? { node: id } : {});
  const vname = vocab.name;
  const ages = useMemo(() => (s?.byAgeBand ?? []).filter((b) => b.n > 0).map((b) => ({ ...b, name: vname('ageBands', b.code) })), [s, vname]);
  const living = useMemo(() => (s?.byLiving ?? []).map((b) => ({ ...b, name: vname('livingSituations', b.code) })), [s, vname]);
  const kids = useMemo(() => (s?.children ?? []).filter((c) => c.n > 0), [s]);
  const list = (q: Record<string, string>) => navigate(`/elder?${new URLSearchParams({ ...(s ? { node: s.node.id, nodeName: s.node.name } : {}), ...q }).toString()}`);

  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('elder.stats.title')} subtitle={t('elder.stats.subtitle')} />
      {s && (
        <>
          <Breadcrumb
            data-testid="elder-stats-breadcrumb"
            items={[...(s.node.parentId ? [{ title: <a onClick={() => go(s.node.parentId)}>{t('quality.up')}</a> }] : []), ...s.node.pathNames.map((n) => ({ title: n }))]}
          />
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('elder.stats.total')} value={s.total} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('elder.stats.assessed')} value={s.total - (s.byLevel.find((l) => l.level === -1)?.n ?? 0)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('elder.stats.disabled')} value={s.byLevel.filter((l) => l.level >= 2).reduce((a, l) => a + l.n, 0)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('elder.stats.alone')} value={s.byLiving.find((l) => l.code === 'alone')?.n ?? 0} /></Card></Col>
          </Row>
          {s.total === 0 ? (
            <Card><Empty description={t('elder.stats.empty')} /></Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={8}>
                <Card size="small" title={t('elder.stats.byLevel')}>
                  <LevelPie data={s.byLevel} levelName={(l) => levelName(l)} shortName={shortLevel} onPick={(l) => list(l < 0 ? { unassessed: 'true' } : { level: String(l) })} />
                </Card>
              </Col>
              <Col xs={24} lg={8}>
                <Card size="small" title={t('elder.stats.byAge')}>
                  <StackedBars testId="elder-chart-age" categories={ages} levelName={shortLevel} onPick={(i) => list({ ageBand: ages[i]!.code })} />
                </Card>
              </Col>
              <Col xs={24} lg={8}>
                <Card size="small" title={t('elder.stats.byLiving')}>
                  <StackedBars testId="elder-chart-living" categories={living} levelName={shortLevel} horizontal onPick={(i) => list({ living: living[i]!.code })} />
                </Card>
              </Col>
            </Row>
          )}
          {s.children.length > 0 && (
            <Card size="small" title={t('elder.stats.byChild')} extra={<Typography.Text type="secondary">{t('elder.stats.drill')}</Typography.Text>}>
              {kids.length > 0 && <StackedBars testId="elder-chart-children" categories={kids} levelName={shortLevel} onPick={(i) => go(kids[i]!.id)} />}
              <Table<Child>
                rowKey="id"
                size="small"
                dataSource={s.children}
                data-testid="elder-stats-children"
                pagination={s.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                onRow={(c) => ({ onClick: () => go(c.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('quality.col.node'), dataIndex: 'name', render: (n: string, c) => <a onClick={() => go(c.id)}>{n}</a> },
                  { title: t('elder.stats.total'), dataIndex: 'n', sorter: (a, b) => a.n - b.n, defaultSortOrder: 'descend' },
                  ...LEVELS.map((l) => ({ title: shortLevel(l), key: String(l), render: (_: unknown, c: Child) => c.byLevel[String(l)] ?? 0 })),
                ]}
              />
              {s.atNode > 0 && <Typography.Text type="secondary">{t('elder.stats.atNode', { n: s.atNode })}</Typography.Text>}
            </Card>
          )}
        </>
      )}
      {!s && !stats.isError && <Card loading />}
      {s && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('elder.stats.note')}</Typography.Text>}
    </Space>
  );
}
