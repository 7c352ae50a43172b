import { Card, Empty, Select, Spin, Table } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
export { useRegions, type Region } from '../../app/regions';

/** The programme a dashboard shows, kept in ?programId= so reloads and links keep it; the first programme by default. */
export function useProgramChoice() {
  const [params, setParams] = useSearchParams();
  const programs = useApi('/programs');
  const chosen = params.get('programId') ?? undefined;
  const programId = chosen ?? (programs.data?.find((p) => p.status === 'open') ?? programs.data?.[0])?.id;
  const setProgramId = (id: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    next.set('programId', id);
    return next;
  }, { replace: true });
  return { programs, programId, setProgramId };
}

export function ProgramPicker({ choice }: { choice: ReturnType<typeof useProgramChoice> }) {
  const { t, label, pick } = useI18n();
  return (
    <Select
      data-testid="program-picker"
      aria-label={t('dashboards.program')}
      style={{ minWidth: 280 }}
      placeholder={t('dashboards.program')}
      loading={choice.programs.loading}
      value={choice.programId}
      onChange={choice.setProgramId}
      options={(choice.programs.data ?? []).map((p) => ({ value: p.id, label: `${pick(p.name, p.nameEn)} · ${label('status', p.status)}` }))}
      notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noPrograms')} />}
    />
  );
}

/** A card holding a chart, or an empty state when there is nothing to draw. */
export function ChartCard({ title, loading, empty, children, extra }: { title: ReactNode; loading?: boolean; empty: boolean; children: ReactNode; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card title={title} extra={extra} style={{ marginBottom: 16 }}>
      <Spin spinning={!!loading}>
        {empty ? <Empty description={t('dashboards.noData')} style={{ padding: '48px 0' }} data-testid="chart-empty" /> : children}
      </Spin>
    </Card>
  );
}

/** The figures under a chart: a small, unpaged table with the dashboards' empty text. */
export function FigureTable<T extends object>({ testId, ...props }: TableProps<T> & { testId: string }) {
  const { t } = useI18n();
  return <Table<T> size="small" pagination={false} locale={{ emptyText: t('dashboards.noData') }} data-testid={testId} {...props} />;
}
