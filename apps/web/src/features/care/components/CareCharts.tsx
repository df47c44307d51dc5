import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useChart } from '../../../shared/hooks/useChart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Visits per day (scheduled, completed) as bars and exceptions as a line; a click picks the day. */
export function TrendChart({ days, labels, onPick }: {
  days: { day: string; scheduled: number; completed: number; exceptions: number }[];
  labels: { scheduled: string; completed: string; exceptions: string };
  onPick: (day: string) => void;
}) {
  const el = useChart({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
    series: [
      { name: labels.scheduled, type: 'bar', data: days.map((d) => d.scheduled), itemStyle: { color: '#9ec5fe' } },
      { name: labels.completed, type: 'bar', data: days.map((d) => d.completed), itemStyle: { color: '#5b8ff9' } },
      { name: labels.exceptions, type: 'line', yAxisIndex: 1, data: days.map((d) => d.exceptions), itemStyle: { color: '#e8684a' }, smooth: true },
    ],
  }, (p) => days[p.dataIndex] && onPick(days[p.dataIndex]!.day));
  return <div ref={el} data-testid="care-trend" style={{ width: '100%', height: 280 }} />;
}

/** Exceptions per kind as horizontal bars (open in orange on top of resolved); a click picks the kind. */
export function KindBars({ kinds, labels, onPick }: {
  kinds: { name: string; open: number; resolved: number }[];
  labels: { open: string; resolved: string };
  onPick: (index: number) => void;
}) {
  const shown = [...kinds].reverse();
  const el = useChart({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((k) => k.name) },
    series: [
      { name: labels.open, type: 'bar', stack: 'x', data: shown.map((k) => k.open), itemStyle: { color: '#fa8c16' } },
      { name: labels.resolved, type: 'bar', stack: 'x', data: shown.map((k) => k.resolved), itemStyle: { color: '#95de64' } },
    ],
  }, (p) => onPick(kinds.length - 1 - p.dataIndex));
  return <div ref={el} data-testid="care-kinds" style={{ width: '100%', height: 280 }} />;
}
