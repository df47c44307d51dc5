import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useChart } from '../../../shared/hooks/useChart';
import { LEVEL_COLORS, LEVELS } from '../utils/levels';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Elders by ability level as a ring; a slice opens the list of that level. */
export function LevelPie({ data, levelName, shortName, onPick }: { data: { level: number; n: number }[]; levelName: (l: number) => string; shortName: (l: number) => string; onPick?: (level: number) => void }) {
  const shown = data.filter((d) => d.n > 0);
  const short = new Map(shown.map((d) => [levelName(d.level), shortName(d.level)]));
  const el = useChart({
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll', formatter: (name: string) => short.get(name) ?? name },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], label: { formatter: '{c}' },
      data: shown.map((d) => ({ name: levelName(d.level), value: d.n, itemStyle: { color: LEVEL_COLORS[String(d.level)] } })),
    }],
  }, (p) => onPick?.(shown[p.dataIndex]!.level));
  return <div ref={el} data-testid="elder-chart-level" style={{ width: '100%', height: 300 }} />;
}

/** Categories (age bands, living situations, child nodes) as bars stacked by level; a bar can be picked. */
export function StackedBars({ categories, levelName, onPick, testId, horizontal = false }: {
  categories: { name: string; byLevel: Record<string, number> }[];
  levelName: (l: number) => string;
  onPick?: (index: number) => void;
  testId: string;
  horizontal?: boolean;
}) {
  const names = categories.map((c) => c.name);
  const cat = { type: 'category', data: horizontal ? [...names].reverse() : names, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1 };
  const el = useChart({
    // drawn at once: figures, not a show (and a screenshot never catches a half-grown bar)
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: LEVELS.map((l) => ({
      name: levelName(l), type: 'bar', stack: 'level', barMaxWidth: 36, itemStyle: { color: LEVEL_COLORS[String(l)] },
      data: (horizontal ? [...categories].reverse() : categories).map((c) => c.byLevel[String(l)] ?? 0),
    })),
  }, (p) => onPick?.(horizontal ? categories.length - 1 - p.dataIndex : p.dataIndex));
  return <div ref={el} data-testid={testId} style={{ width: '100%', height: horizontal ? Math.max(260, categories.length * 28 + 60) : 300 }} />;
}
