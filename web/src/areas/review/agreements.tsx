import { Alert, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp } from '@shared/money';
import { RegionSelect } from '../../app/widgets/region-select';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { PercentInput, RegionName, usePercentRules, useRegions } from './shared';
import type { Agreement, AgreementDetail, AgreementSignature } from './types';

/** Statuses in which the terms may still change (and a change voids the signatures). */
const EDITABLE = ['draft', 'partially_signed'];

/**
 * 互认协议 of the reader's regions. Either region proposes; it binds only once the issuing city's
 * approver and the partner region's partner admin have both signed the same terms (docs/security.md).
 */
export function AgreementsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const agreements = useApi('/recognition-agreements');
  return (
    <>
      <PageHeader
        title={t('review.agreements.title')}
        sub={t('review.agreements.sub')}
        extra={
          <>
            <Button onClick={() => void agreements.reload()}>{t('action.refresh')}</Button>
            <Button type="primary" onClick={() => setCreating(true)} data-testid="agreement-create">
              {t('review.agreements.create')}
            </Button>
          </>
        }
      />
      <LoadError error={agreements.error} retry={() => void agreements.reload()} />
      <Table<Agreement>
        rowKey="id"
        loading={agreements.loading}
        dataSource={agreements.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        data-testid="agreements-table"
        onRow={(a) => rowProps(`agreement-row-${a.id}`)}
        columns={[
          { title: t('review.agreement.name'), key: 'name', render: (_, a) => <Link to={`/review/agreements/${a.id}`}>{a.name}</Link> },
          { title: t('review.agreement.versionNo'), dataIndex: 'versionNo', width: 80, render: (v: number) => t('review.agreement.versionLabel', { n: v }) },
          { title: t('review.agreement.issuing'), dataIndex: 'issuingRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.agreement.partner'), dataIndex: 'partnerRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.agreement.period'), key: 'period', render: (_, a) => `${a.effectiveFrom} — ${a.effectiveTo ?? t('review.agreement.openEnded')}` },
          { title: t('review.agreement.providers'), dataIndex: 'providerCount', align: 'right' },
          { title: t('common.status'), key: 'status', render: (_, a) => <InForce agreement={a} /> },
        ]}
      />
      <Drawer open={creating} size={640} title={t('review.agreements.create')} onClose={() => setCreating(false)} destroyOnHidden>
        <AgreementForm
          onDone={(a) => {
            setCreating(false);
            navigate(`/review/agreements/${a.id}`);
          }}
        />
      </Drawer>
    </>
  );
}

function InForce({ agreement }: { agreement: Agreement }) {
  const { t } = useI18n();
  const cameIntoForce = ['in_force', 'superseded', 'terminated'].includes(agreement.status);
  return (
    <span data-testid="agreement-status">
      <StatusTag status={agreement.status} group="review.agreement.status" />
      {cameIntoForce && (agreement.inForceToday ? <Tag color="success">{t('review.agreement.inForce')}</Tag> : <Tag>{t('review.agreement.notInForce')}</Tag>)}
    </span>
  );
}

type AgreementValues = Schema<'CreateRecognitionAgreementDto'>;

function AgreementForm({ onDone }: { onDone(a: AgreementDetail): void }) {
  const { t } = useI18n();
  const me = useMe();
  const issuing = me.user.role === 'approver' ? me.organization.regionCode : undefined;
  const partner = me.user.role === 'partner_admin' ? me.organization.regionCode : undefined;
  return (
    <ApiForm<AgreementValues, AgreementDetail>
      schema="CreateRecognitionAgreementDto"
      testId="agreement-form"
      initialValues={{ issuingRegionCode: issuing, partnerRegionCode: partner }}
      submitLabel={t('review.agreements.create')}
      successMessage={t('review.agreement.created')}
      submit={(v, key) => api.post('/recognition-agreements', { body: v, idempotencyKey: key })}
      onDone={onDone}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Field name="issuingRegionCode" label={t('review.agreement.issuing')}>
            <RegionSelect only={(r) => r.issuing} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="partnerRegionCode" label={t('review.agreement.partner')}>
            <RegionSelect only={(r) => r.kind === 'city' || r.kind === 'municipality'} />
          </Field>
        </Col>
      </Row>
      <TermsFields />
    </ApiForm>
  );
}

/** The terms both sides sign: name, period, ratio override, cap per order (inside an ApiForm). */
function TermsFields() {
  const { t } = useI18n();
  const ratioRules = usePercentRules(false);
  return (
    <>
      <Field name="name" label={t('review.agreement.name')}>
        <Input />
      </Field>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="effectiveFrom" label={t('review.agreement.from')}>
            <DateInput />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="effectiveTo" label={t('review.agreement.to')} help={t('review.agreement.toHelp')}>
            <DateInput />
          </Field>
        </Col>
        <Col span={12}>
          <Form.Item name="ratioOverrideBp" label={t('review.agreement.ratioOverride')} rules={ratioRules} extra={t('review.agreement.ratioOverrideHelp')}>
            <PercentInput />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Field name="perOrderCapFen" label={t('review.agreement.perOrderCap')}>
            <MoneyInput />
          </Field>
        </Col>
      </Row>
    </>
  );
}

/**
 * One version of an agreement: its terms, who signed what, its sibling versions, and the actions
 * the reader's side may take (sign, edit terms, amend, withdraw, terminate).
 */
export function AgreementDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const agreement = useApi('/recognition-agreements/{id}', { params: { path: { id } } });
  const a = agreement.data;
  const reload = () => void agreement.reload();
  if (!a) return agreement.error ? <LoadError error={agreement.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const editable = EDITABLE.includes(a.status);
  const live = a.signatures.filter((s) => s.voidedAt === null);
  const canSign = editable && a.mySide !== null && !live.some((s) => s.side === a.mySide);
  const termsValues = { name: a.name, effectiveFrom: a.effectiveFrom, effectiveTo: a.effectiveTo ?? undefined, ratioOverrideBp: a.ratioOverrideBp ?? undefined, perOrderCapFen: a.perOrderCapFen ?? undefined };
  return (
    <>
      <PageHeader
        title={
          <>
            {a.name} <Tag>{t('review.agreement.versionLabel', { n: a.versionNo })}</Tag>
          </>
        }
        sub={
          <>
            <RegionName code={a.issuingRegionCode} /> ⇄ <RegionName code={a.partnerRegionCode} />
          </>
        }
        extra={
          <Space wrap>
            <InForce agreement={a} />
            {canSign && (
              <ActionButton
                type="primary"
                data-testid="agreement-sign"
                confirm={t(a.mySide === 'issuing' ? 'review.agreement.signConfirmIssuing' : 'review.agreement.signConfirmPartner')}
                successMessage={t('review.agreement.signed')}
                action={(key) => api.post('/recognition-agreements/{id}/sign', { params: { path: { id: a.id } }, body: { termsHash: a.termsHash }, idempotencyKey: key })}
                onDone={reload}
              >
                {t(a.mySide === 'issuing' ? 'review.agreement.signIssuing' : 'review.agreement.signPartner')}
              </ActionButton>
            )}
            {editable && (
              <FormAction<AgreementTermsValues, AgreementDetail>
                label={t('review.agreement.edit')}
                title={t('review.agreement.editTitle')}
                intro={live.length ? t('review.agreement.editVoidsIntro') : undefined}
                testId="agreement-edit"
                schema="UpdateRecognitionAgreementDto"
                initialValues={termsValues}
                submitLabel={t('review.agreement.editSubmit')}
                successMessage={t('review.agreement.edited')}
                submit={(v, key) => api.put('/recognition-agreements/{id}', { params: { path: { id: a.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <TermsFields />
              </FormAction>
            )}
            {editable && (
              <ActionButton
                danger
                data-testid="agreement-withdraw"
                confirm={t('review.agreement.withdrawConfirm')}
                successMessage={t('review.agreement.withdrawn')}
                action={(key) => api.post('/recognition-agreements/{id}/withdraw', { params: { path: { id: a.id } }, body: {}, idempotencyKey: key })}
                onDone={reload}
              >
                {t('review.agreement.withdraw')}
              </ActionButton>
            )}
            {a.status === 'in_force' && (
              <FormAction<{ effectiveFrom: string }, AgreementDetail>
                label={t('review.agreement.amend')}
                title={t('review.agreement.amendTitle')}
                intro={t('review.agreement.amendIntro')}
                testId="agreement-amend"
                schema="AmendAgreementDto"
                submitLabel={t('review.agreement.amendSubmit')}
                successMessage={t('review.agreement.amended')}
                submit={(v, key) => api.post('/recognition-agreements/{id}/amend', { params: { path: { id: a.id } }, body: v, idempotencyKey: key })}
                onDone={(next) => navigate(`/review/agreements/${next.id}`)}
              >
                <Field name="effectiveFrom" label={t('review.agreement.amendFrom')}>
                  <DateInput />
                </Field>
              </FormAction>
            )}
            {a.status === 'in_force' && (
              <FormAction<{ reason?: string }, AgreementDetail>
                label={t('review.agreement.terminate')}
                title={t('review.agreement.terminateTitle')}
                intro={t('review.agreement.terminateIntro')}
                testId="agreement-terminate"
                schema="TerminateAgreementDto"
                buttonProps={{ danger: true }}
                submitLabel={t('review.agreement.terminateConfirm')}
                successMessage={t('review.agreement.terminated')}
                submit={(v, key) => api.post('/recognition-agreements/{id}/terminate', { params: { path: { id: a.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="reason" label={t('review.agreement.terminateReason')}>
                  <Input.TextArea rows={3} />
                </Field>
              </FormAction>
            )}
          </Space>
        }
      />
      {editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.agreement.bindsWhenSigned')} data-testid="agreement-unsigned-note" />}
      {a.migrated && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('review.agreement.migratedNote')} />}
      <Facts
        title={t('review.agreement.terms')}
        items={[
          [t('review.agreement.period'), `${a.effectiveFrom} — ${a.effectiveTo ?? t('review.agreement.openEnded')}`],
          [t('review.agreement.ratioOverride'), a.ratioOverrideBp === null ? t('review.agreement.programmeRatio') : formatBp(a.ratioOverrideBp)],
          [t('review.agreement.perOrderCap'), a.perOrderCapFen === null ? '—' : <Money fen={a.perOrderCapFen} />],
          [t('review.agreement.terminatedOn'), a.terminatedOn ?? '—'],
          [t('review.agreement.supersededOn'), a.supersededOn ?? '—'],
          [t('review.agreement.inForceSince'), a.inForceSince ? formatTime(a.inForceSince) : '—'],
          [t('review.agreement.services'), a.serviceCount],
          [t('review.agreement.termsHash'), <Typography.Text code key="hash">{a.termsHash.slice(0, 12)}</Typography.Text>],
          [t('common.createdAt'), formatTime(a.createdAt)],
        ]}
      />
      <Signatures agreement={a} />
      {editable && <AddProviders agreement={a} onDone={reload} />}
      {editable && <LimitToServices agreement={a} onDone={reload} />}
      <Card title={t('review.agreement.providersTitle', { count: a.providers.length })} style={{ marginBottom: 16 }}>
        <Table
          rowKey="providerId"
          size="small"
          dataSource={a.providers}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="agreement-providers"
          onRow={(p) => rowProps(`agreement-provider-${p.providerId}`)}
          columns={[
            { title: t('review.f.provider'), dataIndex: 'name' },
            { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
            { title: t('review.agreement.scope'), dataIndex: 'serviceIds', render: (v: string[]) => (v.length ? t('review.agreement.someServices', { count: v.length }) : t('review.agreement.allServices')) },
          ]}
        />
      </Card>
      <Card title={t('review.agreement.versions')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={a.versions}
          pagination={false}
          data-testid="agreement-versions"
          onRow={(v) => rowProps(`agreement-version-${v.versionNo}`)}
          columns={[
            { title: t('review.agreement.versionNo'), dataIndex: 'versionNo', render: (n: number, v) => (v.id === a.id ? t('review.agreement.versionLabel', { n }) : <Link to={`/review/agreements/${v.id}`}>{t('review.agreement.versionLabel', { n })}</Link>) },
            { title: t('common.status'), dataIndex: 'status', render: (st: string) => <StatusTag status={st} group="review.agreement.status" /> },
            { title: t('review.agreement.period'), key: 'period', render: (_, v) => `${v.effectiveFrom} — ${v.effectiveTo ?? t('review.agreement.openEnded')}` },
            { title: t('review.agreement.endsOn'), key: 'ends', render: (_, v) => v.supersededOn ?? v.terminatedOn ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}

type AgreementTermsValues = Schema<'UpdateRecognitionAgreementDto'>;

/** Who signed this version for which region, and which signatures a change of terms voided. */
function Signatures({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useI18n();
  return (
    <Card title={t('review.agreement.signatures')} style={{ marginBottom: 16 }}>
      <Table<AgreementSignature>
        rowKey={(s) => `${s.side}-${s.signedAt}`}
        size="small"
        dataSource={agreement.signatures}
        pagination={false}
        data-testid="agreement-signatures"
        locale={{ emptyText: t('review.agreement.noSignatures') }}
        onRow={(s) => rowProps(s.voidedAt ? `agreement-signature-void-${s.side}` : `agreement-signature-${s.side}`)}
        columns={[
          { title: t('review.agreement.side'), dataIndex: 'side', render: (side: string) => t(`review.agreement.side.${side}`) },
          { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.agreement.signer'), dataIndex: 'signerName' },
          { title: t('review.agreement.signedAt'), dataIndex: 'signedAt', render: (v: string) => formatTime(v) },
          { title: t('review.agreement.termsHash'), dataIndex: 'termsHash', render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text> },
          {
            title: t('common.status'),
            key: 'valid',
            render: (_, s) => (s.voidedAt ? <Tag data-status="void">{t('review.agreement.signatureVoid')}</Tag> : <Tag color="success" data-status="valid">{t('review.agreement.signatureValid')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function AddProviders({ agreement, onDone }: { agreement: AgreementDetail; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ providerIds: string[] }>();
  return (
    <Card title={t('review.agreement.addProviders')} style={{ marginBottom: 16 }}>
      <ApiForm<{ providerIds: string[] }, AgreementDetail>
        form={form}
        schema="AddAgreementProvidersDto"
        testId="agreement-add-providers"
        layout="vertical"
        submitLabel={t('review.agreement.addSubmit')}
        successMessage={t('review.agreement.providersAdded')}
        submit={(v, key) => api.post('/recognition-agreements/{id}/providers', { params: { path: { id: agreement.id } }, body: v, idempotencyKey: key })}
        onDone={() => {
          form.resetFields();
          onDone();
        }}
      >
        <Field name="providerIds" label={t('review.agreement.pickProviders')} help={t('review.agreement.pickHelp')}>
          <ProviderPicker partnerRegionCode={agreement.partnerRegionCode} exclude={agreement.providers.map((p) => p.providerId)} />
        </Field>
      </ApiForm>
    </Card>
  );
}

/**
 * The agreement's scope narrowed to some services (POST /recognition-agreements/{id}/services): a provider with
 * listed services is recognised for those only. Services of the partner region's providers, searched by name.
 */
function LimitToServices({ agreement, onDone }: { agreement: AgreementDetail; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ serviceIds: string[] }>();
  return (
    <Card title={t('review.agreement.limitServices')} style={{ marginBottom: 16 }}>
      <ApiForm<{ serviceIds: string[] }, AgreementDetail>
        form={form}
        schema="AddAgreementServicesDto"
        testId="agreement-add-services"
        layout="vertical"
        submitLabel={t('review.agreement.limitSubmit')}
        successMessage={t('review.agreement.servicesLimited')}
        submit={(v, key) => api.post('/recognition-agreements/{id}/services', { params: { path: { id: agreement.id } }, body: v, idempotencyKey: key })}
        onDone={() => {
          form.resetFields();
          onDone();
        }}
      >
        <Field name="serviceIds" label={t('review.agreement.pickServices')} help={t('review.agreement.pickServicesHelp')}>
          <ServicePicker partnerRegionCode={agreement.partnerRegionCode} />
        </Field>
      </ApiForm>
    </Card>
  );
}

type PickerProps = { value?: string[]; onChange?(ids: string[]): void; id?: string };

/**
 * A multiple select whose options come from a search as the user types (`onSearch` sets the query the caller loads
 * with); chosen entries keep their labels while the search shows others.
 */
function SearchPicker(props: PickerProps & { found: { value: string; label: string }[]; onSearch(q: string): void; loading: boolean; placeholder?: string; notFound?: ReactNode; testId: string }) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const { found } = props;
  const options = [...found, ...(props.value ?? []).filter((v) => !found.some((o) => o.value === v)).map((v) => ({ value: v, label: chosen[v] ?? v }))];
  return (
    <Select
      id={props.id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={props.onSearch}
      loading={props.loading}
      value={props.value}
      onChange={(ids: string[]) => {
        setChosen((prev) => ({ ...prev, ...Object.fromEntries(found.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        props.onChange?.(ids);
      }}
      options={options}
      placeholder={props.placeholder}
      notFoundContent={props.loading ? <Spin size="small" /> : props.notFound}
      data-testid={props.testId}
    />
  );
}

/** Listed services of the partner region's admitted providers, searched by keyword (GET /catalog/services). */
function ServicePicker(props: PickerProps & { partnerRegionCode: string }) {
  const [q, setQ] = useState('');
  const services = useApi('/catalog/services', { params: { query: { q: q || undefined, regionCode: props.partnerRegionCode, recognisedOnly: false, limit: 50 } } });
  const found = (services.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.providerName}）` }));
  return <SearchPicker {...props} found={found} onSearch={setQ} loading={services.loading} testId="agreement-service-picker" />;
}

/** Active providers of a partner region, searched by name (GET /organizations?kind=provider&admissionStatus=active&q=). */
function ProviderPicker(props: PickerProps & { partnerRegionCode: string; exclude: string[] }) {
  const { t } = useI18n();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const providers = useApi('/organizations', { params: { query: { kind: 'provider', admissionStatus: 'active', q: q || undefined, limit: 50 } } });
  const found = (providers.data ?? [])
    .filter((o) => regions.within(o.regionCode, props.partnerRegionCode) && !props.exclude.includes(o.id))
    .map((o) => ({ value: o.id, label: `${o.name}（${regions.name(o.regionCode)}）` }));
  return (
    <SearchPicker
      {...props}
      found={found}
      onSearch={setQ}
      loading={providers.loading}
      placeholder={t('review.agreement.searchProviders')}
      notFound={t('review.agreement.noProviders')}
      testId="provider-picker"
    />
  );
}
