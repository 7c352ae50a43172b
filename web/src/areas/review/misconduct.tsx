import { Alert, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, DateInput, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { FormAction } from '../../app/widgets/form-action';
import { type MisconductRecord, MisconductTable } from '../../features/credit/misconduct';

const KINDS = ['collusion', 'false_invoice', 'false_report', 'fraudulent_application', 'other'] as const;

type RecordForm = Schema<'RecordMisconductDto'>;

/** Organisations of the bureau's region, searched by name: the parties a record may name. */
function OrganizationPicker(props: { kind: 'provider' | 'enterprise'; value?: string; onChange?(id: string | undefined): void; id?: string; testId: string }) {
  const { t } = useI18n();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const orgs = useApi('/organizations', { params: { query: { kind: props.kind, q: q || undefined, limit: 50 } } });
  return (
    <Select
      id={props.id}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={orgs.loading}
      value={props.value}
      onChange={(v?: string) => props.onChange?.(v)}
      options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${regions.name(o.regionCode)}）` }))}
      placeholder={t('review.misconduct.search')}
      data-testid={props.testId}
    />
  );
}

/**
 * 失信记录: the paying region's approvers record misconduct (docs/domain.md, "Misconduct"), confirm
 * another approver's record above the four-eyes threshold, withdraw a pending one or lift one in
 * force. Other bureaus read the records of their region and of the parties in it.
 */
export function MisconductPage() {
  const { t } = useI18n();
  const me = useMe();
  const records = useApi('/misconduct-records', { params: { query: { limit: 200 } } });
  const isApprover = me.user.role === 'approver';
  const own = (r: MisconductRecord) => isApprover && r.regionCode === me.organization.regionCode;
  const reload = () => void records.reload();
  return (
    <>
      <PageHeader
        title={t('review.misconduct.title')}
        sub={t('review.misconduct.sub')}
        extra={
          <>
            <Button onClick={reload}>{t('action.refresh')}</Button>
            {isApprover && (
              <FormAction<RecordForm, MisconductRecord>
                label={t('review.misconduct.record')}
                title={t('review.misconduct.recordTitle')}
                intro={t('review.misconduct.recordIntro')}
                testId="misconduct-record"
                schema="RecordMisconductDto"
                buttonProps={{ type: 'primary', danger: true }}
                initialValues={{ kind: 'false_invoice', evidence: [{ description: '' }] }}
                submit={(v, key) => api.post('/misconduct-records', { body: v, idempotencyKey: key })}
                successMessage={t('review.misconduct.recorded')}
                onDone={reload}
              >
                <Field name="kind" label={t('misconduct.kind')}>
                  <Select data-testid="misconduct-kind" options={KINDS.map((k) => ({ value: k, label: t(`misconduct.kind.${k}`) }))} />
                </Field>
                <Field name="providerId" label={t('misconduct.provider')}>
                  <OrganizationPicker kind="provider" testId="misconduct-provider" />
                </Field>
                <Field name="enterpriseId" label={t('misconduct.enterprise')}>
                  <OrganizationPicker kind="enterprise" testId="misconduct-enterprise" />
                </Field>
                <Field name="description" label={t('misconduct.description')}>
                  <Input.TextArea rows={3} data-testid="misconduct-description" />
                </Field>
                <Field name={['evidence', 0, 'description']} label={t('misconduct.evidence')}>
                  <Input data-testid="misconduct-evidence" />
                </Field>
                <Field name={['evidence', 0, 'reference']} label={t('misconduct.evidenceReference')}>
                  <Input data-testid="misconduct-evidence-reference" />
                </Field>
                <Space.Compact block>
                  <Field name="periodFrom" label={t('review.misconduct.periodFrom')}>
                    <DateInput />
                  </Field>
                  <Field name="periodTo" label={t('review.misconduct.periodTo')}>
                    <DateInput />
                  </Field>
                </Space.Compact>
              </FormAction>
            )}
          </>
        }
      />
      {isApprover && <Alert type="warning" showIcon title={t('review.misconduct.effectsNote')} style={{ marginBottom: 16 }} />}
      <LoadError error={records.error} retry={reload} />
      <MisconductTable
        records={records.data ?? []}
        loading={records.loading}
        actions={(r) =>
          own(r) && (
            <Space>
              {r.status === 'pending_confirmation' && (
                <>
                  <ActionButton data-testid="misconduct-confirm" type="primary" size="small" confirm={t('review.misconduct.confirmConfirm')} action={(key) => api.post('/misconduct-records/{id}/confirm', { params: { path: { id: r.id } }, idempotencyKey: key })} onDone={reload}>
                    {t('review.misconduct.confirm')}
                  </ActionButton>
                  <ActionButton data-testid="misconduct-cancel" size="small" confirm={t('review.misconduct.cancelConfirm')} action={(key) => api.post('/misconduct-records/{id}/cancel', { params: { path: { id: r.id } }, body: {}, idempotencyKey: key })} onDone={reload}>
                    {t('review.misconduct.cancel')}
                  </ActionButton>
                </>
              )}
              {r.status === 'in_force' && (
                <FormAction<{ reason: string }, MisconductRecord>
                  label={t('review.misconduct.lift')}
                  title={t('review.misconduct.liftTitle', { number: r.number })}
                  intro={t('review.misconduct.liftIntro')}
                  testId="misconduct-lift"
                  schema="LiftMisconductDto"
                  buttonProps={{ size: 'small' }}
                  submit={(v, key) => api.post('/misconduct-records/{id}/lift', { params: { path: { id: r.id } }, body: v, idempotencyKey: key })}
                  onDone={reload}
                >
                  <Field name="reason" label={t('misconduct.liftReason')}>
                    <Input.TextArea rows={3} />
                  </Field>
                </FormAction>
              )}
            </Space>
          )
        }
      />
    </>
  );
}
