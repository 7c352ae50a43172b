import { Alert, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, Money, StatusTag } from '../../app/common';
import { Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FormAction } from '../../app/widgets/form-action';
import { FilteredList, rowProps } from '../../app/widgets/paged-table';
import { OrgName, ProgramLink } from './shared';

type Voucher = Schema<'VoucherDto'>;
type Claim = Schema<'ClaimDto'>;
type FourEyesRequest = NonNullable<Voucher['fourEyesRequest']>;

const VOUCHER_STATUSES = ['active', 'exhausted', 'expired', 'revoked'] as const;
const CLAIM_STATUSES = ['submitted', 'in_review', 'returned', 'approved', 'paid', 'rejected', 'withdrawn', 'clawed_back', 'recovered'] as const;

/** What a revocation or claw-back answered: done at once, or waiting for a second person (four eyes, docs/security.md). */
function Outcome({ outcome, onClose }: { outcome?: { number: string; request?: FourEyesRequest }; onClose(): void }) {
  const { t } = useI18n();
  if (!outcome) return null;
  return outcome.request ? (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      data-testid="reversal-four-eyes"
      title={t('review.reversal.fourEyes', { number: outcome.number })}
      description={<Link to="/review/four-eyes">{t('review.reversal.fourEyesLink')}</Link>}
    />
  ) : (
    <Alert type="success" showIcon closable={{ onClose }} style={{ marginBottom: 16 }} data-testid="reversal-done" title={t('review.reversal.done', { number: outcome.number })} />
  );
}

/** The last reversal's outcome, and a counter that reloads the list after it. */
function useOutcome() {
  const [outcome, setOutcome] = useState<{ number: string; request?: FourEyesRequest }>();
  const [refresh, setRefresh] = useState(0);
  return {
    outcome,
    refresh,
    clear: () => setOutcome(undefined),
    done: (r: { number: string; fourEyesRequest?: FourEyesRequest }) => {
      setOutcome({ number: r.number, request: r.fourEyesRequest });
      setRefresh((n) => n + 1);
    },
  };
}

/** Revoking a voucher or clawing back a claim: a danger button opening a dialog that asks for the reason. */
function ReversalAction<R>(props: { label: string; title: string; intro: string; testId: string; submit(body: { reason: string }, key: string): Promise<R>; onDone(result: R): void }) {
  const { t } = useI18n();
  return (
    <FormAction<{ reason: string }, R>
      label={props.label}
      title={props.title}
      intro={props.intro}
      testId={props.testId}
      // RevokeVoucherDto and ClawBackDto ask the same: a reason of 2–1000 characters.
      schema="RevokeVoucherDto"
      buttonProps={{ danger: true, size: 'small' }}
      submitLabel={props.label}
      submit={props.submit}
      onDone={props.onDone}
    >
      <Field name="reason" label={t('review.reversal.reason')}>
        <Input.TextArea rows={3} />
      </Field>
    </FormAction>
  );
}

/**
 * 创新券 of the reader's regions; the issuing city's approver revokes one with nothing held (its balance returns
 * to the budget). Above the four-eyes threshold the revocation waits for a second approver (待复核资金事项).
 */
export function VouchersOversightPage() {
  const { t } = useI18n();
  const me = useMe();
  const { outcome, clear, refresh, done } = useOutcome();
  const mayRevoke = (v: Voucher) => v.status === 'active' && v.heldFen === 0 && (me.user.role === 'approver' || me.user.role === 'platform_admin');
  return (
    <>
      <Outcome outcome={outcome} onClose={clear} />
      <FilteredList
        key={refresh}
        path="/vouchers"
        title={t('review.vouchers.title')}
        sub={t('review.vouchers.sub')}
        statuses={VOUCHER_STATUSES}
        testId="vouchers-table"
        onRow={(v) => rowProps(`voucher-row-${v.number}`)}
        columns={[
          { title: t('review.vouchers.number'), dataIndex: 'number' },
          { title: t('review.vouchers.enterprise'), dataIndex: 'enterpriseId', render: (id: string) => <OrgName id={id} /> },
          { title: t('review.vouchers.programme'), dataIndex: 'programId', render: (id: string) => <ProgramLink id={id} /> },
          { title: t('review.vouchers.faceValue'), dataIndex: 'faceValueFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.vouchers.available'), dataIndex: 'availableFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
          { title: t('review.vouchers.held'), dataIndex: 'heldFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.vouchers.useBy'), dataIndex: 'useBy' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: '',
            key: 'actions',
            render: (_, v) =>
              mayRevoke(v) && (
                <ReversalAction<Voucher>
                  label={t('review.vouchers.revoke')}
                  title={t('review.vouchers.revokeTitle', { number: v.number })}
                  intro={t('review.vouchers.revokeIntro')}
                  testId="voucher-revoke"
                  submit={(body, key) => api.post('/vouchers/{id}/revoke', { params: { path: { id: v.id } }, body, idempotencyKey: key })}
                  onDone={done}
                />
              ),
          },
        ]}
      />
    </>
  );
}

/**
 * 兑付申请 of the reader's regions; the issuing city's approver or finance claws back a paid one (reversing entries
 * move it to a receivable from the payee). Above the four-eyes threshold the claw-back waits for a second person.
 */
export function ClaimsOversightPage() {
  const { t } = useI18n();
  const me = useMe();
  const { outcome, clear, refresh, done } = useOutcome();
  const mayClawBack = (c: Claim) => c.status === 'paid' && ['approver', 'finance', 'platform_admin'].includes(me.user.role);
  return (
    <>
      <Outcome outcome={outcome} onClose={clear} />
      <FilteredList
        key={refresh}
        path="/redemption-claims"
        title={t('review.claims.title')}
        sub={t('review.claims.sub')}
        statuses={CLAIM_STATUSES}
        testId="claims-table"
        onRow={(c) => rowProps(`claim-row-${c.number}`)}
        columns={[
          { title: t('review.claims.number'), dataIndex: 'number' },
          { title: t('review.claims.payee'), dataIndex: 'payeeOrgId', render: (id: string) => <OrgName id={id} /> },
          { title: t('review.vouchers.programme'), dataIndex: 'programId', render: (id: string) => <ProgramLink id={id} /> },
          { title: t('review.claims.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
          { title: t('review.claims.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('review.claims.outstanding'), dataIndex: 'outstandingFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: '',
            key: 'actions',
            render: (_, c) =>
              mayClawBack(c) && (
                <ReversalAction<Claim>
                  label={t('review.claims.clawBack')}
                  title={t('review.claims.clawBackTitle', { number: c.number })}
                  intro={t('review.claims.clawBackIntro')}
                  testId="claim-claw-back"
                  submit={(body, key) => api.post('/redemption-claims/{id}/claw-back', { params: { path: { id: c.id } }, body, idempotencyKey: key })}
                  onDone={done}
                />
              ),
          },
        ]}
      />
    </>
  );
}
