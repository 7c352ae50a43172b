import { Card, Input, Table, Tag } from 'antd';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, Money } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { OrgName } from './shared';

type Claim = Schema<'ClaimDto'>;
type Recovery = Schema<'ClaimRecoveryDto'>;
type RecoveryValues = Partial<Schema<'RecordRecoveryDto'>>;

/** Today in Asia/Shanghai, the default day the money arrived. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * A programme's clawed-back claims and what their payees still owe (docs/domain.md, "Claw-backs and
 * recoveries"). The issuing region's finance records money paid back here; it returns to the budget.
 * The API decides who may: the button is only hidden from those who never may.
 */
export function ClawBacksCard({ programId, issuingRegionCode }: { programId: string; issuingRegionCode: string }) {
  const { t } = useI18n();
  const me = useMe();
  const owed = useApi('/redemption-claims', { params: { query: { programId, status: 'clawed_back', limit: 500 } } });
  const recovered = useApi('/redemption-claims', { params: { query: { programId, status: 'recovered', limit: 500 } } });
  const claims = [...(owed.data ?? []), ...(recovered.data ?? [])];
  const mayRecord = me.user.role === 'finance' && me.organization.regionCode === issuingRegionCode;
  const reload = () => {
    void owed.reload();
    void recovered.reload();
  };
  if (!owed.loading && !recovered.loading && claims.length === 0 && !owed.error && !recovered.error) return null;
  return (
    <Card title={t('review.recovery.title')} style={{ marginBottom: 16 }} data-testid="claw-backs">
      <LoadError error={owed.error ?? recovered.error} retry={reload} />
      <Table<Claim>
        rowKey="id"
        size="small"
        loading={owed.loading || recovered.loading}
        dataSource={claims}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(c) => rowProps(`claw-back-${c.number}`)}
        expandable={{ expandedRowRender: (c) => <RecoveriesTable claimId={c.id} />, rowExpandable: (c) => c.recoveredFen > 0 }}
        columns={[
          { title: t('review.recovery.claim'), dataIndex: 'number' },
          { title: t('review.recovery.payee'), dataIndex: 'payeeOrgId', render: (v: string) => <OrgName id={v} /> },
          { title: t('review.recovery.clawedBack'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.recovery.recovered'), dataIndex: 'recoveredFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.recovery.outstanding'), dataIndex: 'outstandingFen', align: 'right', render: (v: number) => <span data-testid="claw-back-outstanding"><Money fen={v} strong /></span> },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'recovered' ? 'success' : 'warning'} data-status={v}>{t(`review.recovery.status.${v}`)}</Tag> },
          {
            title: '',
            key: 'action',
            render: (_, c) =>
              mayRecord && c.status === 'clawed_back' && (
                <FormAction<RecoveryValues, unknown>
                  label={t('review.recovery.record')}
                  title={t('review.recovery.recordTitle', { claim: c.number })}
                  intro={t('review.recovery.intro', { outstanding: formatFen(c.outstandingFen) })}
                  testId="recovery-record"
                  schema="RecordRecoveryDto"
                  buttonProps={{ size: 'small', type: 'primary' }}
                  initialValues={{ receivedOn: shanghaiToday() }}
                  submitLabel={t('review.recovery.submit')}
                  successMessage={t('review.recovery.recorded')}
                  submit={(v, key) =>
                    api.post('/redemption-claims/{id}/recoveries', {
                      params: { path: { id: c.id } },
                      body: { amountFen: v.amountFen, receivedOn: v.receivedOn ?? '', reference: v.reference?.trim() ?? '', note: v.note?.trim() || undefined },
                      idempotencyKey: key,
                    })
                  }
                  onDone={reload}
                >
                  <Field name="amountFen" label={t('review.recovery.amount')} extra={t('review.recovery.amountHelp', { outstanding: formatFen(c.outstandingFen) })}>
                    <MoneyInput placeholder={formatFen(c.outstandingFen)} />
                  </Field>
                  <Field name="receivedOn" label={t('review.recovery.receivedOn')}>
                    <DateInput />
                  </Field>
                  <Field name="reference" label={t('review.recovery.reference')}>
                    <Input maxLength={100} />
                  </Field>
                  <Field name="note" label={t('review.recovery.note')}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Field>
                </FormAction>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The instalments recorded on one claim, oldest first. */
function RecoveriesTable({ claimId }: { claimId: string }) {
  const { t } = useI18n();
  const recoveries = useApi('/redemption-claims/{id}/recoveries', { params: { path: { id: claimId } } });
  return (
    <Table<Recovery>
      rowKey="id"
      size="small"
      pagination={false}
      loading={recoveries.loading}
      dataSource={recoveries.data ?? []}
      columns={[
        { title: '#', dataIndex: 'seq', width: 50 },
        { title: t('review.recovery.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        { title: t('review.recovery.receivedOn'), dataIndex: 'receivedOn' },
        { title: t('review.recovery.reference'), dataIndex: 'reference' },
        { title: t('review.recovery.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
        { title: t('review.recovery.recordedBy'), key: 'by', render: (_, r) => `${r.recordedByName ?? '—'} · ${formatTime(r.recordedAt)}` },
      ]}
    />
  );
}
