import { Card } from 'antd';
import { useMemo } from 'react';
import { Money, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { Chart, ChartOption, escapeHtml } from './chart';
import { Kpis } from '../../app/widgets/kpis';
import { ChartCard, FigureTable, ProgramPicker, useProgramChoice, useRegions } from './shared';
import type { Schema } from '../../app/api';

type FlowRow = Schema<'RegionFlowRowDto'>;

/** 跨区域通用通兑: subsidy flowing from the issuing city to the providers' cities. */
export function CrossRegionFlowPage() {
  const { t } = useI18n();
  const choice = useProgramChoice();
  const regions = useRegions();
  const data = useApi('/dashboards/cross-region-flow', choice.programId ? { params: { query: { programId: choice.programId } } } : null);
  const rows = useMemo(() => data.data?.rows ?? [], [data.data]);
  const crossRegion = rows.filter((r) => r.toRegionCode !== r.fromRegionCode);

  const option = useMemo<ChartOption>(() => {
    // Issuing and serving sides are separate nodes, so local orders (嘉兴 → 嘉兴) are not a loop.
    const names = new Map<string, string>();
    for (const r of rows) {
      names.set(`from:${r.fromRegionCode}`, t('dashboards.flow.issuing', { name: regions.name(r.fromRegionCode, r.fromRegionName) }));
      names.set(`to:${r.toRegionCode}`, t('dashboards.flow.serving', { name: regions.name(r.toRegionCode, r.toRegionName) }));
    }
    const nodeName = (id: string) => names.get(id) ?? id;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = p as { dataType?: string; name?: string; value?: number; data?: { source?: string; target?: string; orders?: number } };
          if (item.dataType === 'edge' && item.data) {
            return `${escapeHtml(nodeName(item.data.source ?? ''))} → ${escapeHtml(nodeName(item.data.target ?? ''))}<br/>${escapeHtml(t('dashboards.flow.subsidy'))}: <b>${formatFen(item.value ?? 0)}</b><br/>${escapeHtml(t('dashboards.flow.orders'))}: ${item.data.orders ?? 0}`;
          }
          return `${escapeHtml(nodeName(item.name ?? ''))}: <b>${formatFen(item.value ?? 0)}</b>`;
        },
      },
      series: [
        {
          type: 'sankey',
          left: 16,
          right: 160,
          top: 16,
          bottom: 16,
          nodeAlign: 'left',
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.4 },
          label: { formatter: (p: { name: string }) => nodeName(p.name) },
          data: [...names.keys()].map((name) => ({ name, itemStyle: { color: name.startsWith('from:') ? '#1f5fbf' : '#52c41a' } })),
          links: rows.filter((r) => r.subsidyFen > 0).map((r) => ({ source: `from:${r.fromRegionCode}`, target: `to:${r.toRegionCode}`, value: r.subsidyFen, orders: r.orders })),
        },
      ],
    };
  }, [rows, regions.name, t]);

  const sum = (k: 'orders' | 'subsidyFen' | 'paidFen', list: FlowRow[] = rows) => list.reduce((s, r) => s + r[k], 0);
  return (
    <>
      <PageHeader title={t('dashboards.flow.title')} sub={t('dashboards.flow.sub')} extra={<ProgramPicker choice={choice} />} />
      <LoadError error={choice.programs.error ?? data.error} retry={() => void data.reload()} />
      <Kpis
        items={[
          { title: t('dashboards.flow.kpiOrders'), value: sum('orders'), testId: 'kpi-orders' },
          { title: t('dashboards.flow.kpiSubsidy'), value: sum('subsidyFen'), money: true, testId: 'kpi-subsidy' },
          { title: t('dashboards.flow.kpiCrossRegion'), value: sum('subsidyFen', crossRegion), money: true, testId: 'kpi-cross-region' },
          { title: t('dashboards.flow.kpiPaid'), value: sum('paidFen'), money: true, testId: 'kpi-flow-paid' },
        ]}
      />
      <ChartCard title={t('dashboards.flow.chart')} loading={data.loading} empty={!rows.some((r) => r.subsidyFen > 0)}>
        <Chart option={option} height={Math.max(280, rows.length * 60)} testId="chart-flow" label={t('dashboards.flow.chart')} />
      </ChartCard>
      <Card title={t('dashboards.flow.table')}>
        <FigureTable<FlowRow>
          testId="table-flow"
          rowKey={(r) => `${r.fromRegionCode}-${r.toRegionCode}`}
          loading={data.loading}
          dataSource={rows}
          columns={[
            { title: t('dashboards.flow.from'), dataIndex: 'fromRegionCode', render: (code: string, r) => regions.name(code, r.fromRegionName) },
            { title: t('dashboards.flow.to'), dataIndex: 'toRegionCode', render: (code: string, r) => regions.name(code, r.toRegionName) },
            { title: t('dashboards.flow.orders'), dataIndex: 'orders', align: 'right' },
            { title: t('dashboards.flow.subsidy'), dataIndex: 'subsidyFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
            { title: t('dashboards.flow.paid'), dataIndex: 'paidFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          ]}
        />
      </Card>
    </>
  );
}
