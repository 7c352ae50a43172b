import { Card, Progress, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Facts, formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { RecordHeader } from '../../app/widgets/record-header';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { useOrderColumns } from '../../features/orders/orders';
import { ProgramName } from '../../features/orders/records';
import type { Voucher } from './records';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type StatementLine = Schema<'StatementLineDto'>;

/** Spent share of a voucher: face value less what is still available or held. */
function usedFen(v: Voucher): number {
  return v.faceValueFen - v.availableFen - v.heldFen;
}

function Balance({ voucher }: { voucher: Voucher }) {
  const pct = voucher.faceValueFen ? Math.round(((voucher.faceValueFen - voucher.availableFen) * 100) / voucher.faceValueFen) : 0;
  return <Progress percent={pct} size="small" showInfo={false} style={{ width: 120, margin: 0 }} />;
}

/** The enterprise's vouchers with their balances. */
export function VouchersPage() {
  const { t } = useI18n();
  const vouchers = useApi('/vouchers', { params: { query: { limit: 500 } } });
  return (
    <>
      <PageHeader title={t('enterprise.vouchers.title')} extra={<RefreshButton onClick={() => void vouchers.reload()} />} />
      <LoadError error={vouchers.error} retry={() => void vouchers.reload()} />
      <ResponsiveTable<Voucher>
        rowKey="id"
        loading={vouchers.loading && !vouchers.data}
        dataSource={vouchers.data ?? []}
        locale={{ emptyText: t('enterprise.vouchers.none') }}
        data-testid="vouchers-table"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('enterprise.voucher.number'), dataIndex: 'number', render: (n: string, v) => <Link to={`/enterprise/vouchers/${v.id}`}>{n}</Link> },
          { title: t('common.program'), dataIndex: 'programId', render: (p: string) => <ProgramName id={p} /> },
          { title: t('enterprise.voucher.face'), dataIndex: 'faceValueFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('enterprise.voucher.available'), dataIndex: 'availableFen', align: 'right', render: (f: number) => <Money fen={f} strong /> },
          { title: t('enterprise.voucher.held'), dataIndex: 'heldFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('enterprise.voucher.used'), align: 'right', render: (_, v) => <Money fen={usedFen(v)} /> },
          { title: '', render: (_, v) => <Balance voucher={v} /> },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('enterprise.voucher.useBy'), dataIndex: 'useBy' },
          { title: t('enterprise.voucher.redeemBy'), dataIndex: 'redeemBy' },
        ]}
      />
    </>
  );
}

/** One voucher: balances, its ledger statement with running balances, and the orders it pays for. */
/** The orders paid with a voucher, ten a page. */
function VoucherOrders({ voucherId }: { voucherId: string }) {
  const orders = usePagedList('/service-orders', { params: { query: { voucherId } } }, { pageSize: 10 });
  return <PagedTable list={orders} columns={useOrderColumns('enterprise')} />;
}

export function VoucherPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const statement = useApi('/vouchers/{id}/statement', { params: { path: { id } } });
  const v = statement.data?.voucher;
  return (
    <>
      <RecordHeader title={t('enterprise.voucher.title')} number={v?.number} status={v && <StatusTag status={v.status} />} onRefresh={() => void statement.reload()} loading={statement.loading} />
      <LoadError error={statement.error} retry={() => void statement.reload()} />
      {v && (
        <>
          <Facts
            items={[
              [t('common.program'), <ProgramName key="p" id={v.programId} />],
              [t('enterprise.voucher.face'), <Money key="f" fen={v.faceValueFen} />],
              [t('enterprise.voucher.available'), <span key="a" data-testid="voucher-available"><Money fen={v.availableFen} strong /></span>],
              [t('enterprise.voucher.held'), <span key="h" data-testid="voucher-held"><Money fen={v.heldFen} /></span>],
              [t('enterprise.voucher.used'), <span key="u" data-testid="voucher-used"><Money fen={usedFen(v)} /></span>],
              [t('enterprise.voucher.issuedAt'), formatTime(v.issuedAt)],
              [t('enterprise.voucher.useBy'), v.useBy],
              [t('enterprise.voucher.redeemBy'), v.redeemBy],
              [t('enterprise.voucher.application'), <Link key="l" to={`/enterprise/applications/${v.applicationId}`}>{t('action.view')}</Link>],
            ]}
          />
          <Card title={t('enterprise.statement.title')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('enterprise.statement.help')}</Typography.Paragraph>
            <ResponsiveTable<StatementLine>
              rowKey="entryId"
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              dataSource={statement.data?.lines ?? []}
              data-testid="statement-table"
              locale={{ emptyText: t('common.empty') }}
              columns={[
                { title: t('enterprise.statement.at'), dataIndex: 'at', render: formatTime },
                { title: t('enterprise.statement.movement'), dataIndex: 'movement', render: (m: string) => t(`enterprise.movement.${m}`) },
                { title: t('enterprise.statement.account'), dataIndex: 'account', render: (a: string) => t(`enterprise.account.${a}`) },
                {
                  title: t('enterprise.statement.amount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (f: number) => <Typography.Text type={f < 0 ? 'danger' : 'success'}>{f > 0 ? '+' : ''}<Money fen={f} /></Typography.Text>,
                },
                { title: t('enterprise.statement.balance'), dataIndex: 'balanceAfterFen', align: 'right', render: (f: number) => <Money fen={f} /> },
                {
                  title: t('enterprise.statement.reference'),
                  render: (_, l) => (l.referenceType === 'order' ? <Link to={`/enterprise/orders/${l.referenceId}`}>{t('enterprise.statement.order')}</Link> : t(`enterprise.reference.${l.referenceType}`)),
                },
                { title: t('enterprise.statement.memo'), dataIndex: 'memo', render: (m: string | null) => m ?? '' },
              ]}
            />
          </Card>
          <Card title={t('enterprise.voucher.orders')}>
            <VoucherOrders voucherId={v.id} />
          </Card>
        </>
      )}
    </>
  );
}
