import { Alert, Button, Card, Input, Modal, Steps, Tag } from 'antd';
import type { TableProps } from 'antd';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { Facts, Money, StatusTag } from '../../app/common';
import { LoadError } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp } from '@shared/money';
import { ClaimOfOrder, ClaimForm, type Side } from './claims';
import { FilteredList, Order, ProgramName, RecordHeader, ServiceName, ServiceProvider, useLive, useProgram } from './shared';

export const ORDER_STATUSES = ['created', 'accepted', 'delivered', 'disputed', 'confirmed', 'claimed', 'settled', 'declined', 'cancelled', 'rejected'];
const FLOW = ['created', 'accepted', 'delivered', 'confirmed', 'claimed', 'settled'];
/** States in which the other party or queued work will move the order on. */
const WAITING = ['created', 'accepted', 'delivered', 'disputed', 'claimed'];

/** Columns of an order list; links go to the side's own order page. */
export function useOrderColumns(side: Side): NonNullable<TableProps<Order>['columns']> {
  const { t } = useI18n();
  return [
    { title: t('enterprise.order.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/${side}/orders/${o.id}`}>{n}</Link> },
    { title: t('enterprise.order.service'), dataIndex: 'serviceId', render: (s: string) => <ServiceName id={s} /> },
    ...(side === 'enterprise' ? [{ title: t('enterprise.order.provider'), dataIndex: 'serviceId', key: 'provider', render: (s: string) => <ServiceProvider id={s} /> }] : []),
    { title: t('enterprise.order.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('enterprise.order.contract'), dataIndex: 'contractAmountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('enterprise.order.subsidy'), align: 'right', render: (_, o) => <Money fen={o.subsidyFinalFen ?? o.subsidyHeldFen} /> },
    { title: t('enterprise.order.ownShare'), dataIndex: 'enterpriseShareFen', align: 'right', render: (f: number) => <Money fen={f} /> },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    { title: t('enterprise.order.orderedOn'), dataIndex: 'orderedOn' },
  ];
}

/** A filterable, paged list of orders (the enterprise's own, or those placed with the lab). */
export function OrderList({ side, title, sub }: { side: Side; title: string; sub?: ReactNode }) {
  const { t } = useI18n();
  const columns = useOrderColumns(side);
  return <FilteredList<Order> title={title} sub={sub} statuses={ORDER_STATUSES} path="/service-orders" columns={columns} testId="orders-table" emptyText={t('enterprise.orders.none')} />;
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
      title={t('enterprise.order.facts')}
      items={[
        [t('enterprise.order.number'), order.number],
        [t('enterprise.order.service'), <ServiceName key="s" id={order.serviceId} to={side === 'enterprise' ? `/enterprise/catalog/${order.serviceId}` : `/lab/services`} />],
        [t('enterprise.order.provider'), <ServiceProvider key="p" id={order.serviceId} />],
        [t('enterprise.program'), <ProgramName key="g" id={order.programId} />],
        [t('enterprise.order.voucher'), side === 'enterprise' ? <Link key="v" to={`/enterprise/vouchers/${order.voucherId}`}>{t('action.view')}</Link> : '—'],
        [t('enterprise.order.unitPrice'), <span key="u"><Money fen={order.unitPriceFen} /> × {order.quantity}</span>],
        [t('enterprise.order.contract'), <span key="c" data-testid="order-contract"><Money fen={order.contractAmountFen} strong /></span>],
        [t('enterprise.order.ratio'), formatBp(order.ratioBp)],
        [t('enterprise.order.subsidyHeld'), <span key="h" data-testid="order-subsidy-held"><Money fen={order.subsidyHeldFen} /></span>],
        [t('enterprise.order.ownShare'), <span key="o" data-testid="order-own-share"><Money fen={order.enterpriseShareFen} /></span>],
        [t('enterprise.order.actual'), <span key="a" data-testid="order-actual"><Money fen={order.actualAmountFen} /></span>],
        [t('enterprise.order.subsidyFinal'), <span key="f" data-testid="order-subsidy-final"><Money fen={order.subsidyFinalFen} /></span>],
        [t('enterprise.order.reportNumber'), order.reportNumber ?? '—'],
        [t('enterprise.order.deliveredOn'), order.deliveredOn ?? '—'],
        [t('enterprise.order.orderedOn'), order.orderedOn],
        [t('enterprise.order.crossRegion'), order.recognitionAgreementId ? <Tag color="blue">{t('enterprise.order.recognised')}</Tag> : t('enterprise.order.local')],
        ...(order.subsidyLimitedBy ? [[t('enterprise.order.limitedBy'), t(`enterprise.limitedBy.${order.subsidyLimitedBy}`)] as [ReactNode, ReactNode]] : []),
      ]}
    />
  );
}

/** The order page frame both sides share: header, steps, facts, dispute note; `actions` and `children` are the side's own. */
export function OrderFrame({ side, actions, children }: { side: Side; actions(order: Order, reload: () => void): ReactNode; children?(order: Order, reload: () => void): ReactNode }) {
  const { id } = useParams();
  const { t } = useI18n();
  const order = useLive<Order>(`/service-orders/${id}`, (o) => WAITING.includes(o.status), 5000);
  const o = order.data;
  const reload = () => void order.reload();
  return (
    <>
      <RecordHeader
        title={t('enterprise.order.title')}
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
          {o.status === 'disputed' && <Alert type="warning" showIcon title={t(`enterprise.order.disputed.${side}`)} description={o.disputeReason} style={{ marginBottom: 16 }} />}
          <OrderFacts order={o} side={side} />
          {children?.(o, reload)}
        </>
      )}
    </>
  );
}

/** A reason asked for in a dialog before a state change (dispute, decline, cancel). */
export function ReasonButton(props: { label: string; title: string; path: string; schema: 'ReasonDto' | 'OptionalReasonDto'; onDone(): void; danger?: boolean; testId?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger={props.danger} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal open={open} title={props.title} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ApiForm<{ reason?: string }, Order>
          schema={props.schema}
          submit={(v, key) => api.post<Order>(props.path, v.reason ? { reason: v.reason } : {}, { idempotencyKey: key })}
          successMessage={t('action.done')}
          onDone={() => {
            setOpen(false);
            props.onDone();
          }}
          testId="reason-form"
        >
          <Field name="reason" label={t('enterprise.order.reason')}>
            <Input.TextArea rows={3} />
          </Field>
        </ApiForm>
      </Modal>
    </>
  );
}

export function EnterpriseOrdersPage() {
  const { t } = useI18n();
  return <OrderList side="enterprise" title={t('enterprise.orders.title')} sub={t('enterprise.orders.sub')} />;
}

/** The enterprise's order: cancel before delivery, confirm or dispute a delivery, claim the subsidy in 通用 mode. */
export function EnterpriseOrderPage() {
  const { t } = useI18n();
  return (
    <OrderFrame
      side="enterprise"
      actions={(o, reload) => (
        <>
          {o.status === 'delivered' && (
            <>
              <ActionButton
                type="primary"
                confirm={t('enterprise.order.confirmConfirm')}
                action={(key) => api.post(`/service-orders/${o.id}/confirm`, {}, { idempotencyKey: key })}
                onDone={reload}
                data-testid="order-confirm"
              >
                {t('enterprise.order.confirm')}
              </ActionButton>
              <ReasonButton label={t('enterprise.order.dispute')} title={t('enterprise.order.disputeTitle')} path={`/service-orders/${o.id}/dispute`} schema="ReasonDto" onDone={reload} testId="order-dispute" />
            </>
          )}
          {(o.status === 'created' || o.status === 'accepted') && (
            <ReasonButton danger label={t('enterprise.order.cancel')} title={t('enterprise.order.cancelTitle')} path={`/service-orders/${o.id}/cancel`} schema="OptionalReasonDto" onDone={reload} testId="order-cancel" />
          )}
        </>
      )}
    >
      {(o, reload) => <EnterpriseNextStep order={o} reload={reload} />}
    </OrderFrame>
  );
}

/** What the enterprise does next: confirm a delivery, or claim the subsidy of a confirmed order in 通用 mode. */
function EnterpriseNextStep({ order: o, reload }: { order: Order; reload(): void }) {
  const { t } = useI18n();
  const program = useProgram(o.programId);
  if (o.status === 'delivered') return <Alert type="info" showIcon title={t('enterprise.order.pleaseConfirm')} style={{ marginBottom: 16 }} />;
  if (!program) return null;
  const enterpriseRedeems = program.redemptionMode === 'enterprise_redeems';
  if (o.status === 'confirmed' && enterpriseRedeems) return <ClaimForm order={o} onDone={reload} side="enterprise" />;
  if (o.status === 'confirmed') return <Alert type="success" showIcon title={t('enterprise.order.labClaims')} style={{ marginBottom: 16 }} />;
  if (['claimed', 'settled', 'rejected'].includes(o.status)) return <ClaimOfOrder orderId={o.id} side="enterprise" />;
  return null;
}
