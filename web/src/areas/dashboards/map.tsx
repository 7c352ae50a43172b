import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { Chart, ChartOption, escapeHtml } from './chart';
import { Kpis } from '../../app/widgets/kpis';
import { ChartCard, FigureTable, useRegions } from './shared';
import type { Schema } from '../../app/api';

type MapRow = Schema<'ProviderMapRowDto'>;

const COUNTS = ['activeProviders', 'services', 'instruments', 'cmaOrCnas'] as const;
type Point = { value: [number, number]; row: MapRow; name: string };

/** Bubble area grows with the number of services; never so small it cannot be pointed at. */
function bubble(services: number): number {
  return Math.min(64, 10 + Math.sqrt(services) * 4);
}

/** 一图: providers and instruments by region on a longitude/latitude plane (no map tiles: the network is closed). */
export function ProviderMapPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const map = useApi('/dashboards/provider-map');
  const rows = useMemo(() => map.data ?? [], [map.data]);
  const regionName = regions.name;

  const option = useMemo<ChartOption>(() => {
    const points = (list: MapRow[]): Point[] =>
      list.filter((r) => r.lat !== null && r.lng !== null).map((r) => ({ value: [r.lng!, r.lat!], row: r, name: regionName(r.regionCode, r.regionName) }));
    const withProviders = rows.filter((r) => r.activeProviders > 0);
    const without = rows.filter((r) => r.activeProviders === 0);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const point = (p as { data?: Point }).data;
          if (!point) return '';
          return [`<b>${escapeHtml(point.name)}</b>`, ...COUNTS.map((k) => `${escapeHtml(t(`dashboards.map.${k}`))}: ${point.row[k]}`)].join('<br/>');
        },
      },
      grid: { left: 24, right: 40, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: t('dashboards.map.lng'), nameLocation: 'middle', nameGap: 28, min: 116.5, max: 122.5, interval: 1, axisLabel: { formatter: '{value}°E' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'value', name: t('dashboards.map.lat'), nameLocation: 'middle', nameGap: 56, min: 28.5, max: 32.5, interval: 0.5, axisLabel: { formatter: '{value}°N' }, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        {
          type: 'effectScatter',
          name: t('dashboards.map.withProviders'),
          data: points(withProviders),
          symbolSize: (_: unknown, p: { data: Point }) => bubble(p.data.row.services),
          rippleEffect: { scale: 2.5, brushType: 'stroke' },
          itemStyle: { color: '#1f5fbf', opacity: 0.8 },
          label: { show: true, position: 'right', formatter: (p: { data: Point }) => p.data.name, fontSize: 12 },
          labelLayout: { hideOverlap: true },
          zlevel: 1,
        },
        {
          type: 'scatter',
          name: t('dashboards.map.withoutProviders'),
          data: points(without),
          symbolSize: 6,
          itemStyle: { color: '#bfbfbf' },
          label: { show: true, position: 'right', formatter: (p: { data: Point }) => p.data.name, color: '#8c8c8c', fontSize: 11 },
          labelLayout: { hideOverlap: true },
        },
      ] as ChartOption['series'],
    };
  }, [rows, regionName, t]);

  const total = (k: (typeof COUNTS)[number]) => rows.reduce((s, r) => s + r[k], 0);
  return (
    <>
      <PageHeader title={t('dashboards.map.title')} sub={t('dashboards.map.sub')} />
      <LoadError error={map.error} retry={() => void map.reload()} />
      <Kpis items={COUNTS.map((k) => ({ title: t(`dashboards.map.${k}`), value: total(k), testId: `kpi-${k}` }))} />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <ChartCard title={t('dashboards.map.chart')} loading={map.loading} empty={total('activeProviders') === 0}>
            <Chart option={option} height={520} testId="chart-provider-map" label={t('dashboards.map.chart')} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={t('dashboards.map.table')}>
            <FigureTable<MapRow>
              testId="table-provider-map"
              rowKey="regionCode"
              loading={map.loading}
              dataSource={rows}
              columns={[
                { title: t('common.region'), dataIndex: 'regionCode', render: (code: string, r) => regionName(code, r.regionName), onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                ...COUNTS.map((k) => ({
                  title: t(`dashboards.map.${k}`),
                  dataIndex: k,
                  align: 'right' as const,
                  sorter: (a: MapRow, b: MapRow) => a[k] - b[k],
                  defaultSortOrder: k === 'services' ? ('descend' as const) : undefined,
                })),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
