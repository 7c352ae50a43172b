import { LinesChart, MapChart } from 'echarts/charts';
import type { LinesSeriesOption, MapSeriesOption } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import type { GeoComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import delta from './yangtze-delta.json';

/**
 * The Yangtze delta boundaries bundled with the portal (Shanghai's districts; the cities of Jiangsu, Zhejiang and
 * Anhui), keyed by region code. Only the map pages import this module, so the 115 KB asset loads with them alone.
 * Source, age and the 审图号 a production map needs: web/README.md, "The map".
 */
export const DELTA_MAP = 'yangtze-delta';

type Feature = { id: string; properties: { code: string; name: string; cp: [number, number] } };
const features = (delta as unknown as { features: Feature[] }).features;

/** Each boundary's centre [lng, lat] by region code: where a place without coordinates is drawn. */
export const DELTA_CENTRES: Readonly<Record<string, [number, number]>> = Object.fromEntries(features.map((f) => [f.id, f.properties.cp]));

// LabelLayout: the G60 names' hideOverlap (geo-layers.ts).
echarts.use([MapChart, LinesChart, GeoComponent, LabelLayout]);
// nameProperty 'code' (in the geo option) makes the region names our codes; labels are translated by the page.
echarts.registerMap(DELTA_MAP, delta as never);

export type GeoOption = LinesSeriesOption | MapSeriesOption | GeoComponentOption;
