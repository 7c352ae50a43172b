import { Alert, Card, Col, Input, Row } from 'antd';
import { api, type Schema } from '../../app/api';
import { ActionButton, ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { ClaimForm, ClaimList, ClaimOfOrder, ClaimPage } from '../../features/orders/claims';
import { OrderFrame, OrderList, ReasonButton } from '../../features/orders/orders';
import { OrderRating } from '../../features/orders/ratings';
import { type Order, useProgram } from '../../features/orders/records';

/** Today in Shanghai (the API's calendar), whatever the browser's time zone: YYYY-MM-DD. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function LabOrdersPage() {
  const { t } = useI18n();
  return <OrderList side="lab" title={t('lab.orders.title')} sub={t('lab.orders.sub')} />;
}

type DeliveryValues = Schema<'DeliverOrderDto'>;

/** Delivery (交付): report number, the actual amount (at most the contract amount) and the date; the subsidy is recomputed. */
function DeliverForm({ order, onDone }: { order: Order; onDone(): void }) {
  const { t } = useI18n();
  return (
    <Card title={t(order.status === 'disputed' ? 'lab.deliver.again' : 'lab.deliver.title')} style={{ marginBottom: 16 }} data-testid="deliver-card">
      <ApiForm<DeliveryValues, Order>
        schema="DeliverOrderDto"
        initialValues={{ actualAmountFen: order.actualAmountFen ?? order.contractAmountFen, deliveredOn: order.deliveredOn ?? shanghaiToday(), reportNumber: order.reportNumber ?? undefined }}
        submit={(v, key) => api.post('/service-orders/{id}/deliver', { params: { path: { id: order.id } }, body: v, idempotencyKey: key })}
        submitLabel={t('lab.deliver.submit')}
        successMessage={t('lab.deliver.done')}
        onDone={onDone}
        testId="deliver-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Field name="reportNumber" label={t('order.reportNumber')}>
              <Input placeholder="SHJC-2026-001234" />
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field name="actualAmountFen" label={t('order.actual')} extra={t('lab.deliver.actualHelp', { contract: formatFen(order.contractAmountFen) })}>
              <MoneyInput />
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field name="deliveredOn" label={t('order.deliveredOn')}>
              <DateInput />
            </Field>
          </Col>
        </Row>
      </ApiForm>
    </Card>
  );
}

/** An order placed with the lab: accept or decline it, record its delivery, claim the voucher portion (通兑). */
export function LabOrderPage() {
  const { t } = useI18n();
  return (
    <OrderFrame
      side="lab"
      actions={(o, reload) =>
        o.status === 'created' && (
          <>
            <ActionButton type="primary" action={(key) => api.post('/service-orders/{id}/accept', { params: { path: { id: o.id } }, idempotencyKey: key })} onDone={reload} data-testid="order-accept">
              {t('lab.order.accept')}
            </ActionButton>
            <ReasonButton danger label={t('lab.order.decline')} title={t('lab.order.declineTitle')} orderId={o.id} action="decline" onDone={reload} testId="order-decline" />
          </>
        )
      }
    >
      {(o, reload) => (
        <>
          <LabNextStep order={o} reload={reload} />
          <OrderRating order={o} side="lab" />
        </>
      )}
    </OrderFrame>
  );
}

/** What the lab does next on an order, by its state and the programme's redemption mode. */
function LabNextStep({ order: o, reload }: { order: Order; reload(): void }) {
  const { t } = useI18n();
  const program = useProgram(o.programId);
  if (o.status === 'created') return <Alert type="info" showIcon title={t('lab.order.pleaseAccept')} style={{ marginBottom: 16 }} />;
  if (o.status === 'accepted' || o.status === 'disputed') return <DeliverForm order={o} onDone={reload} />;
  if (o.status === 'delivered') return <Alert type="info" showIcon title={t('lab.order.awaitingConfirmation')} style={{ marginBottom: 16 }} />;
  if (o.status === 'confirmed' && !program) return null;
  if (o.status === 'confirmed' && program?.redemptionMode === 'provider_redeems') return <ClaimForm order={o} side="lab" onDone={reload} />;
  if (o.status === 'confirmed') return <Alert type="info" showIcon title={t('lab.order.enterpriseClaims')} style={{ marginBottom: 16 }} />;
  if (['claimed', 'settled', 'rejected'].includes(o.status)) return <ClaimOfOrder orderId={o.id} side="lab" />;
  return null;
}

export function LabClaimsPage() {
  const { t } = useI18n();
  return <ClaimList side="lab" title={t('lab.claims.title')} sub={t('lab.claims.sub')} />;
}

export function LabClaimPage() {
  return <ClaimPage side="lab" />;
}
