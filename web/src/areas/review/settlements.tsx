import { Button, Card, Input, Space, Spin, Steps, Table, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { type Loaded, LoadError, useApi } from '../../app/data';
import { ActionButton, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { DownloadButton, Filters, ProgramLink, RegionName, useEnumOptions } from './shared';
import type { SettlementBatch, Statement, StatementRow } from './types';

const BATCH_STATUSES = ['open', 'closed', 'approved', 'paid', 'reconciled'] as const;

function useSettler(): boolean {
  const role = useMe().user.role;
  return role === 'finance' || role === 'platform_admin';
}

/** Settlement batches of the reader's city, by programme and status (the finance bureau's home). */
export function SettlementsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = { programId: params.get('programId') ?? undefined, status: params.get('status') ?? undefined };
  const batches = useApi('/settlement-batches', { params: { query: filters } });
  const programs = useApi('/programs');
  const names = new Map((programs.data ?? []).map((p) => [p.id, p.name]));
  const statusOptions = useEnumOptions('status', BATCH_STATUSES);
  return (
    <>
      <PageHeader title={t('review.settlements.title')} sub={t('review.settlements.sub')} extra={<Button onClick={() => void batches.reload()}>{t('action.refresh')}</Button>} />
      <Filters
        defs={[
          { key: 'programId', label: t('review.programme'), options: (programs.data ?? []).map((p) => ({ value: p.id, label: p.name })), width: 260 },
          { key: 'status', label: t('common.status'), options: statusOptions, width: 140 },
        ]}
        value={filters}
        onChange={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])))}
      />
      <LoadError error={batches.error} retry={() => void batches.reload()} />
      <Table<SettlementBatch>
        rowKey="id"
        loading={batches.loading}
        dataSource={batches.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        data-testid="settlements-table"
        locale={{ emptyText: t('review.settlements.empty') }}
        onRow={(b) => rowProps(`batch-row-${b.id}`)}
        columns={[
          { title: t('review.settlement.number'), key: 'number', render: (_, b) => <Link to={`/review/settlements/${b.id}`} data-testid="batch-link">{b.number}</Link> },
          { title: t('review.programme'), dataIndex: 'programId', render: (v: string) => names.get(v) ?? v.slice(0, 8) },
          { title: t('review.settlement.period'), key: 'period', render: (_, b) => `${b.periodStart} — ${b.periodEnd}` },
          { title: t('review.settlement.items'), dataIndex: 'itemCount', align: 'right' },
          { title: t('review.settlement.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          { title: t('review.settlement.paymentReference'), dataIndex: 'paymentReference', render: (v: string | null) => v ?? '—' },
          { title: t('common.updatedAt'), key: 'updated', render: (_, b) => formatTime(b.reconciledAt ?? b.paidAt ?? b.approvedAt ?? b.closedAt) },
        ]}
      />
    </>
  );
}

/** One batch: its lifecycle (close → approve → pay → reconcile), statements by payee and partner region, exports. */
export function SettlementDetailPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const settler = useSettler();
  const me = useMe();
  const batch = useApi('/settlement-batches/{id}', { params: { path: { id } } });
  const [by, setBy] = useState<'payee' | 'partner_region'>('payee');
  const statement = useApi('/settlement-batches/{id}/statement', { params: { path: { id }, query: { by } } });
  const reload = () => {
    void batch.reload();
    void statement.reload();
  };
  const b = batch.data;
  if (!b) return batch.error ? <LoadError error={batch.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const step = BATCH_STATUSES.indexOf(b.status as (typeof BATCH_STATUSES)[number]);
  const amount = formatFen(b.totalFen);
  // Four eyes (docs/security.md): the closer does not approve, the approver does not pay; the API refuses it too.
  const closedByMe = b.closedBy?.id === me.user.id;
  const approvedByMe = b.approvedBy?.id === me.user.id;
  const person = (p: SettlementBatch['closedBy'], testId: string, none = '—') => <span data-testid={testId}>{p?.displayName ?? none}</span>;
  return (
    <>
      <PageHeader
        title={t('review.settlement.title', { number: b.number })}
        sub={`${b.periodStart} — ${b.periodEnd}`}
        extra={
          <>
            <span data-testid="batch-status">
              <StatusTag status={b.status} />
            </span>
            {settler && b.status === 'open' && (
              <ActionButton data-testid="settlement-close" type="primary" confirm={t('review.settlement.closeConfirm')} successMessage={t('review.settlement.closed')} action={(key) => api.post('/settlement-batches/{id}/close', { params: { path: { id: b.id } }, idempotencyKey: key })} onDone={reload}>
                {t('review.settlement.close')}
              </ActionButton>
            )}
            {settler && b.status === 'closed' && closedByMe && (
              <Tooltip title={t('review.settlement.secondPersonApproves')}>
                <Button data-testid="settlement-approve-blocked" disabled>
                  {t('review.settlement.approve')}
                </Button>
              </Tooltip>
            )}
            {settler && b.status === 'approved' && approvedByMe && (
              <Tooltip title={t('review.settlement.secondPersonPays')}>
                <Button data-testid="settlement-pay-blocked" disabled>
                  {t('review.settlement.pay')}
                </Button>
              </Tooltip>
            )}
            {settler && b.status === 'closed' && !closedByMe && (
              <ActionButton data-testid="settlement-approve" type="primary" confirm={t('review.settlement.approveConfirm', { amount, count: b.itemCount })} successMessage={t('review.settlement.approved')} action={(key) => api.post('/settlement-batches/{id}/approve', { params: { path: { id: b.id } }, idempotencyKey: key })} onDone={reload}>
                {t('review.settlement.approve')}
              </ActionButton>
            )}
            {settler && b.status === 'approved' && !approvedByMe && (
              <FormAction<{ paymentReference: string }, SettlementBatch>
                label={t('review.settlement.pay')}
                title={t('review.settlement.payTitle')}
                intro={t('review.settlement.payIntro', { amount, count: b.itemCount })}
                testId="settlement-pay"
                schema="PayBatchDto"
                buttonProps={{ type: 'primary' }}
                submitLabel={t('review.settlement.payConfirm')}
                successMessage={t('review.settlement.paid')}
                submit={(v, key) => api.post('/settlement-batches/{id}/pay', { params: { path: { id: b.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="paymentReference" label={t('review.settlement.paymentReference')} help={t('review.settlement.paymentReferenceHelp')}>
                  <Input />
                </Field>
              </FormAction>
            )}
            {settler && b.status === 'paid' && (
              <FormAction<{ note: string }, SettlementBatch>
                label={t('review.settlement.reconcile')}
                title={t('review.settlement.reconcileTitle')}
                intro={t('review.settlement.reconcileIntro', { amount })}
                testId="settlement-reconcile"
                schema="ReconcileBatchDto"
                buttonProps={{ type: 'primary' }}
                submitLabel={t('review.settlement.reconcileConfirm')}
                successMessage={t('review.settlement.reconciled')}
                submit={(v, key) => api.post('/settlement-batches/{id}/reconcile', { params: { path: { id: b.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="note" label={t('review.settlement.reconcileNote')}>
                  <Input.TextArea rows={3} />
                </Field>
              </FormAction>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step + 1}
          size="small"
          items={BATCH_STATUSES.map((status) => ({ title: label('status', status), description: status === 'open' ? undefined : formatTime(b[`${status}At` as 'closedAt']) }))}
        />
      </Card>
      <Facts
        title={t('review.settlement.summary')}
        items={[
          [t('review.programme'), <ProgramLink id={b.programId} />],
          [t('review.settlement.items'), b.itemCount],
          [t('review.settlement.total'), <Money fen={b.totalFen} strong />],
          [t('review.settlement.paymentReference'), b.paymentReference ?? '—'],
          [t('review.settlement.period'), `${b.periodStart} — ${b.periodEnd}`],
          [t('review.settlement.closedBy'), person(b.closedBy, 'batch-closed-by', b.closedAt ? t('review.settlement.byCutOff') : '—')],
          [t('review.settlement.approvedBy'), person(b.approvedBy, 'batch-approved-by')],
          [t('review.settlement.paidBy'), person(b.paidBy, 'batch-paid-by')],
        ]}
      />
      <StatementCard batch={b} by={by} onBy={setBy} statement={statement} />
    </>
  );
}

/** A batch's statement by payee or by partner region, with its CSV and Excel exports (finance's page and the partner's). */
export function StatementCard({ batch: b, by, onBy, statement }: { batch: SettlementBatch; by: 'payee' | 'partner_region'; onBy(by: 'payee' | 'partner_region'): void; statement: Loaded<Statement> }) {
  const { t } = useI18n();
  return (
    <Card
      title={t('review.statement.title')}
      extra={
        <Space wrap>
          <DownloadButton testId="statement-csv" path="/settlement-batches/{id}/statement.csv" init={{ params: { path: { id: b.id }, query: { by } } }} filename={`${b.number}-${by}.csv`}>
            {t('review.statement.csv')}
          </DownloadButton>
          <DownloadButton testId="statement-xlsx" path="/settlement-batches/{id}/statement.xlsx" init={{ params: { path: { id: b.id }, query: { by } } }} filename={`${b.number}-${by}.xlsx`}>
            {t('review.statement.xlsx')}
          </DownloadButton>
        </Space>
      }
    >
      <Tabs
        activeKey={by}
        onChange={(k) => onBy(k as typeof by)}
        items={[
          { key: 'payee', label: <span data-testid="statement-by-payee">{t('review.statement.byPayee')}</span> },
          { key: 'partner_region', label: <span data-testid="statement-by-region">{t('review.statement.byRegion')}</span> },
        ]}
      />
      <LoadError error={statement.error} retry={() => void statement.reload()} />
      <StatementTable statement={statement.data} loading={statement.loading} />
    </Card>
  );
}

function StatementTable({ statement, loading }: { statement?: Statement; loading: boolean }) {
  const { t } = useI18n();
  const byRegion = statement?.by === 'partner_region';
  return (
    <Table<StatementRow>
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={statement?.rows ?? []}
      pagination={false}
      data-testid="statement-table"
      locale={{ emptyText: t('review.statement.empty') }}
      columns={[
        { title: byRegion ? t('review.statement.region') : t('review.statement.payee'), dataIndex: 'name' },
        ...(byRegion ? [] : [{ title: t('review.f.uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' }]),
        { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
        { title: t('review.statement.claims'), dataIndex: 'claims', align: 'right' as const },
        { title: t('common.amount'), dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => <Money fen={v} /> },
      ]}
      summary={() =>
        statement && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={byRegion ? 2 : 3}>
              <Typography.Text strong>{t('common.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {statement.rows.reduce((n, r) => n + r.claims, 0)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span data-testid="statement-total">
                <Money fen={statement.totalFen} strong />
              </span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
