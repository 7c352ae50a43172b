import { Card, Checkbox, Col, Row, Select, Space } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import type { ECharts } from 'echarts/core';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { Kpis } from '../../app/widgets/kpis';
import { useCategories } from '../../features/catalog/services';
import { formatFen } from '@shared/money';
import type { Schema } from '../../app/api';
import { Chart } from './chart';
import { deltaMapOption, g60Drawn, type LayerData, type LayerKey, LAYERS } from './geo-layers';
import { ChartCard, FigureTable, useRegions } from './shared';

type MapRow = Schema<'ProviderMapRowDto'>;
const COUNTS = ['activeProviders', 'services', 'instruments', 'cmaOrCnas'] as const;
const DEFAULT_LAYERS: LayerKey[] = ['providers', 'voucherFlows', 'projects', 'landings'];

/**
 * 一图: the Yangtze delta's boundaries (bundled, no tiles: the network is closed), the nine G60 members highlighted,
 * and layers the reader turns on and off: providers, services of one category, voucher flows between cities,
 * roadshow projects and their landings. Each layer has its table for screen readers.
 */
export function ProviderMapPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const categories = useCategories();
  const data = useApi('/dashboards/map-layers');
  // The providers layer's table: each region's providers, services, instruments and CMA/CNAS holders.
  const capacity = useApi('/dashboards/provider-map');
  const [shown, setShown] = useState<LayerKey[]>(DEFAULT_LAYERS);
  const [category, setCategory] = useState<string>();
  const [drawn, setDrawn] = useState(0);
  const name = regions.name;
  const g60 = useMemo(() => regions.regions.filter((r) => r.isG60).map((r) => r.code), [regions.regions]);

  const d = data.data;
  const servicesOf = useCallback(
    (code: string) => (d?.servicesByCategory ?? []).filter((s) => s.regionCode === code && (!category || s.category === category)).reduce((n, s) => n + s.services, 0),
    [d, category],
  );
  const layerData = useMemo<Record<LayerKey, LayerData>>(() => {
    const serviceCodes = [...new Set((d?.servicesByCategory ?? []).map((s) => s.regionCode))];
    return {
      providers: { points: (d?.providers ?? []).map((p) => ({ regionCode: p.regionCode, value: p.count })) },
      services: { points: serviceCodes.map((code) => ({ regionCode: code, value: servicesOf(code) })).filter((p) => p.value > 0) },
      voucherFlows: { lines: (d?.voucherFlows ?? []).map((f) => ({ from: f.fromRegionCode, to: f.toRegionCode, value: f.subsidyFen ?? 0, label: `${name(f.fromRegionCode)} → ${name(f.toRegionCode)}` })) },
      projects: { points: (d?.projects ?? []).map((p) => ({ regionCode: p.regionCode, value: p.count })) },
      landings: { lines: (d?.landings ?? []).map((l) => ({ from: l.fromRegionCode, to: l.toRegionCode, value: l.projects, label: `${name(l.fromRegionCode)} → ${name(l.toRegionCode)}` })) },
    };
  }, [d, servicesOf, name]);

  const option = useMemo(
    () =>
      deltaMapOption({
        places: d?.places ?? [],
        g60,
        layers: Object.fromEntries(shown.map((k) => [k, layerData[k]])),
        layerName: (k) => t(`dashboards.map.layer.${k}`),
        regionName: (code) => name(code),
      }),
    [d, g60, shown, layerData, t, name],
  );
  const onRendered = useCallback((chart: ECharts) => setDrawn(g60Drawn(chart as never, g60)), [g60]);

  const sum = (list: { count: number }[] | undefined) => (list ?? []).reduce((s, x) => s + x.count, 0);
  const places = (list: { regionCode: string; count: number }[]) => [...list].sort((a, b) => b.count - a.count);
  const region = { title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => name(code) };
  const from = { title: t('dashboards.map.from'), dataIndex: 'fromRegionCode', render: (code: string) => name(code) };
  const to = { title: t('dashboards.map.to'), dataIndex: 'toRegionCode', render: (code: string) => name(code) };
  const right = 'right' as const;
  const tables: Record<LayerKey, ReactNode> = {
    providers: (
      <FigureTable<MapRow>
        testId="table-provider-map"
        rowKey="regionCode"
        loading={capacity.loading}
        dataSource={capacity.data ?? []}
        columns={[
          { title: t('common.region'), dataIndex: 'regionCode', render: (code: string, r) => name(code, r.regionName), onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          ...COUNTS.map((k) => ({ title: t(`dashboards.map.${k}`), dataIndex: k, align: right, sorter: (a: MapRow, b: MapRow) => a[k] - b[k], defaultSortOrder: k === 'services' ? ('descend' as const) : undefined })),
        ]}
      />
    ),
    services: (
      <FigureTable
        testId="table-layer-services"
        rowKey="regionCode"
        dataSource={layerData.services.points ?? []}
        columns={[region, { title: category ? `${t('dashboards.map.services')} · ${categories.name(category)}` : t('dashboards.map.services'), dataIndex: 'value', align: right }]}
      />
    ),
    voucherFlows: (
      <FigureTable
        testId="table-layer-voucherFlows"
        rowKey={(r) => `${r.fromRegionCode}>${r.toRegionCode}`}
        dataSource={d?.voucherFlows ?? []}
        columns={[from, to, { title: t('dashboards.map.orders'), dataIndex: 'orders', align: right }, { title: t('dashboards.map.subsidy'), dataIndex: 'subsidyFen', align: right, render: (fen: number | null) => (fen === null ? '—' : formatFen(fen)) }]}
      />
    ),
    projects: <FigureTable testId="table-layer-projects" rowKey="regionCode" dataSource={places(d?.projects ?? [])} columns={[region, { title: t('dashboards.map.projects'), dataIndex: 'count', align: right }]} />,
    landings: (
      <FigureTable
        testId="table-layer-landings"
        rowKey={(r) => `${r.fromRegionCode}>${r.toRegionCode}`}
        dataSource={d?.landings ?? []}
        columns={[from, to, { title: t('dashboards.map.projects'), dataIndex: 'projects', align: right }]}
      />
    ),
  };

  return (
    <>
      <PageHeader title={t('dashboards.map.title')} sub={t('dashboards.map.sub')} />
      <LoadError error={data.error ?? capacity.error} retry={() => void Promise.all([data.reload(), capacity.reload()])} />
      <Kpis
        items={[
          { title: t('dashboards.map.activeProviders'), value: sum(d?.providers), testId: 'kpi-activeProviders' },
          { title: t('dashboards.map.services'), value: (d?.servicesByCategory ?? []).reduce((s, x) => s + x.services, 0), testId: 'kpi-services' },
          { title: t('dashboards.map.projects'), value: sum(d?.projects), testId: 'kpi-projects' },
          { title: t('dashboards.map.landings'), value: (d?.landings ?? []).reduce((s, x) => s + x.projects, 0), testId: 'kpi-landings' },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <ChartCard
            title={t('dashboards.map.chart')}
            loading={data.loading}
            empty={false}
          >
            <Space wrap style={{ marginBottom: 8 }}>
              <Checkbox.Group
                data-testid="map-layers"
                aria-label={t('dashboards.map.layers')}
                value={shown}
                onChange={(v) => setShown(v as LayerKey[])}
                options={LAYERS.map((k) => ({ value: k, label: t(`dashboards.map.layer.${k}`) }))}
              />
            </Space>
            {shown.includes('services') && (
              <Select
                data-testid="map-category"
                aria-label={t('dashboards.map.category')}
                allowClear
                placeholder={t('dashboards.map.allCategories')}
                style={{ minWidth: 200, marginBottom: 8 }}
                value={category}
                onChange={setCategory}
                options={categories.options}
              />
            )}
            <div data-testid="delta-map" data-g60-drawn={drawn} data-layers={shown.join(' ')}>
              <Chart option={option} height={560} testId="chart-provider-map" label={t('dashboards.map.chart')} onRendered={onRendered} />
            </div>
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          {/* One table per layer shown, in the layers' order: what the map draws, for screen readers and for reading off. */}
          {shown.map((k) => (
            <Card key={k} size="small" title={<h2 style={{ fontSize: 'inherit', margin: 0 }}>{t(`dashboards.map.layer.${k}`)}</h2>} style={{ marginBottom: 16 }} data-testid={`layer-card-${k}`}>
              {tables[k]}
            </Card>
          ))}
        </Col>
      </Row>
    </>
  );
}
