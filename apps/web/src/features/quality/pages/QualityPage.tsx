import { Breadcrumb, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { localName } from '../../../i18n/names';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { RuleBars, ScoreGauge } from '../components/Charts';
import { FindingsTable } from '../components/FindingsTable';
import { RunButton } from '../components/RunButton';
import { useQualitySummary } from '../hooks/useQuality';
import type { QualityChild } from '../types';
import { scoreColor } from '../utils/quality';

/**
 * 数据质量: the score of a jurisdiction and of each node below it, findings per rule, and the
 * records behind them. Drilling down (city → district → street → community → grid) keeps the
 * node in the address, so the browser's back button climbs back up.
 */
export function QualityPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get('node') ?? undefined;
  const ruleCode = params.get('rule') ?? undefined;
  const summary = useQualitySummary(nodeId);
  const s = summary.data;
  const go = (next: { node?: string; rule?: string }) => {
    const p = new URLSearchParams();
    if (next.node) p.set('node', next.node);
    if (next.rule) p.set('rule', next.rule);
    setParams(p);
  };
  const ruleBars = useMemo(() => (s?.rules ?? []).map((r) => ({ name: localName(r, lang), findings: r.findings, severity: r.severity })), [s, lang]);

  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={t('quality.title')}
        subtitle={t('quality.subtitle')}
        extra={s && <RunButton jurisdictionId={s.node.id} nodeName={s.node.name} />}
      />
      {s && (
        <>
          <Breadcrumb
            data-testid="quality-breadcrumb"
            items={[
              ...(s.node.parentId ? [{ title: <a onClick={() => go({ node: s.node.parentId ?? undefined })}>{t('quality.up')}</a> }] : []),
              ...s.node.pathNames.map((n) => ({ title: n })),
            ]}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card title={t('quality.score')} size="small">
                <ScoreGauge score={s.score} label={s.node.name} />
                <Row gutter={8}>
                  <Col span={8}><Statistic title={t('quality.findings')} value={s.findings} /></Col>
                  <Col span={8}><Statistic title={t('quality.people')} value={s.records.person} /></Col>
                  <Col span={8}><Statistic title={t('quality.houses')} value={s.records.house} /></Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card title={t('quality.byRule')} size="small" extra={<Typography.Text type="secondary">{t('quality.byRuleHint')}</Typography.Text>}>
                {s.rules.length ? (
                  <RuleBars rules={ruleBars} seriesName={t('quality.findings')} onPick={(i) => go({ node: nodeId, rule: s.rules[i]?.code })} />
                ) : (
                  <Empty description={t('quality.noRules')} />
                )}
              </Card>
            </Col>
          </Row>
          {s.children.length > 0 && (
            <Card title={t('quality.children', { level: t(`quality.level.${s.children[0]!.level}` as 'quality.level.grid') })} size="small">
              <Table<QualityChild>
                rowKey="id"
                size="small"
                pagination={s.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={s.children}
                data-testid="quality-children"
                onRow={(c) => ({ onClick: () => go({ node: c.id }), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('quality.col.node'), dataIndex: 'name', render: (name: string, c) => <a onClick={() => go({ node: c.id })}>{name}</a> },
                  {
                    title: t('quality.score'), dataIndex: 'score', sorter: (a, b) => (a.score ?? 101) - (b.score ?? 101),
                    render: (v: number | null) => <Tag color={scoreColor(v)} style={{ minWidth: 48, textAlign: 'center' }}>{v ?? '—'}</Tag>,
                  },
                  { title: t('quality.findings'), dataIndex: 'findings', sorter: (a, b) => a.findings - b.findings },
                  { title: t('quality.people'), render: (_, c) => c.records.person },
                  { title: t('quality.houses'), render: (_, c) => c.records.house },
                ]}
              />
            </Card>
          )}
          <Card title={t('quality.findingList')} size="small" extra={<Link to="/quality/todo">{t('menu.qualityTodo')}</Link>}>
            <FindingsTable jurisdictionId={s.node.id} rules={s.rules} ruleCode={ruleCode} onRuleChange={(rule) => go({ node: nodeId, rule })} />
          </Card>
        </>
      )}
    </Space>
  );
}
