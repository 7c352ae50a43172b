import { Card, Tag } from 'antd';
import { useMemo } from 'react';
import { PageHeader } from '../../app/common';
import { useMe } from '../../app/auth';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { Chart, ChartOption } from './chart';
import { Kpis } from '../../app/widgets/kpis';
import { useWorkflowLabels } from '../../features/workflows/labels';
import { ChartCard, FigureTable } from './shared';
import type { Schema } from '../../app/api';

type StageTimeRow = Schema<'StageTimeRowDto'>;

/** Roles GET /approval-metrics answers (finance reads the stage times only). */
const METRICS_ROLES = ['reviewer', 'approver', 'partner_admin', 'platform_admin'];
const CASE_STATUSES = ['open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn'];
const CASE_COLORS: Record<string, string> = {
  open: '#bfbfbf', prechecking: '#91caff', in_review: '#1677ff', waiting: '#13c2c2', returned: '#faad14', approved: '#52c41a', rejected: '#ff4d4f', withdrawn: '#8c8c8c',
};
const HOURS = ['avgHours', 'p50Hours', 'p90Hours'] as const;

/** 审批时效: time to decision per workflow stage, open and overdue work, cases by state. */
export function ApprovalTimesPage() {
  const { t } = useI18n();
  const me = useMe();
  const names = useWorkflowLabels();
  const times = useApi('/dashboards/approval-times');
  const metrics = useApi('/approval-metrics', METRICS_ROLES.includes(me.user.role) ? {} : null);
  const rows = useMemo(() => times.data ?? [], [times.data]);

  const hoursOption = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : t('dashboards.approvals.hoursValue', { n: String(v) })),
      },
      legend: { top: 0 },
      grid: { left: 16, right: 24, bottom: 24, top: 40, containLabel: true },
      yAxis: { type: 'category', data: rows.map((r) => `${names.workflow(r.workflowKey)} · ${names.stage(r.stageKey)}`), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
      xAxis: { type: 'value', name: t('dashboards.approvals.hours'), nameLocation: 'middle', nameGap: 28 },
      series: HOURS.map((k) => ({ type: 'bar', name: t(`dashboards.approvals.${k}`), data: rows.map((r) => r[k]), barMaxWidth: 14 })),
    }),
    [rows, names, t],
  );

  const casesOption = useMemo<ChartOption>(() => {
    const byStatus = metrics.data?.casesByStatus ?? {};
    const workflows = Object.keys(byStatus);
    const statuses = CASE_STATUSES.filter((s) => workflows.some((w) => byStatus[w]?.[s]));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 16, right: 24, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: workflows.map(names.workflow) },
      yAxis: { type: 'value', name: t('dashboards.approvals.cases'), minInterval: 1 },
      series: statuses.map((s) => ({
        type: 'bar',
        stack: 'cases',
        name: t(`dashboards.caseStatus.${s}`),
        data: workflows.map((w) => byStatus[w]?.[s] ?? 0),
        itemStyle: { color: CASE_COLORS[s] },
        barMaxWidth: 40,
      })),
    };
  }, [metrics.data, names, t]);

  const open = rows.reduce((s, r) => s + r.open, 0);
  const overdue = rows.reduce((s, r) => s + r.overdueOpen, 0);
  const decided = rows.reduce((s, r) => s + r.decided, 0);
  return (
    <>
      <PageHeader title={t('dashboards.approvals.title')} sub={t('dashboards.approvals.sub')} />
      <LoadError error={times.error ?? metrics.error} retry={() => void times.reload()} />
      <Kpis
        items={[
          { title: t('dashboards.approvals.kpiDecided'), value: decided, testId: 'kpi-decided' },
          { title: t('dashboards.approvals.kpiOpen'), value: open, testId: 'kpi-open' },
          { title: t('dashboards.approvals.kpiOverdue'), value: overdue, danger: true, testId: 'kpi-overdue' },
        ]}
      />
      <ChartCard title={t('dashboards.approvals.chart')} loading={times.loading} empty={!rows.some((r) => r.avgHours !== null)}>
        <Chart option={hoursOption} height={Math.max(240, rows.length * 48 + 60)} testId="chart-approval-times" label={t('dashboards.approvals.chart')} />
      </ChartCard>
      {metrics.data && (
        <ChartCard title={t('dashboards.approvals.casesChart')} empty={Object.keys(metrics.data.casesByStatus).length === 0}>
          <Chart option={casesOption} height={300} testId="chart-cases" label={t('dashboards.approvals.casesChart')} />
        </ChartCard>
      )}
      <Card title={t('dashboards.approvals.table')}>
        <FigureTable<StageTimeRow>
          testId="table-approval-times"
          rowKey={(r) => `${r.workflowKey}/${r.stageKey}`}
          loading={times.loading}
          dataSource={rows}
          columns={[
            { title: t('dashboards.approvals.workflow'), dataIndex: 'workflowKey', render: (k: string) => names.workflow(k) },
            { title: t('dashboards.approvals.stage'), dataIndex: 'stageKey', render: (k: string) => names.stage(k) },
            { title: t('dashboards.approvals.decided'), dataIndex: 'decided', align: 'right' },
            ...HOURS.map((k) => ({
              title: t(`dashboards.approvals.${k}`),
              dataIndex: k,
              align: 'right' as const,
              render: (h: number | null) => (h === null ? '—' : h.toFixed(2)),
            })),
            { title: t('dashboards.approvals.open'), dataIndex: 'open', align: 'right' },
            {
              title: t('dashboards.approvals.overdue'),
              dataIndex: 'overdueOpen',
              align: 'right',
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
            },
          ]}
        />
      </Card>
    </>
  );
}
