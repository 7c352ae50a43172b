import { Alert, Button, Card, Input, Modal, Steps, Tag } from 'antd';
import type { TableProps } from 'antd';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { Facts, Money, StatusTag } from '../../app/common';
import { LoadError, useLive } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FilteredList } from '../../app/widgets/paged-table';
import { RecordHeader } from '../../app/widgets/record-header';
import { formatBp } from '@shared/money';
import { ServiceName, ServiceProvider } from '../catalog/services';
import { type Order, ProgramName, type Side } from './records';

export const ORDER_STATUSES = ['created', 'accepted', 'delivered', 'disputed', 'confirmed', 'claimed', 'settled', 'declined', 'cancelled', 'rejected'] as const;
const FLOW = ['created', 'accepted', 'delivered', 'confirmed', 'claimed', 'settled'];
/** States in which the other party or queued work will move the order on. */
const WAITING = ['created', 'accepted', 'delivered', 'disputed', 'claimed'];

/** Columns of an order list; links go to the side's own order page. */
export function useOrderColumns(side: Side): NonNullable<TableProps<Order>['columns']> {
  const { t } = useI18n();
  return [
    { title: t('order.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/${side}/orders/${o.id}`}>{n}</Link> },
    { title: t('order.service'), dataIndex: 'serviceId', render: (s: string) => <ServiceName id={s} /> },
    ...(side === 'enterprise' ? [{ title: t('order.provider'), dataIndex: 'serviceId', key: 'provider', render: (s: string) => <ServiceProvider id={s} /> }] : []),
    { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('order.contract'), dataIndex: 'contractAmountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('order.subsidy'), align: 'right', render: (_, o) => <Money fen={o.subsidyFinalFen ?? o.subsidyHeldFen} /> },
    { title: t('order.ownShare'), dataIndex: 'enterpriseShareFen', align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    { title: t('order.orderedOn'), dataIndex: 'orderedOn' },
  ];
}

/** A filterable, paged list of orders (the enterprise's own, or those placed with the lab). */
export function OrderList({ side, title, sub }: { side: Side; title: string; sub?: ReactNode }) {
  const { t } = useI18n();
  const columns = useOrderColumns(side);
  return <FilteredList title={title} sub={sub} statuses={ORDER_STATUSES} path="/service-orders" columns={columns} testId="orders-table" emptyText={t('order.none')} />;
}

/** Where the order is in its life: created → accepted → delivered → confirmed → claimed → settled. */
function OrderSteps({ status }: { status: string }) {
  const { label } = useI18n();
  const disputed = status === 'disputed';
  const off = !FLOW.includes(status) && !disputed;
  const current = disputed ? FLOW.indexOf('delivered') : off ? 0 : FLOW.indexOf(status);
  return (
    <Card style={{ marginBottom: 16 }}>
      <Steps
        size="small"
        current={current}
        status={off ? 'error' : status === 'settled' ? 'finish' : 'process'}
        items={FLOW.map((s) => ({ title: label('status', s) }))}
      />
    </Card>
  );
}

/** An order's money and delivery facts, as both sides see them. */
export function OrderFacts({ order, side }: { order: Order; side: Side }) {
  const { t } = useI18n();
  return (
    <Facts
      title={t('order.facts')}
      items={[
        [t('order.number'), order.number],
        [t('order.service'), <ServiceName key="s" id={order.serviceId} to={side === 'enterprise' ? `/enterprise/catalog/${order.serviceId}` : `/lab/services`} />],
        [t('order.provider'), <ServiceProvider key="p" id={order.serviceId} />],
        [t('common.program'), <ProgramName key="g" id={order.programId} />],
        [t('order.voucher'), side === 'enterprise' ? <Link key="v" to={`/enterprise/vouchers/${order.voucherId}`}>{t('action.view')}</Link> : '—'],
        [t('order.unitPrice'), <span key="u"><Money fen={order.unitPriceFen} /> × {order.quantity}</span>],
        [t('order.contract'), <span key="c" data-testid="order-contract"><Money fen={order.contractAmountFen} strong /></span>],
        [t('order.ratio'), formatBp(order.ratioBp)],
        [t('order.subsidyHeld'), <span key="h" data-testid="order-subsidy-held"><Money fen={order.subsidyHeldFen} /></span>],
        [t('order.ownShare'), <span key="o" data-testid="order-own-share"><Money fen={order.enterpriseShareFen} /></span>],
        [t('order.actual'), <span key="a" data-testid="order-actual"><Money fen={order.actualAmountFen} /></span>],
        [t('order.subsidyFinal'), <span key="f" data-testid="order-subsidy-final"><Money fen={order.subsidyFinalFen} /></span>],
        [t('order.reportNumber'), order.reportNumber ?? '—'],
        [t('order.deliveredOn'), order.deliveredOn ?? '—'],
        [t('order.orderedOn'), order.orderedOn],
        [t('order.crossRegion'), order.recognitionAgreementId ? <Tag color="blue">{t('order.recognised')}</Tag> : t('order.local')],
        ...(order.subsidyLimitedBy ? [[t('order.limitedBy'), t(`order.limitedBy.${order.subsidyLimitedBy}`)] as [ReactNode, ReactNode]] : []),
      ]}
    />
  );
}

/** The order page frame both sides share: header, steps, facts, dispute note; `actions` and `children` are the side's own. */
export function OrderFrame({ side, actions, children }: { side: Side; actions(order: Order, reload: () => void): ReactNode; children?(order: Order, reload: () => void): ReactNode }) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const order = useLive('/service-orders/{id}', { params: { path: { id } } }, (o) => WAITING.includes(o.status), 5000);
  const o = order.data;
  const reload = () => void order.reload();
  return (
    <>
      <RecordHeader
        title={t('order.title')}
        number={o?.number}
        status={o && <StatusTag status={o.status} />}
        onRefresh={reload}
        loading={order.loading}
        extra={o && actions(o, reload)}
      />
      <LoadError error={order.error} retry={reload} />
      {o && (
        <>
          <OrderSteps status={o.status} />
          {o.status === 'disputed' && <Alert type="warning" showIcon title={t(`order.disputed.${side}`)} description={o.disputeReason} style={{ marginBottom: 16 }} />}
          <OrderFacts order={o} side={side} />
          {children?.(o, reload)}
        </>
      )}
    </>
  );
}

/** The order's state changes that take a reason (required but for a cancellation), and their requests. */
const REASONED = {
  dispute: { schema: 'ReasonDto', send: (id: string, reason: string | undefined, key: string) => api.post('/service-orders/{id}/dispute', { params: { path: { id } }, body: { reason: reason ?? '' }, idempotencyKey: key }) },
  decline: { schema: 'ReasonDto', send: (id: string, reason: string | undefined, key: string) => api.post('/service-orders/{id}/decline', { params: { path: { id } }, body: { reason: reason ?? '' }, idempotencyKey: key }) },
  cancel: { schema: 'OptionalReasonDto', send: (id: string, reason: string | undefined, key: string) => api.post('/service-orders/{id}/cancel', { params: { path: { id } }, body: reason ? { reason } : {}, idempotencyKey: key }) },
};

/** A reason asked for in a dialog before a state change (dispute, decline, cancel). */
export function ReasonButton(props: { label: string; title: string; orderId: string; action: keyof typeof REASONED; onDone(): void; danger?: boolean; testId?: string }) {
  const reasoned = REASONED[props.action];
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger={props.danger} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal open={open} title={props.title} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ApiForm<{ reason?: string }, Order>
          schema={reasoned.schema}
          submit={(v, key) => reasoned.send(props.orderId, v.reason, key)}
          successMessage={t('action.done')}
          onDone={() => {
            setOpen(false);
            props.onDone();
          }}
          testId="reason-form"
        >
          <Field name="reason" label={t('order.reason')}>
            <Input.TextArea rows={3} />
          </Field>
        </ApiForm>
      </Modal>
    </>
  );
}
