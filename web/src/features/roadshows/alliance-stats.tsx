import { Card, Table, Typography } from 'antd';
import type { Schema } from '../../app/api';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';

type CityFigures = Schema<'AllianceCityStatsDto'>;

/**
 * Per-city alliance figures (and the alliance total for the platform and the bureau), from GET /roadshow-stats:
 * shown on the roadshow area's alliance page and on the roadshow dashboard (so a feature, not an area's).
 */
export function AllianceStats({ from, to }: { from?: string; to?: string }) {
  const { t } = useI18n();
  const regions = useRegions();
  const stats = useApi('/roadshow-stats', { params: { query: { groupBy: 'city', from, to } } });
  const alliance = stats.data?.alliance;
  const rows: CityFigures[] = alliance ? [...alliance.cities, ...(alliance.total ? [alliance.total] : [])] : [];
  return (
    <Card>
      <LoadError error={stats.error} retry={() => void stats.reload()} />
      <Typography.Paragraph type="secondary">{t('roadshow.stats.hint')}</Typography.Paragraph>
      <Table<CityFigures>
        rowKey="key"
        size="small"
        loading={stats.loading}
        dataSource={rows}
        pagination={false}
        data-testid="alliance-stats"
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.key === 'total' ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('roadshow.stats.city'), dataIndex: 'key', fixed: 'left', render: (k: string) => (k === 'total' ? <strong>{t('roadshow.stats.total')}</strong> : regions.name(k)) },
          { title: t('roadshow.stats.hosted'), dataIndex: 'sessionsHosted', align: 'right' },
          { title: t('roadshow.stats.coHosted'), dataIndex: 'sessionsCoHosted', align: 'right' },
          { title: t('roadshow.stats.presented'), dataIndex: 'projectsPresented', align: 'right' },
          { title: t('roadshow.stats.investors'), key: 'investors', align: 'right', render: (_, r) => `${r.investorsAttending}（${t('roadshow.stats.live')} ${r.liveAttendees}）` },
          { title: t('roadshow.stats.interests'), dataIndex: 'interests', align: 'right' },
          { title: t('roadshow.stats.referralsIn'), key: 'in', align: 'right', render: (_, r) => `${r.referralsIn}（${r.referralsInAccepted}）` },
          { title: t('roadshow.stats.referralsOut'), dataIndex: 'referralsOut', align: 'right' },
          { title: t('roadshow.stats.landings'), dataIndex: 'landings', align: 'right' },
        ]}
      />
    </Card>
  );
}
