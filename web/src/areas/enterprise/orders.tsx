import { Alert } from 'antd';
import { api } from '../../app/api';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { ClaimForm, ClaimOfOrder } from '../../features/orders/claims';
import { OrderFrame, OrderList, ReasonButton } from '../../features/orders/orders';
import { OrderRating } from '../../features/orders/ratings';
import { type Order, useProgram } from '../../features/orders/records';

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
                action={(key) => api.post('/service-orders/{id}/confirm', { params: { path: { id: o.id } }, idempotencyKey: key })}
                onDone={reload}
                data-testid="order-confirm"
              >
                {t('enterprise.order.confirm')}
              </ActionButton>
              <ReasonButton label={t('enterprise.order.dispute')} title={t('enterprise.order.disputeTitle')} orderId={o.id} action="dispute" onDone={reload} testId="order-dispute" />
            </>
          )}
          {(o.status === 'created' || o.status === 'accepted') && (
            <ReasonButton danger label={t('enterprise.order.cancel')} title={t('enterprise.order.cancelTitle')} orderId={o.id} action="cancel" onDone={reload} testId="order-cancel" />
          )}
        </>
      )}
    >
      {(o, reload) => (
        <>
          <EnterpriseNextStep order={o} reload={reload} />
          <OrderRating order={o} side="enterprise" />
        </>
      )}
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
