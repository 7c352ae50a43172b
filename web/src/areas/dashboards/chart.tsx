import { BarChart, EffectScatterChart, FunnelChart, SankeyChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, EffectScatterSeriesOption, FunnelSeriesOption, SankeySeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatFen } from '@shared/money';
import type { GeoOption } from '../../features/geo/delta-map';

// Only what the dashboards draw, so the bundle carries no unused chart types.
echarts.use([BarChart, EffectScatterChart, FunnelChart, SankeyChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | EffectScatterSeriesOption
  | FunnelSeriesOption
  | SankeySeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | GeoOption
>;

/**
 * One echarts instance in a div: created on mount, disposed on unmount, resized with the window and its box.
 * The option replaces the previous one whole, so a new language or new data redraws everything.
 */
export function Chart({ option, height = 360, testId, label, onRendered }: { option: ChartOption; height?: number | string; testId?: string; label?: string; onRendered?: (chart: echarts.ECharts) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    const instance = echarts.init(box.current!);
    chart.current = instance;
    // The window, and the box itself (a menu collapsing, a card laid out after the first paint); one resize a frame.
    let frame = 0;
    const resize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    };
    window.addEventListener('resize', resize);
    const observer = new ResizeObserver(resize);
    observer.observe(box.current!);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    if (chart.current) onRendered?.(chart.current);
  }, [option, onRendered]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}

/** Text from the API put into tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An axis tick in whole yuan (¥20,000); the data stays fen. */
export function yuanTick(fen: number): string {
  return formatFen(Math.round(fen / 100) * 100).replace(/\.00$/, '');
}

/** A tooltip for an axis of money series: the category, then each series in yuan. */
export function moneyAxisTooltip(): TooltipComponentOption {
  return {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    formatter: (params) => {
      const list = (Array.isArray(params) ? params : [params]) as { axisValueLabel?: string; marker?: string; seriesName?: string; value?: unknown }[];
      const head = escapeHtml(String(list[0]?.axisValueLabel ?? ''));
      return [head, ...list.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${formatFen(Number(p.value ?? 0))}</b>`)].join('<br/>');
    },
  };
}
