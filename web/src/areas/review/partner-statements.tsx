import { Button, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Facts, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { rowProps } from '../../app/widgets/paged-table';
import { StatementCard } from './settlements';
import type { SettlementBatch } from './types';

/**
 * A partner region's settlement statements (对账单): the batches in which a paying city settles claims of the
 * partner's providers. The API shows the partner only its own region's items, total and lines.
 */
export function PartnerStatementsPage() {
  const { t } = useI18n();
  const batches = useApi('/settlement-batches', { params: { query: {} } });
  return (
    <>
      <PageHeader title={t('review.partnerStatements.title')} sub={t('review.partnerStatements.sub')} extra={<Button onClick={() => void batches.reload()}>{t('action.refresh')}</Button>} />
      <LoadError error={batches.error} retry={() => void batches.reload()} />
      <Table<SettlementBatch>
        rowKey="id"
        loading={batches.loading}
        dataSource={batches.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        data-testid="partner-statements-table"
        locale={{ emptyText: t('review.partnerStatements.empty') }}
        onRow={(b) => rowProps(`partner-batch-row-${b.id}`)}
        columns={[
          { title: t('review.settlement.number'), key: 'number', render: (_, b) => <Link to={`/review/partner-statements/${b.id}`} data-testid="partner-batch-link">{b.number}</Link> },
          { title: t('review.settlement.period'), key: 'period', render: (_, b) => `${b.periodStart} — ${b.periodEnd}` },
          { title: t('review.partnerStatements.items'), dataIndex: 'itemCount', align: 'right' },
          { title: t('review.partnerStatements.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
        ]}
      />
    </>
  );
}

/** One batch's statement for the partner: by payee (its providers) or by region, with the CSV and Excel exports. */
export function PartnerStatementPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [by, setBy] = useState<'payee' | 'partner_region'>('payee');
  const statement = useApi('/settlement-batches/{id}/statement', { params: { path: { id }, query: { by } } });
  const b = statement.data?.batch;
  return (
    <>
      <PageHeader title={b ? t('review.partnerStatements.batch', { number: b.number }) : t('review.partnerStatements.title')} extra={<Link to="/review/partner-statements">{t('review.partnerStatements.back')}</Link>} />
      <LoadError error={statement.error} retry={() => void statement.reload()} />
      {b && (
        <>
          <Facts
            items={[
              [t('review.settlement.number'), b.number],
              [t('review.settlement.period'), `${b.periodStart} — ${b.periodEnd}`],
              [t('common.status'), <StatusTag key="s" status={b.status} />],
              [t('review.partnerStatements.total'), <Money key="m" fen={b.totalFen} strong />],
            ]}
          />
          <StatementCard batch={b} by={by} onBy={setBy} statement={statement} />
        </>
      )}
    </>
  );
}
