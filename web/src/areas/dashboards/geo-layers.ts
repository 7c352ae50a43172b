import { DELTA_CENTRES, DELTA_MAP } from '../../features/geo/delta-map';
import type { Schema } from '../../app/api';
import type { ChartOption } from './chart';
import { escapeHtml } from './chart';

type Place = Schema<'MapPlaceDto'>;
export type LayerKey = 'providers' | 'services' | 'voucherFlows' | 'projects' | 'landings';
export const LAYERS: LayerKey[] = ['providers', 'services', 'voucherFlows', 'projects', 'landings'];

/** What a layer draws: points (a count per place) or lines (a count or an amount from place to place). */
export interface LayerData {
  points?: { regionCode: string; value: number }[];
  lines?: { from: string; to: string; value: number; label: string }[];
}

/**
 * Where a G60 member's name sits beside its centre. 松江 (a Shanghai district) and 嘉兴 are neighbours whose centres
 * lie a few pixels apart at laptop and phone sizes: 松江 writes to the east, 嘉兴 to the south-west, 苏州 north, so
 * the names part; 芜湖 and 宣城 write west; the rest east of their centres. A name that would still cover another is hidden (hideOverlap)
 * until the reader zooms in (the map roams), and the tooltip and the tables name every place anyway.
 */
const LABEL_PLACES: Record<string, { position: 'right' | 'left' | 'top' | 'bottom' | 'inside'; offset?: [number, number] }> = {
  '310117': { position: 'right', offset: [2, -2] },
  '330400': { position: 'left', offset: [0, 8] },
  '320500': { position: 'top' },
  // 芜湖 and 宣城 write west; 湖州 (between 宣城 and 嘉兴, under 苏州) writes above its point, clear of 嘉兴's name.
  '340200': { position: 'left' },
  '341800': { position: 'left' },
  '330500': { position: 'top' },
};

const COLOURS: Record<LayerKey, string> = { providers: '#1f5fbf', services: '#13a8a8', voucherFlows: '#d4380d', projects: '#722ed1', landings: '#389e0d' };
const SYMBOLS: Record<LayerKey, string> = { providers: 'circle', services: 'roundRect', voucherFlows: 'circle', projects: 'diamond', landings: 'triangle' };

/** A place's [lng, lat]: the platform's coordinates, else the centre of its boundary. */
export function placeAt(places: Place[], code: string): [number, number] | undefined {
  const p = places.find((x) => x.regionCode === code);
  if (p && p.lat !== null && p.lng !== null) return [p.lng, p.lat];
  return DELTA_CENTRES[code];
}

/**
 * The delta map with its layers: the boundaries, the G60 members highlighted and labelled, points sized by count and
 * lines widened by value. `dark` is the big screen's palette.
 */
export function deltaMapOption(input: {
  places: Place[];
  /** The G60 members (GET /regions isG60), highlighted whether or not a layer names them. */
  g60: string[];
  layers: Partial<Record<LayerKey, LayerData>>;
  layerName: (key: LayerKey) => string;
  regionName: (code: string) => string;
  dark?: boolean;
}): ChartOption {
  const { places, g60, layers, layerName, regionName, dark } = input;
  const series: ChartOption['series'] = [];
  for (const key of LAYERS) {
    const layer = layers[key];
    if (!layer) continue;
    if (layer.points) {
      const max = Math.max(1, ...layer.points.map((p) => p.value));
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        name: layerName(key),
        symbol: SYMBOLS[key],
        data: layer.points
          .map((p) => ({ name: regionName(p.regionCode), value: [...(placeAt(places, p.regionCode) ?? []), p.value] }))
          .filter((p) => p.value.length === 3),
        symbolSize: (value: number[]) => 8 + Math.sqrt(value[2] / max) * 28,
        itemStyle: { color: COLOURS[key], opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
        zlevel: 2,
      });
    }
    if (layer.lines) {
      const max = Math.max(1, ...layer.lines.map((l) => l.value));
      series.push({
        type: 'lines',
        coordinateSystem: 'geo',
        name: layerName(key),
        data: layer.lines
          .filter((l) => l.from !== l.to)
          .map((l) => ({ name: l.label, coords: [placeAt(places, l.from), placeAt(places, l.to)], lineStyle: { width: 1.5 + (l.value / max) * 8 } }))
          .filter((l) => l.coords[0] && l.coords[1]) as never,
        lineStyle: { color: COLOURS[key], opacity: 0.75, curveness: 0.25 },
        effect: { show: true, symbol: 'arrow', symbolSize: 7, period: 5, color: COLOURS[key] },
        zlevel: 3,
      });
    }
  }
  return {
    backgroundColor: dark ? 'transparent' : undefined,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = p as { componentType?: string; name?: string; seriesName?: string; value?: unknown };
        if (item.componentType === 'geo') return `<b>${escapeHtml(regionName(item.name ?? ''))}</b>`;
        const value = Array.isArray(item.value) ? item.value[2] : undefined;
        return `${escapeHtml(item.seriesName ?? '')}<br/><b>${escapeHtml(item.name ?? '')}</b>${value !== undefined ? `: ${Number(value)}` : ''}`;
      },
    },
    legend: { show: false },
    geo: {
      map: DELTA_MAP,
      nameProperty: 'code',
      roam: true,
      // The four provinces fill the frame; the corridor sits in its middle.
      layoutCenter: ['50%', '50%'],
      layoutSize: '100%',
      tooltip: { show: true },
      label: { show: false },
      itemStyle: { areaColor: dark ? '#12305a' : '#eef3fb', borderColor: dark ? '#3d6cb3' : '#9fb3d1', borderWidth: 0.8 },
      emphasis: { label: { show: true, formatter: (p: { name: string }) => regionName(p.name), color: dark ? '#fff' : '#262626' }, itemStyle: { areaColor: dark ? '#1d4d8f' : '#d6e4ff' } },
      select: { disabled: true },
      regions: g60.map((code) => ({
        name: code,
        itemStyle: { areaColor: dark ? '#8a5a00' : '#ffe7ba', borderColor: dark ? '#ffc53d' : '#d46b08', borderWidth: 1.2 },
      })),
    },
    series: [...series, g60Labels(g60, regionName, dark)],
  } as ChartOption;
}

/**
 * The G60 members' names as a label-only scatter on the geo (not the regions' own labels, which echarts centres
 * on each boundary and never moves apart): placed per LABEL_PLACES, haloed for the light and the dark ground, and
 * hidden where they would still overlap (labelLayout.hideOverlap; the first members keep theirs).
 */
function g60Labels(g60: string[], regionName: (code: string) => string, dark?: boolean) {
  return {
    type: 'scatter',
    coordinateSystem: 'geo',
    name: 'g60-labels',
    silent: true,
    tooltip: { show: false },
    symbolSize: 4,
    itemStyle: { color: dark ? '#ffc53d' : '#d46b08' },
    data: g60
      .filter((code) => DELTA_CENTRES[code])
      .map((code) => ({ name: regionName(code), value: DELTA_CENTRES[code], label: { position: LABEL_PLACES[code]?.position ?? 'right', offset: LABEL_PLACES[code]?.offset } })),
    label: {
      show: true,
      formatter: '{b}',
      distance: 4,
      color: dark ? '#fff' : '#873800',
      fontSize: dark ? 14 : 12,
      fontWeight: 'bold',
      textBorderColor: dark ? '#0b1f3a' : '#fff',
      textBorderWidth: 3,
    },
    labelLayout: { hideOverlap: true },
    zlevel: 4,
  };
}

/** How many G60 members the drawn geo holds a region for (the browser test reads it): their centres fall inside a region. */
export function g60Drawn(chart: { convertToPixel: (finder: object, value: number[]) => number[]; containPixel: (finder: object, value: number[]) => boolean }, g60: string[]): number {
  return g60
    .filter((code) => {
      const at = DELTA_CENTRES[code];
      if (!at) return false;
      try {
        return chart.containPixel({ geoIndex: 0 }, chart.convertToPixel({ geoIndex: 0 }, at));
      } catch {
        return false;
      }
    }).length;
}
