import { Card, DatePicker, Segmented, Typography } from 'antd';
import { AllianceStats } from '../../features/roadshows/alliance-stats';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Money, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { Chart, ChartOption, escapeHtml, yuanTick } from './chart';
import { Kpis } from '../../app/widgets/kpis';
import { knownLabel } from '../../app/widgets/labels';
import { ChartCard, FigureTable, useRegions } from './shared';
import type { Schema } from '../../app/api';

type StatsRow = Schema<'StatsRowDto'>;

const GROUPS = ['industry', 'city', 'session_type', 'month'] as const;
type Group = (typeof GROUPS)[number];
/** The chain stages the statistics count, in order (each includes the later ones). */
const FUNNEL = ['projects', 'screened', 'presented', 'landedInJiaxing'] as const;

/** 路演成效: projects through the chain, landed in Jiaxing and financing raised, by industry, city, session type or month. */
export function RoadshowOutcomesPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const [groupBy, setGroupBy] = useState<Group>('industry');
  const [period, setPeriod] = useState<[string, string] | undefined>();
  const stats = useApi('/roadshow-stats', { params: { query: { groupBy, from: period?.[0], to: period?.[1] } } });
  const rows = useMemo(() => stats.data?.rows ?? [], [stats.data]);
  const totals = stats.data?.totals;

  const regionName = regions.name;
  const keyLabel = useMemo(() => {
    if (groupBy === 'industry') return (k: string) => knownLabel(t, 'dashboards.industry', k);
    if (groupBy === 'session_type') return (k: string) => knownLabel(t, 'dashboards.sessionType', k);
    if (groupBy === 'city') return (k: string) => regionName(k);
    return (k: string) => k;
  }, [groupBy, regionName, t]);

  const funnelOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          left: '10%',
          width: '80%',
          sort: 'none',
          minSize: '20%',
          label: { position: 'inside', formatter: '{b}  {c}' },
          data: FUNNEL.map((k) => ({ name: t(`dashboards.roadshows.${k}`), value: totals?.[k] ?? 0 })),
        },
      ],
    }),
    [totals, t],
  );

  const groupOption = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = (Array.isArray(params) ? params : [params]) as { axisValueLabel?: string; marker?: string; seriesName?: string; seriesIndex?: number; value?: unknown }[];
          return [
            escapeHtml(String(list[0]?.axisValueLabel ?? '')),
            ...list.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${p.seriesIndex === 2 ? formatFen(Number(p.value ?? 0)) : String(p.value ?? 0)}</b>`),
          ].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => keyLabel(r.key)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', name: t('dashboards.roadshows.count'), minInterval: 1 },
        { type: 'value', name: t('dashboards.yuan'), axisLabel: { formatter: (v: number) => yuanTick(v) }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('dashboards.roadshows.projects'), data: rows.map((r) => r.projects), barMaxWidth: 24 },
        { type: 'bar', name: t('dashboards.roadshows.landedInJiaxing'), data: rows.map((r) => r.landedInJiaxing), barMaxWidth: 24, itemStyle: { color: '#52c41a' } },
        { type: 'scatter', name: t('dashboards.roadshows.financingRaisedFen'), yAxisIndex: 1, data: rows.map((r) => r.financingRaisedFen), symbolSize: 14, itemStyle: { color: '#fa8c16' } },
      ],
    }),
    [rows, keyLabel, t],
  );

  return (
    <>
      <PageHeader
        title={t('dashboards.roadshows.title')}
        sub={t('dashboards.roadshows.sub')}
        extra={
          <DatePicker.RangePicker
            aria-label={t('dashboards.roadshows.period')}
            value={period ? [dayjs(period[0]), dayjs(period[1])] : null}
            onChange={(v) => setPeriod(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : undefined)}
          />
        }
      />
      <LoadError error={stats.error} retry={() => void stats.reload()} />
      <Kpis
        items={[
          { title: t('dashboards.roadshows.projects'), value: totals?.projects ?? 0, testId: 'kpi-projects' },
          { title: t('dashboards.roadshows.presented'), value: totals?.presented ?? 0, testId: 'kpi-presented' },
          { title: t('dashboards.roadshows.landedInJiaxing'), value: totals?.landedInJiaxing ?? 0, testId: 'kpi-landed' },
          { title: t('dashboards.roadshows.landedG60'), value: totals?.landed ?? 0, testId: 'kpi-landed-g60' },
          { title: t('dashboards.roadshows.financingRaisedFen'), value: totals?.financingRaisedFen ?? 0, money: true, testId: 'kpi-financing' },
        ]}
      />
      {/* Cloud roadshows in the period: attendance (each viewer once per session) and the moderated Q&A. */}
      <Kpis
        items={[
          { title: t('dashboards.roadshows.liveSessions'), value: stats.data?.live.sessions ?? 0, testId: 'kpi-live-sessions' },
          { title: t('dashboards.roadshows.liveAttendees'), value: stats.data?.live.attendees ?? 0, testId: 'kpi-live-attendees' },
          { title: t('dashboards.roadshows.liveQuestions'), value: stats.data?.live.questionsAsked ?? 0, testId: 'kpi-live-questions' },
          { title: t('dashboards.roadshows.liveAnswered'), value: stats.data?.live.questionsAnswered ?? 0, testId: 'kpi-live-answered' },
        ]}
      />
      <ChartCard title={t('dashboards.roadshows.funnel')} loading={stats.loading} empty={!totals?.projects}>
        <Chart option={funnelOption} height={280} testId="chart-roadshow-funnel" label={t('dashboards.roadshows.funnel')} />
      </ChartCard>
      <ChartCard
        title={t('dashboards.roadshows.byGroup')}
        loading={stats.loading}
        empty={rows.length === 0}
        extra={
          <Segmented
            data-testid="roadshow-group"
            value={groupBy}
            onChange={(v) => setGroupBy(v as Group)}
            options={GROUPS.map((g) => ({ value: g, label: t(`dashboards.roadshows.group.${g}`) }))}
          />
        }
      >
        <Chart option={groupOption} testId="chart-roadshow-groups" label={t('dashboards.roadshows.byGroup')} />
      </ChartCard>
      {/* The nine-city alliance per city and in total: the roadshow area's own table, so the figures are worded once. */}
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('dashboards.roadshows.alliance')}
      </Typography.Title>
      <AllianceStats from={period?.[0]} to={period?.[1]} />
      <Card title={t('dashboards.roadshows.table')} style={{ marginTop: 16 }}>
        <FigureTable<StatsRow>
          testId="table-roadshow"
          rowKey="key"
          loading={stats.loading}
          dataSource={rows}
          columns={[
            { title: t(`dashboards.roadshows.group.${groupBy}`), dataIndex: 'key', render: (k: string) => keyLabel(k) },
            ...FUNNEL.map((k) => ({ title: t(`dashboards.roadshows.${k}`), dataIndex: k, align: 'right' as const, sorter: (a: StatsRow, b: StatsRow) => a[k] - b[k] })),
            {
              title: t('dashboards.roadshows.financingRaisedFen'),
              dataIndex: 'financingRaisedFen',
              align: 'right',
              sorter: (a, b) => a.financingRaisedFen - b.financingRaisedFen,
              render: (fen: number) => <Money fen={fen} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
