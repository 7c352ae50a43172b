import { Button, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FormAction } from '../../app/widgets/form-action';
import { PagedTable, rowProps, usePagedList } from '../../app/widgets/paged-table';
import { Filters, FilterValues, RegionName, useEnumOptions, useRegions } from './shared';
import type { Organization } from './types';

const ADMISSION_STATUSES = ['applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'] as const;
/** The manual admission actions (the rest runs through the provider_admission workflow) and where they apply. */
const ACTIONS = { suspend: ['active'], reinstate: ['suspended'], revoke: ['active', 'suspended'] } as const;
type AdmissionAction = keyof typeof ACTIONS;

/** Providers in the reader's regions with their admission state; the regional admins suspend, reinstate or revoke. */
export function ProvidersPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const regions = useRegions();
  const [filters, setFilters] = useState<FilterValues>({});
  const providers = usePagedList('/organizations', { params: { query: { kind: 'provider', admissionStatus: filters.admissionStatus as string, regionCode: filters.regionCode as string, q: filters.q as string } } });
  const statusOptions = useEnumOptions('status', ADMISSION_STATUSES);
  const manages = ['approver', 'partner_admin', 'platform_admin'].includes(me.user.role);
  const scope = me.regionScope;
  const reload = () => void providers.reload();
  return (
    <>
      <PageHeader title={t('review.providers.title')} sub={t('review.providers.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <Filters
        defs={[
          { key: 'q', label: t('review.providers.search') },
          { key: 'admissionStatus', label: t('review.f.admission'), options: statusOptions, width: 150 },
          { key: 'regionCode', label: t('common.region'), options: regions.options((r) => me.user.role === 'platform_admin' || scope.includes(r.code)), width: 200 },
        ]}
        value={filters}
        onChange={setFilters}
      />
      <PagedTable<Organization>
        list={providers}
        testId="providers-table"
        onRow={(o) => rowProps(`provider-row-${o.id}`)}
        columns={[
          { title: t('review.f.provider'), dataIndex: 'name' },
          { title: t('review.f.uscc'), dataIndex: 'uscc' },
          { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.f.providerKind'), dataIndex: 'providerKind', render: (v: string | null) => label('review.providerKind', v) },
          { title: t('review.f.accreditations'), dataIndex: 'accreditations', render: (v: string[]) => v.map((a) => <Tag key={a}>{a}</Tag>) },
          { title: t('review.f.admission'), dataIndex: 'admissionStatus', render: (v: string | null) => <StatusTag status={v} /> },
          { title: t('review.f.noticeEnds'), dataIndex: 'publicNoticeEndsAt', render: (v: string | null) => formatTime(v) },
          ...(manages
            ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, o: Organization) => <AdmissionActions provider={o} onDone={reload} /> }]
            : []),
        ]}
      />
    </>
  );
}

function AdmissionActions({ provider, onDone }: { provider: Organization; onDone(): void }) {
  const { t } = useI18n();
  const actions = (Object.keys(ACTIONS) as AdmissionAction[]).filter((a) => (ACTIONS[a] as readonly string[]).includes(provider.admissionStatus ?? ''));
  return (
    <Space size={4}>
      {actions.map((action) => (
        <FormAction<{ comment?: string }, Organization>
          key={action}
          label={t(`review.admission.${action}`)}
          title={t('review.admission.title', { action: t(`review.admission.${action}`), name: provider.name })}
          intro={t(`review.admission.${action}Intro`)}
          testId={`admission-${action}`}
          schema="AdmissionTransitionDto"
          buttonProps={{ size: 'small', danger: action !== 'reinstate' }}
          submitLabel={t(`review.admission.${action}`)}
          successMessage={t('action.done')}
          submit={(v, key) => api.post('/organizations/{id}/admission-transitions', { params: { path: { id: provider.id } }, body: { action, comment: v.comment || undefined, expectedVersion: provider.version }, idempotencyKey: key })}
          onDone={onDone}
        >
          <Field name="comment" label={t('review.admission.comment')}>
            <Input.TextArea rows={3} />
          </Field>
        </FormAction>
      ))}
    </Space>
  );
}
