import { Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../app/widgets/responsive-table';
import type { ReactNode } from 'react';
import type { Schema } from '../../app/api';
import { formatTime, Money, StatusTag } from '../../app/common';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { rowProps } from '../../app/widgets/paged-table';

export type MisconductRecord = Schema<'MisconductRecordDto'>;

/** What a record did, in one line (docs/domain.md, "Misconduct"). */
export function MisconductEffects({ record }: { record: MisconductRecord }) {
  const { t } = useI18n();
  const e = record.effects;
  if (!e) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text>
        {t('misconduct.effects.summary', { vouchers: e.revokedVoucherIds.length, orders: e.cancelledOrderIds.length, returned: formatFen(e.returnedToBudgetFen), released: formatFen(e.releasedHoldsFen) })}
      </Typography.Text>
      {e.provider !== 'none' && <Typography.Text type="secondary">{t(`misconduct.effects.provider.${e.provider}`)}</Typography.Text>}
    </Space>
  );
}

/**
 * Misconduct records as a table: the bureaus' list (with their actions) and the page where the
 * enterprise or lab concerned sees what was recorded against it, its evidence and its period.
 */
export function MisconductTable({ records, loading, actions }: { records: MisconductRecord[]; loading: boolean; actions?: (r: MisconductRecord) => ReactNode }) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<MisconductRecord>
      rowKey="id"
      loading={loading}
      dataSource={records}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      data-testid="misconduct-table"
      locale={{ emptyText: t('misconduct.empty') }}
      onRow={(r) => rowProps(`misconduct-row-${r.number}`)}
      expandable={{
        expandedRowRender: (r) => (
          <Space direction="vertical" data-testid="misconduct-detail">
            <Typography.Paragraph style={{ marginBottom: 0 }}>{r.description}</Typography.Paragraph>
            <Typography.Text strong>{t('misconduct.evidence')}</Typography.Text>
            <ul style={{ margin: 0 }}>
              {r.evidence.map((e, i) => (
                <li key={i}>
                  {e.description}
                  {e.reference ? ` (${e.reference})` : ''}
                </li>
              ))}
            </ul>
            {r.liftReason && <Typography.Text>{t('misconduct.liftReason')}：{r.liftReason}</Typography.Text>}
          </Space>
        ),
      }}
      columns={[
        { title: t('misconduct.number'), dataIndex: 'number' },
        { title: t('misconduct.kind'), dataIndex: 'kind', render: (v: string) => t(`misconduct.kind.${v}`) },
        { title: t('misconduct.provider'), key: 'provider', render: (_, r) => r.provider?.name ?? '—' },
        { title: t('misconduct.enterprise'), key: 'enterprise', render: (_, r) => r.enterprise?.name ?? '—' },
        { title: t('misconduct.period'), key: 'period', render: (_, r) => `${r.periodFrom} ~ ${r.periodTo}` },
        {
          title: t('misconduct.status'),
          key: 'status',
          render: (_, r) => (
            <Space size={4}>
              <StatusTag status={r.status} group="misconduct.status" />
              {r.barringToday && <Tag color="red">{t('misconduct.barring')}</Tag>}
            </Space>
          ),
        },
        { title: t('misconduct.affected'), dataIndex: 'affectedFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        { title: t('misconduct.effects'), key: 'effects', render: (_, r) => <MisconductEffects record={r} /> },
        { title: t('misconduct.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => formatTime(v) },
        ...(actions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, r: MisconductRecord) => actions(r) }] : []),
      ]}
    />
  );
}
