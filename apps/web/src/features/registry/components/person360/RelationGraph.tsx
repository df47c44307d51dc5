import { AimOutlined, ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Empty, Flex, Spin, Tooltip, Typography } from 'antd';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import { ErrorState } from '../../../../shared/components/ErrorState';
import { useGraph } from '../../hooks/useLookups';
import { entityId, escapeHtml, graphSeriesData, isCentreKind, type GraphCentreKind, type GraphNodeKind } from '../../utils/graph';

echarts.use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Centre {
  kind: GraphCentreKind;
  id: string;
  label: string;
}

/** A click waits this long for a second click, so a double click does not also re-centre. */
const DOUBLE_CLICK_MS = 250;

/**
 * 关系图: the person's household, houses, relatives and organisations as a force-directed graph.
 * Clicking a node re-centres the graph on it; double-clicking a person opens their 360° page.
 * The page keys it by person, so another person's page starts from that person.
 */
export function RelationGraph({ personId, personName }: { personId: string; personName: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [trail, setTrail] = useState<Centre[]>([{ kind: 'person', id: personId, label: personName }]);
  const centre = trail[trail.length - 1]!;
  const graph = useGraph(centre.kind, centre.id);
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const kindName = (k: GraphNodeKind) => t(`graph.kind.${k}`);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  // Handlers see the latest trail and navigate through refs, so the chart is not rebuilt for them.
  const onNode = useRef<(kind: string, nodeId: string, label: string, double: boolean) => void>(() => {});
  onNode.current = (kind, nodeId, label, double) => {
    const id = entityId({ id: nodeId, kind });
    if (double) {
      if (kind === 'person') navigate(`/registry/people/${id}`);
      return;
    }
    if (!isCentreKind(kind) || (kind === centre.kind && id === centre.id)) return;
    setTrail((tr) => [...tr, { kind, id, label }]);
  };

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    type NodeParams = { dataType?: string; data?: { id: string; kind: string; name: string } };
    const handle = (double: boolean) => (p: NodeParams) => {
      if (p.dataType !== 'node' || !p.data) return;
      const { id, kind, name } = p.data;
      clearTimeout(clickTimer.current);
      if (double) onNode.current(kind, id, name, true);
      else clickTimer.current = setTimeout(() => onNode.current(kind, id, name, false), DOUBLE_CLICK_MS);
    };
    c.on('click', handle(false) as never);
    c.on('dblclick', handle(true) as never);
    return () => {
      c.off('click');
      c.off('dblclick');
      clearTimeout(clickTimer.current);
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !graph.data) return;
    const { categories, data, links } = graphSeriesData(graph.data, centre.id, kindName);
    c.setOption(
      {
        tooltip: {
          formatter: (p: { dataType?: string; data: { name?: string; sublabel?: string; kind?: string; value?: string } }) =>
            p.dataType === 'edge'
              ? escapeHtml(p.data.value ?? '')
              : [p.data.name, p.data.sublabel, p.data.kind && kindName(p.data.kind as GraphNodeKind)]
                  .filter(Boolean)
                  .map((s) => escapeHtml(String(s)))
                  .join('<br/>'),
        },
        legend: { data: categories.map((c) => c.name), bottom: 0 },
        series: [
          {
            type: 'graph',
            layout: 'force',
            roam: true,
            draggable: true,
            categories,
            data,
            links,
            force: { repulsion: 700, edgeLength: [130, 220], gravity: 0.06 },
            label: { show: true, position: 'bottom', fontSize: 12 },
            edgeLabel: { show: true, formatter: '{c}', fontSize: 11, color: '#666' },
            lineStyle: { color: 'source', opacity: 0.6, width: 1.5, curveness: 0.08 },
            emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
          },
        ],
      },
      { notMerge: true },
    );
    // kindName depends only on the language, which `t` follows.
  }, [graph.data, centre.id, t]);

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Breadcrumb
          items={trail.map((c, i) => ({
            key: `${c.kind}:${c.id}:${i}`,
            title:
              i === trail.length - 1 ? (
                <Typography.Text strong>{`${t(`graph.kind.${c.kind}`)}：${c.label}`}</Typography.Text>
              ) : (
                <a onClick={() => setTrail((tr) => tr.slice(0, i + 1))}>{c.label}</a>
              ),
          }))}
        />
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('graph.hint')}
          </Typography.Text>
          <Tooltip title={t('graph.backToPerson')}>
            <Button size="small" icon={<AimOutlined />} disabled={trail.length === 1} onClick={() => setTrail((tr) => tr.slice(0, 1))} />
          </Tooltip>
          <Tooltip title={t('common.refresh')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void graph.refetch()} loading={graph.isFetching} />
          </Tooltip>
        </Flex>
      </Flex>
      {graph.isError && <ErrorState error={graph.error} onRetry={() => void graph.refetch()} />}
      <div style={{ position: 'relative', display: graph.isError ? 'none' : 'block' }}>
        <div ref={el} style={{ height: 520, width: '100%' }} />
        {graph.isPending && (
          <Flex justify="center" align="center" style={{ position: 'absolute', inset: 0 }}>
            <Spin />
          </Flex>
        )}
        {graph.data && graph.data.nodes.length <= 1 && (
          <Flex justify="center" align="center" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
            <Empty description={t('graph.empty')} />
          </Flex>
        )}
      </div>
    </Flex>
  );
}
