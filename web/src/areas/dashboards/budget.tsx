import { Card, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Money, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { Chart, ChartOption, moneyAxisTooltip, yuanTick } from './chart';
import { Kpis } from '../../app/widgets/kpis';
import { ChartCard, FigureTable, ProgramPicker, useProgramChoice, useRegions } from './shared';
import type { Schema } from '../../app/api';

type DistrictRow = Schema<'DistrictBudgetRowDto'>;

const MONEY_COLUMNS = ['committedFen', 'availableToEnterprisesFen', 'heldFen', 'capturedOrPayableFen', 'paidFen'] as const;
/** The parts a district's committed face value is in now: still spendable, held for orders, payable, paid. */
const PARTS = ['availableToEnterprisesFen', 'heldFen', 'capturedOrPayableFen', 'paidFen'] as const;
const PART_COLORS = ['#91caff', '#faad14', '#722ed1', '#52c41a'];

/** 预算执行（按区县）: a programme's money by the district of the enterprise. */
export function BudgetByDistrictPage() {
  const { t } = useI18n();
  const choice = useProgramChoice();
  const regions = useRegions();
  const data = useApi('/dashboards/budget-by-district', choice.programId ? { params: { query: { programId: choice.programId } } } : null);
  const rows = useMemo(() => data.data?.rows ?? [], [data.data]);
  const sum = (k: (typeof MONEY_COLUMNS)[number]) => rows.reduce((s, r) => s + r[k], 0);
  const empty = rows.every((r) => r.committedFen === 0);

  const option = useMemo<ChartOption>(() => {
    const districts = rows.map((r) => regions.name(r.regionCode, r.regionName));
    return {
      tooltip: moneyAxisTooltip(),
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: districts },
      yAxis: { type: 'value', name: t('dashboards.yuan'), axisLabel: { formatter: (v: number) => yuanTick(v) } },
      series: [
        { type: 'bar', name: t('dashboards.budget.committedFen'), data: rows.map((r) => r.committedFen), itemStyle: { color: '#1f5fbf' }, barMaxWidth: 28 },
        ...PARTS.map((k, i): ChartOption['series'] => ({
          type: 'bar',
          stack: 'parts',
          name: t(`dashboards.budget.${k}`),
          data: rows.map((r) => r[k]),
          itemStyle: { color: PART_COLORS[i] },
          barMaxWidth: 28,
        })),
      ] as ChartOption['series'],
    };
  }, [rows, regions.name, t]);

  return (
    <>
      <PageHeader title={t('dashboards.budget.title')} sub={t('dashboards.budget.sub')} extra={<ProgramPicker choice={choice} />} />
      <LoadError error={choice.programs.error ?? data.error} retry={() => void data.reload()} />
      <Kpis
        items={[
          { title: t('dashboards.budget.kpiBudget'), value: data.data?.totals.budgetFen ?? 0, money: true, testId: 'kpi-budget' },
          { title: t('dashboards.budget.kpiAvailable'), value: data.data?.totals.availableFen ?? 0, money: true, testId: 'kpi-available' },
          { title: t('dashboards.budget.kpiCommitted'), value: sum('committedFen'), money: true, testId: 'kpi-committed' },
          { title: t('dashboards.budget.kpiPaid'), value: sum('paidFen'), money: true, testId: 'kpi-paid' },
        ]}
      />
      <ChartCard title={t('dashboards.budget.chart')} loading={data.loading} empty={empty}>
        <Chart option={option} testId="chart-budget" label={t('dashboards.budget.chart')} />
        <Typography.Text type="secondary">{t('dashboards.budget.chartNote')}</Typography.Text>
      </ChartCard>
      <Card title={t('dashboards.budget.table')}>
        <FigureTable<DistrictRow>
          testId="table-budget"
          rowKey="regionCode"
          loading={data.loading}
          dataSource={rows}
          scroll={{ x: 900 }}
          columns={[
            { title: t('dashboards.district'), dataIndex: 'regionCode', render: (code: string, r) => regions.name(code, r.regionName) },
            { title: t('dashboards.budget.vouchersIssued'), dataIndex: 'vouchersIssued', align: 'right' },
            ...MONEY_COLUMNS.map((k) => ({
              title: t(`dashboards.budget.${k}`),
              dataIndex: k,
              align: 'right' as const,
              sorter: (a: DistrictRow, b: DistrictRow) => a[k] - b[k],
              render: (fen: number) => <Money fen={fen} />,
            })),
          ]}
          summary={() =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('common.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{rows.reduce((s, r) => s + r.vouchersIssued, 0)}</Table.Summary.Cell>
                {MONEY_COLUMNS.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 2} align="right">
                    <Money fen={sum(k)} strong />
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
