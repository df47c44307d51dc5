import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useChart } from '../../../shared/hooks/useChart';
import { scoreColor } from '../utils/quality';

echarts.use([GaugeChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** 质量评分 as a gauge, coloured by band. */
export function ScoreGauge({ score, label }: { score: number | null; label: string }) {
  const el = useChart({
    series: [{
      type: 'gauge', min: 0, max: 100, radius: '95%', center: ['50%', '60%'], startAngle: 200, endAngle: -20,
      progress: { show: true, width: 14, itemStyle: { color: scoreColor(score) } },
      axisLine: { lineStyle: { width: 14 } }, axisTick: { show: false }, splitLine: { length: 8, lineStyle: { width: 1, color: '#999' } },
      axisLabel: { distance: 18, fontSize: 10 }, pointer: { show: false }, anchor: { show: false },
      title: { offsetCenter: [0, '38%'], fontSize: 13 },
      detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 30, fontWeight: 'bold', formatter: score === null ? '—' : '{value}', color: scoreColor(score) },
      data: [{ value: score ?? 0, name: label }],
    }],
  });
  return <div ref={el} data-testid="quality-gauge" style={{ width: '100%', height: 200 }} />;
}

/** Open findings per rule as horizontal bars; clicking a bar picks that rule. */
export function RuleBars({ rules, onPick, seriesName }: { rules: { name: string; findings: number; severity: string }[]; onPick: (index: number) => void; seriesName: string }) {
  const colors: Record<string, string> = { high: '#f5222d', medium: '#fa8c16', low: '#1677ff' };
  const shown = [...rules].reverse();
  const el = useChart({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{
      name: seriesName, type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right' },
      data: shown.map((r) => ({ value: r.findings, itemStyle: { color: colors[r.severity] ?? '#1677ff' } })),
    }],
  }, (p) => onPick(rules.length - 1 - p.dataIndex));
  return <div ref={el} data-testid="quality-bars" style={{ width: '100%', height: Math.max(200, rules.length * 30 + 20) }} />;
}
