import { Button, Card, Col, Drawer, Form, Input, Row, Select, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp } from '../../app/money';
import { FormAction, PercentInput, RegionName, rowProps, usePercentRules, useRegions } from './shared';
import type { Agreement, AgreementDetail, Organization } from './types';

/** 互认协议 of the reader's regions: the issuing city's approver creates; the partner admin lists its providers. */
export function AgreementsPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const agreements = useApi<Agreement[]>('/recognition-agreements');
  return (
    <>
      <PageHeader
        title={t('review.agreements.title')}
        sub={t('review.agreements.sub')}
        extra={
          <>
            <Button onClick={() => void agreements.reload()}>{t('action.refresh')}</Button>
            {me.user.role !== 'partner_admin' && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="agreement-create">
                {t('review.agreements.create')}
              </Button>
            )}
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
          { title: t('review.agreement.issuing'), dataIndex: 'issuingRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.agreement.partner'), dataIndex: 'partnerRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.agreement.period'), key: 'period', render: (_, a) => `${a.effectiveFrom} — ${a.effectiveTo ?? t('review.agreement.openEnded')}` },
          { title: t('review.agreement.providers'), dataIndex: 'providerCount', align: 'right' },
          { title: t('common.status'), key: 'status', render: (_, a) => <InForce agreement={a} /> },
        ]}
      />
      <Drawer open={creating} width={640} title={t('review.agreements.create')} onClose={() => setCreating(false)} destroyOnHidden>
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
  return (
    <>
      <StatusTag status={agreement.status} />
      {agreement.status === 'active' && (agreement.inForceToday ? <Tag color="success">{t('review.agreement.inForce')}</Tag> : <Tag>{t('review.agreement.notInForce')}</Tag>)}
    </>
  );
}

interface AgreementValues {
  issuingRegionCode: string;
  partnerRegionCode: string;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string;
  ratioOverrideBp?: number;
  perOrderCapFen?: number;
}

function AgreementForm({ onDone }: { onDone(a: AgreementDetail): void }) {
  const { t } = useI18n();
  const me = useMe();
  const regions = useRegions();
  const ratioRules = usePercentRules(false);
  const issuing = me.user.role === 'approver' ? me.organization.regionCode : undefined;
  return (
    <ApiForm<AgreementValues, AgreementDetail>
      schema="CreateRecognitionAgreementDto"
      testId="agreement-form"
      initialValues={{ issuingRegionCode: issuing }}
      submitLabel={t('review.agreements.create')}
      successMessage={t('review.agreement.created')}
      submit={(v, key) => api.post<AgreementDetail>('/recognition-agreements', v, { idempotencyKey: key })}
      onDone={onDone}
    >
      <Field name="name" label={t('review.agreement.name')}>
        <Input />
      </Field>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="issuingRegionCode" label={t('review.agreement.issuing')}>
            <Select options={regions.options((r) => !r.parentCode)} showSearch optionFilterProp="label" />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="partnerRegionCode" label={t('review.agreement.partner')}>
            <Select options={regions.options((r) => r.kind !== 'district' && r.kind !== 'county')} showSearch optionFilterProp="label" />
          </Field>
        </Col>
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
    </ApiForm>
  );
}

/** One agreement: its terms, its recognised providers, adding providers (picker of the partner region), termination. */
export function AgreementDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const agreement = useApi<AgreementDetail>(`/recognition-agreements/${id}`);
  const a = agreement.data;
  const reload = () => void agreement.reload();
  if (!a) return agreement.error ? <LoadError error={agreement.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const active = a.status === 'active';
  return (
    <>
      <PageHeader
        title={a.name}
        sub={
          <>
            <RegionName code={a.issuingRegionCode} /> ⇄ <RegionName code={a.partnerRegionCode} />
          </>
        }
        extra={
          <>
            <InForce agreement={a} />
            {active && (
              <FormAction<{ reason?: string }, AgreementDetail>
                label={t('review.agreement.terminate')}
                title={t('review.agreement.terminateTitle')}
                intro={t('review.agreement.terminateIntro')}
                testId="agreement-terminate"
                schema="TerminateAgreementDto"
                buttonProps={{ danger: true }}
                submitLabel={t('review.agreement.terminateConfirm')}
                successMessage={t('review.agreement.terminated')}
                submit={(v, key) => api.post<AgreementDetail>(`/recognition-agreements/${a.id}/terminate`, v, { idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="reason" label={t('review.agreement.terminateReason')}>
                  <Input.TextArea rows={3} />
                </Field>
              </FormAction>
            )}
          </>
        }
      />
      <Facts
        title={t('review.agreement.terms')}
        items={[
          [t('review.agreement.period'), `${a.effectiveFrom} — ${a.effectiveTo ?? t('review.agreement.openEnded')}`],
          [t('review.agreement.ratioOverride'), a.ratioOverrideBp === null ? t('review.agreement.programmeRatio') : formatBp(a.ratioOverrideBp)],
          [t('review.agreement.perOrderCap'), a.perOrderCapFen === null ? '—' : <Money fen={a.perOrderCapFen} />],
          [t('review.agreement.terminatedOn'), a.terminatedOn ?? '—'],
          [t('review.agreement.services'), a.serviceCount],
          [t('common.createdAt'), formatTime(a.createdAt)],
        ]}
      />
      {active && <AddProviders agreement={a} onDone={reload} />}
      <Card title={t('review.agreement.providersTitle', { count: a.providers.length })}>
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
    </>
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
        submit={(v, key) => api.post<AgreementDetail>(`/recognition-agreements/${agreement.id}/providers`, v, { idempotencyKey: key })}
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

/** Active providers of a partner region, searched by name (GET /organizations?kind=provider&admissionStatus=active&q=). */
function ProviderPicker(props: { partnerRegionCode: string; exclude: string[]; value?: string[]; onChange?(ids: string[]): void; id?: string }) {
  const { t } = useI18n();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const providers = useApi<Organization[]>('/organizations', { kind: 'provider', admissionStatus: 'active', q: q || undefined, limit: 50 });
  // Chosen providers keep their names while the search shows others.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const found = (providers.data ?? [])
    .filter((o) => regions.within(o.regionCode, props.partnerRegionCode) && !props.exclude.includes(o.id))
    .map((o) => ({ value: o.id, label: `${o.name}（${regions.name(o.regionCode)}）` }));
  const options = [...found, ...(props.value ?? []).filter((v) => !found.some((o) => o.value === v)).map((v) => ({ value: v, label: chosen[v] ?? v }))];
  return (
    <Select
      id={props.id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={providers.loading}
      value={props.value}
      onChange={(ids: string[]) => {
        setChosen((prev) => ({ ...prev, ...Object.fromEntries(found.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        props.onChange?.(ids);
      }}
      options={options}
      placeholder={t('review.agreement.searchProviders')}
      notFoundContent={providers.loading ? <Spin size="small" /> : t('review.agreement.noProviders')}
      data-testid="provider-picker"
    />
  );
}
