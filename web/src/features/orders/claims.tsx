import { Alert, Card, Col, Input, Row, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, Money, StatusTag } from '../../app/common';
import { LoadError, useApi, useLive } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { CaseTimeline, lastDecisionComment } from '../../app/widgets/case-timeline';
import { FilteredList } from '../../app/widgets/paged-table';
import { RecordHeader } from '../../app/widgets/record-header';
import { type Claim, type Order, ProgramName, type Side } from './records';

export const CLAIM_STATUSES = ['submitted', 'in_review', 'returned', 'approved', 'paid', 'rejected', 'withdrawn', 'clawed_back', 'recovered'] as const;
/** Claims still moving through review or settlement: their pages poll. */
const MOVING = ['submitted', 'in_review', 'approved'];

/** A claim's documents (the order it claims is given apart). */
type Documents = Omit<Schema<'SubmitClaimDto'>, 'orderId'>;

function DocumentFields({ withInvoice }: { withInvoice: boolean }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Field name="contractNo" label={t('claim.contractNo')}>
          <Input placeholder="HT-2026-0451" />
        </Field>
      </Col>
      {withInvoice && (
        <Col xs={24} md={12}>
          <Field name="invoiceNo" label={t('claim.invoiceNo')} extra={t('claim.invoiceHelp')}>
            <Input placeholder="310026001-00012345" />
          </Field>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Field name="paymentProof" label={t('claim.paymentProof')} extra={t('claim.paymentProofHelp')}>
          <Input placeholder="BANK-20261128-7781" />
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field name="reportNo" label={t('claim.reportNo')}>
          <Input />
        </Field>
      </Col>
    </Row>
  );
}

/** Claiming the voucher portion of a confirmed order with its documents (the lab in 通兑, the enterprise in 通用). */
export function ClaimForm({ order, side, onDone }: { order: Order; side: Side; onDone(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card title={t('claim.new')} style={{ marginBottom: 16 }} data-testid="claim-card">
      <Alert
        type="info"
        showIcon
        title={t(`claim.newHelp.${side}`)}
        description={<>{t('claim.amount')}: <Money fen={order.subsidyFinalFen ?? order.subsidyHeldFen} strong /></>}
        style={{ marginBottom: 16 }}
      />
      <ApiForm<Documents, Claim>
        schema="SubmitClaimDto"
        initialValues={{ reportNo: order.reportNumber ?? undefined }}
        submit={(v, key) => api.post('/redemption-claims', { body: { orderId: order.id, ...v }, idempotencyKey: key })}
        submitLabel={t('claim.submit')}
        successMessage={t('claim.submitted')}
        onDone={(c) => {
          onDone();
          navigate(`/${side}/claims/${c.id}`);
        }}
        testId="claim-form"
      >
        <DocumentFields withInvoice />
      </ApiForm>
    </Card>
  );
}

/** The claim of an order, shown on the order page once it is claimed. */
export function ClaimOfOrder({ orderId, side }: { orderId: string; side: Side }) {
  const { t } = useI18n();
  const claims = useApi('/redemption-claims', { params: { query: { limit: 500 } } });
  const mine = (claims.data ?? []).filter((c) => c.orderId === orderId);
  const claim = mine.find((c) => c.status !== 'withdrawn') ?? mine[0];
  if (!claim) return null;
  return (
    <Card title={t('claim.ofOrder')} style={{ marginBottom: 16 }} extra={<Link to={`/${side}/claims/${claim.id}`}>{t('action.view')}</Link>}>
      <Typography.Text>
        {claim.number} · <Money fen={claim.amountFen} /> · <StatusTag status={claim.status} />
      </Typography.Text>
    </Card>
  );
}

/** The claims a side can see, with status and payment. */
export function ClaimList({ side, title, sub }: { side: Side; title: string; sub?: string }) {
  const { t } = useI18n();
  return (
    <FilteredList
      title={title}
      sub={sub}
      statuses={CLAIM_STATUSES}
      path="/redemption-claims"
      testId="claims-table"
      emptyText={t('claim.none')}
      columns={[
        { title: t('claim.number'), dataIndex: 'number', render: (n: string, c) => <Link to={`/${side}/claims/${c.id}`}>{n}</Link> },
        { title: t('claim.order'), dataIndex: 'orderId', render: (o: string) => <Link to={`/${side}/orders/${o}`}>{t('action.view')}</Link> },
        { title: t('common.program'), dataIndex: 'programId', render: (p: string) => <ProgramName id={p} /> },
        { title: t('claim.mode'), dataIndex: 'mode', render: (m: string) => t(`claim.redemptionMode.${m}`) },
        { title: t('claim.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
        { title: t('claim.invoiceNo'), dataIndex: 'invoiceNo' },
        { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        { title: t('claim.payment'), render: (_, c) => <PaymentState claim={c} /> },
      ]}
    />
  );
}

/** Payment as the payee reads it: awaiting approval, approved (in the settlement batch), paid on a date. */
function PaymentState({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  if (claim.status === 'paid') return <span data-testid="claim-paid">{t('claim.paidAt', { at: formatTime(claim.paidAt) })}</span>;
  if (claim.status === 'approved') return <>{t('claim.awaitingPayment')}</>;
  if (['submitted', 'in_review', 'returned'].includes(claim.status)) return <>{t('claim.awaitingApproval')}</>;
  return <>—</>;
}

/** One claim: amount, documents, review timeline; a returned claim is corrected and resubmitted here. */
export function ClaimPage({ side }: { side: Side }) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const claim = useLive('/redemption-claims/{id}', { params: { path: { id } } }, (c) => MOVING.includes(c.status));
  const c = claim.data;
  const own = c?.claimantOrgId === me.organization.id;
  const kase = useApi('/approval-cases/{id}', own && c?.caseId && c.status === 'returned' ? { params: { path: { id: c.caseId } } } : null);
  const reload = () => void claim.reload();
  return (
    <>
      <RecordHeader
        title={t('claim.title')}
        number={c?.number}
        status={c && <StatusTag status={c.status} />}
        onRefresh={reload}
        loading={claim.loading}
        extra={
          c &&
          own &&
          ['submitted', 'in_review', 'returned'].includes(c.status) && (
            <ActionButton danger confirm={t('claim.withdrawConfirm')} action={(key) => api.post('/redemption-claims/{id}/withdraw', { params: { path: { id: c.id } }, idempotencyKey: key })} onDone={reload}>
              {t('claim.withdraw')}
            </ActionButton>
          )
        }
      />
      <LoadError error={claim.error} retry={reload} />
      {c && (
        <>
          {c.status === 'returned' && <Alert type="warning" showIcon title={t('claim.returned')} description={lastDecisionComment(kase.data) ?? c.rejectionReason} style={{ marginBottom: 16 }} data-testid="claim-returned" />}
          {c.status === 'rejected' && <Alert type="error" showIcon title={t('claim.rejected')} description={c.rejectionReason} style={{ marginBottom: 16 }} />}
          {c.status === 'paid' && <Alert type="success" showIcon title={t('claim.paidAt', { at: formatTime(c.paidAt) })} style={{ marginBottom: 16 }} data-testid="claim-paid-banner" />}
          <Facts
            items={[
              [t('claim.number'), c.number],
              [t('claim.amount'), <span key="a" data-testid="claim-amount"><Money fen={c.amountFen} strong /></span>],
              [t('common.status'), <StatusTag key="s" status={c.status} />],
              [t('claim.mode'), t(`claim.redemptionMode.${c.mode}`)],
              [t('common.program'), <ProgramName key="p" id={c.programId} />],
              [t('claim.order'), <Link key="o" to={`/${side}/orders/${c.orderId}`}>{t('action.view')}</Link>],
              [t('claim.payment'), <PaymentState key="pay" claim={c} />],
              [t('claim.approvedAt'), formatTime(c.approvedAt)],
              [t('claim.paidAtLabel'), formatTime(c.paidAt)],
            ]}
          />
          <Facts
            title={t('claim.documents')}
            items={[
              [t('claim.contractNo'), c.contractNo],
              [t('claim.invoiceNo'), c.invoiceNo],
              [t('claim.paymentProof'), c.paymentProof],
              [t('claim.reportNo'), c.reportNo],
            ]}
          />
          {own && c.status === 'returned' && <ResubmitClaim claim={c} onDone={reload} />}
          {own && <CaseTimeline caseId={c.caseId} pollMs={MOVING.includes(c.status) ? 3000 : undefined} />}
        </>
      )}
    </>
  );
}

/** Correct the documents of a returned claim (the invoice number cannot change), then resubmit it. */
function ResubmitClaim({ claim, onDone }: { claim: Claim; onDone(): void }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={t('claim.correct')} style={{ marginBottom: 16 }}>
          <ApiForm<Omit<Documents, 'invoiceNo'>, Claim>
            schema="UpdateClaimDocumentsDto"
            initialValues={{ contractNo: claim.contractNo, paymentProof: claim.paymentProof, reportNo: claim.reportNo }}
            submit={(v, key) => api.post('/redemption-claims/{id}/documents', { params: { path: { id: claim.id } }, body: v, idempotencyKey: key })}
            submitLabel={t('claim.saveDocuments')}
            successMessage={t('action.done')}
            onDone={onDone}
            testId="claim-documents-form"
          >
            <DocumentFields withInvoice={false} />
          </ApiForm>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('claim.resubmitTitle')} style={{ marginBottom: 16 }}>
          <ApiForm<{ note?: string }, Claim>
            schema="ResubmitClaimDto"
            submit={(v, key) => api.post('/redemption-claims/{id}/resubmit', { params: { path: { id: claim.id } }, body: v.note ? { note: v.note } : {}, idempotencyKey: key })}
            submitLabel={t('claim.resubmit')}
            successMessage={t('claim.submitted')}
            onDone={onDone}
            testId="claim-resubmit-form"
          >
            <Field name="note" label={t('common.whatChanged')}>
              <Input.TextArea rows={3} />
            </Field>
          </ApiForm>
        </Card>
      </Col>
    </Row>
  );
}
