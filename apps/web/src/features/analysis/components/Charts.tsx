import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts instance (light or ECharts' dark theme) bound to a div, resized and disposed with it. */
export function useChart(option: echarts.EChartsCoreOption, opts: { dark?: boolean; onClick?: (p: { dataIndex: number; seriesIndex: number }) => void } = {}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(opts.onClick);
  click.current = opts.onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, opts.dark ? 'dark' : undefined);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { dataIndex: number; seriesIndex: number }));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => { resize.disconnect(); c.dispose(); chart.current = null; };
  }, [opts.dark]);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return el;
}

const BG = { backgroundColor: 'transparent' };

/** 人口金字塔: men to the left, women to the right, by age band. */
export function Pyramid({ data, dark, height = 300, labels }: { data: { label: string; male: number; female: number }[]; dark?: boolean; height?: number; labels: { male: string; female: string } }) {
  const el = useChart({
    ...BG,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => String(Math.abs(v)) },
    legend: { data: [labels.male, labels.female], top: 0 },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
    yAxis: { type: 'category', data: data.map((d) => d.label), axisTick: { show: false } },
    series: [
      { name: labels.male, type: 'bar', stack: 'p', data: data.map((d) => -d.male), itemStyle: { color: '#3b82f6' } },
      { name: labels.female, type: 'bar', stack: 'p', data: data.map((d) => d.female), itemStyle: { color: '#f472b6' } },
    ],
  }, { dark });
  return <div ref={el} data-testid="pyramid" style={{ width: '100%', height }} />;
}

/** Bars of several series over categories (children areas, tags, sizes); a click reports the category. */
export function Bars({ categories, series, dark, height = 280, horizontal, onPick }: {
  categories: string[]; series: { name: string; data: number[]; color?: string }[]; dark?: boolean; height?: number; horizontal?: boolean; onPick?: (i: number) => void;
}) {
  const cat = { type: 'category', data: categories, axisLabel: { interval: 0, width: 90, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1 };
  const el = useChart({
    ...BG,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 30 : 10, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : { ...cat, axisLabel: { ...cat.axisLabel, rotate: categories.length > 3 ? 30 : 0 } },
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ name: s.name, type: 'bar', data: s.data, itemStyle: s.color ? { color: s.color } : undefined, large: s.data.length > 500, cursor: onPick ? 'pointer' : 'default' })),
  }, { dark, onClick: onPick ? (p) => onPick(p.dataIndex) : undefined });
  return <div ref={el} style={{ width: '100%', height }} />;
}

/** Moves in and out per month. */
export function MovesLine({ data, dark, height = 260, labels }: { data: { month: string; movedIn: number; movedOut: number }[]; dark?: boolean; height?: number; labels: { in: string; out: string } }) {
  const el = useChart({
    ...BG,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.in, type: 'line', smooth: true, data: data.map((d) => d.movedIn), itemStyle: { color: '#22c55e' } },
      { name: labels.out, type: 'line', smooth: true, data: data.map((d) => d.movedOut), itemStyle: { color: '#f97316' } },
    ],
  }, { dark });
  return <div ref={el} style={{ width: '100%', height }} />;
}
