import { Alert, Card, Checkbox, Col, Input, Row, Select, Statistic, Steps, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { Facts, formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi, useLive } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { CaseTimeline } from '../../app/widgets/case-timeline';
import { RefreshButton } from '../../app/widgets/refresh-button';
import type { Order } from '../../features/orders/records';
import type { Schema } from '../../app/api';

type Organization = Schema<'OrganizationDto'>;

const ADMISSION_FLOW = ['applied', 'in_review', 'public_notice', 'active'];
/** Case states in which the lab may still withdraw its application. */
const OPEN_CASE = ['open', 'prechecking', 'in_review', 'waiting', 'returned'];
/** Admission states the workflow (review, public-notice timer) will still move. */
const MOVING = ['applied', 'in_review', 'public_notice'];

/** The lab's first page: where its admission (入驻) stands, its profile and accreditation, and the work waiting for it. */
export function LabHome() {
  const { t } = useI18n();
  const me = useMe();
  const { refreshMe } = useAuth();
  const org = useLive('/organizations/{id}', { params: { path: { id: me.organization.id } } }, (o) => MOVING.includes(o.admissionStatus ?? ''), 5000);
  const cases = useApi('/approval-cases', { params: { query: { subjectType: 'provider_admission' } } });
  const o = org.data;
  const kase = [...(cases.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const reload = () => {
    void org.reload();
    void cases.reload();
    void refreshMe();
  };
  return (
    <>
      <PageHeader
        title={me.organization.name}
        sub={t('lab.home.sub')}
        extra={
          <>
            <RefreshButton onClick={reload} loading={org.loading} />
            {o?.admissionStatus && o.admissionStatus !== 'active' && kase && OPEN_CASE.includes(kase.status) && (
              <ActionButton danger confirm={t('lab.admission.withdrawConfirm')} action={(key) => api.post('/approval-cases/{id}/withdraw', { params: { path: { id: kase.id } }, idempotencyKey: key })} onDone={reload}>
                {t('lab.admission.withdraw')}
              </ActionButton>
            )}
          </>
        }
      />
      <LoadError error={org.error} retry={reload} />
      {o && (
        <>
          <AdmissionSteps org={o} />
          {o.admissionStatus === 'active' && <Workload />}
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Profile org={o} onSaved={reload} />
              {kase && kase.status === 'returned' && <ResubmitAdmission caseId={kase.id} onDone={reload} />}
            </Col>
            <Col xs={24} xl={12}>
              {kase ? <CaseTimeline caseId={kase.id} pollMs={MOVING.includes(o.admissionStatus ?? '') ? 5000 : undefined} /> : <LoadError error={cases.error} />}
            </Col>
          </Row>
        </>
      )}
    </>
  );
}

function AdmissionSteps({ org }: { org: Organization }) {
  const { t, label } = useI18n();
  const status = org.admissionStatus ?? 'applied';
  const index = ADMISSION_FLOW.indexOf(status);
  return (
    <Card style={{ marginBottom: 16 }} data-testid="admission" data-admission={status}>
      <Steps
        current={index < 0 ? ADMISSION_FLOW.length - 1 : index}
        status={index < 0 ? 'error' : status === 'active' ? 'finish' : 'process'}
        items={ADMISSION_FLOW.map((s) => ({ title: label('status', s), description: t(`lab.admission.step.${s}`) }))}
      />
      <div style={{ marginTop: 16 }}>
        {status === 'public_notice' && org.publicNoticeEndsAt && <Alert type="info" showIcon title={t('lab.admission.noticeEnds', { at: formatTime(org.publicNoticeEndsAt) })} />}
        {status === 'active' && <Alert type="success" showIcon title={t('lab.admission.active')} />}
        {(status === 'applied' || status === 'in_review') && <Alert type="info" showIcon title={t(`lab.admission.${status}`)} />}
        {index < 0 && <Alert type="error" showIcon title={t('lab.admission.stopped', { status: label('status', status) })} />}
      </div>
    </Card>
  );
}

/** Counts of orders that wait for the lab, each linking to the filtered list. */
function Workload() {
  const { t } = useI18n();
  const toAccept = useApi('/service-orders', { params: { query: { status: 'created', limit: 100 } } });
  const toDeliver = useApi('/service-orders', { params: { query: { status: 'accepted', limit: 100 } } });
  const disputed = useApi('/service-orders', { params: { query: { status: 'disputed', limit: 100 } } });
  const toClaim = useApi('/service-orders', { params: { query: { status: 'confirmed', limit: 100 } } });
  const count = (x: { data?: Order[] }) => (x.data ? (x.data.length >= 100 ? '100+' : x.data.length) : '…');
  const stats: [string, string | number][] = [
    ['lab.home.toAccept', count(toAccept)],
    ['lab.home.toDeliver', count(toDeliver)],
    ['lab.home.disputed', count(disputed)],
    ['lab.home.toClaim', count(toClaim)],
  ];
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {stats.map(([key, value]) => (
        <Col xs={12} lg={6} key={key}>
          <Card>
            <Link to="/lab/orders">
              <Statistic title={t(key)} value={value} />
            </Link>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type ProfileValues = Schema<'UpdateProfileDto'>;

/** Identity and accreditation (CMA/CNAS; only enterprises hold qualifications); org admins edit the profile (the name only before admission). */
function Profile({ org, onSaved }: { org: Organization; onSaved(): void }) {
  const { t } = useI18n();
  const me = useMe();
  const { name: regionName } = useRegions();
  const beforeAdmission = org.admissionStatus !== 'active' && org.admissionStatus !== 'suspended';
  return (
    <>
      <Facts
        title={t('lab.profile.title')}
        items={[
          [t('org.uscc'), <Typography.Text key="u" copyable style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{org.uscc}</Typography.Text>],
          [t('org.region'), regionName(org.regionCode)],
          [t('common.status'), <StatusTag key="s" status={org.admissionStatus} />],
          [t('org.providerKind'), org.providerKind ? t(`org.providerKind.${org.providerKind}`) : '—'],
          [t('org.accreditations'), org.accreditations.length ? org.accreditations.map((a) => <Tag key={a} color="blue">{a}</Tag>) : t('lab.profile.noAccreditation')],
          [t('lab.profile.registeredAt'), formatTime(org.createdAt)],
        ]}
      />
      {me.user.isOrgAdmin && (
        <Card title={t('lab.profile.edit')} size="small" style={{ marginBottom: 16 }}>
          <ApiForm<ProfileValues, Organization>
            schema="UpdateProfileDto"
            initialValues={{ providerKind: org.providerKind ?? undefined, accreditations: org.accreditations }}
            submit={(v, key) => {
              const body: ProfileValues = { ...v };
              for (const k of ['name', 'contactName', 'contactPhone'] as const) if (!body[k]) delete body[k];
              return api.post('/organizations/{id}/profile', { params: { path: { id: org.id } }, body, idempotencyKey: key });
            }}
            submitLabel={t('lab.profile.save')}
            successMessage={t('action.done')}
            onDone={onSaved}
            testId="profile-form"
          >
            {beforeAdmission && (
              <Field name="name" label={t('org.name')}>
                <Input placeholder={org.name} />
              </Field>
            )}
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Field name="contactName" label={t('org.contactName')}>
                  <Input />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field name="contactPhone" label={t('org.contactPhone')}>
                  <Input />
                </Field>
              </Col>
            </Row>
            <Field name="providerKind" label={t('org.providerKind')}>
              <Select options={(['university', 'institute', 'third_party_lab'] as const).map((k) => ({ value: k, label: t(`org.providerKind.${k}`) }))} />
            </Field>
            <Field name="accreditations" label={t('org.accreditations')}>
              <Checkbox.Group options={['CMA', 'CNAS']} />
            </Field>
          </ApiForm>
        </Card>
      )}
    </>
  );
}

/** A returned admission goes back into its case once the profile is corrected. */
function ResubmitAdmission({ caseId, onDone }: { caseId: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <Card title={t('lab.admission.resubmitTitle')} style={{ marginBottom: 16 }}>
      <Alert type="warning" showIcon title={t('lab.admission.returned')} style={{ marginBottom: 16 }} />
      <ApiForm<{ note?: string }, unknown>
        schema="ResubmitDto"
        submit={(v, key) => api.post('/approval-cases/{id}/resubmit', { params: { path: { id: caseId } }, body: v.note ? { note: v.note } : {}, idempotencyKey: key })}
        submitLabel={t('lab.admission.resubmit')}
        successMessage={t('action.done')}
        onDone={onDone}
      >
        <Field name="note" label={t('common.whatChanged')}>
          <Input.TextArea rows={2} />
        </Field>
      </ApiForm>
    </Card>
  );
}
