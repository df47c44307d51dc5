import type * as echarts from 'echarts/core';
import { init } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts instance bound to a div: created with it, resized with it, disposed with it; the
 * option replaces the chart's whole option when it changes, and clicks go to the latest handler.
 * (The caller registers the chart types it draws with `echarts.use`.)
 */
export function useChart(option: echarts.EChartsCoreOption, onClick?: (p: { dataIndex: number; name: string }) => void) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { dataIndex: number; name: string }));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return el;
}

