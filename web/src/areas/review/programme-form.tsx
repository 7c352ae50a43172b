import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { useCached } from '../../app/data';
import { ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { nameIn } from '../../features/programmes/policy';
import { RegionSelect } from '../../app/widgets/region-select';
import { PercentInput, useEnumOptions, usePercentRules } from './shared';
import type { Program } from './types';

type Tier = Schema<'PolicyTierDto'>;
type Policy = Schema<'PolicyDto'>;
type ProgramVersion = Schema<'ProgramVersionDto'>;

const MODES = ['provider_redeems', 'enterprise_redeems'] as const;
const CYCLES = ['monthly', 'quarterly'] as const;
const APPLICANT_KINDS = ['enterprise', 'team'] as const;
const COMPARISONS = ['below', 'at_or_below'] as const;
/** The caps of a policy; an empty input is no cap (null on the wire). */
export const CAP_FIELDS = ['perApplicationCapFen', 'annualCapEnterpriseFen', 'annualCapTeamFen', 'annualCapGroupFen'] as const;

/**
 * The tiers most programmes start from (一般企业 and the three national qualifications), each at 50 %:
 * the bureau raises the ratios its policy grants. The same codes and names as the API's ratioBpByTier
 * shorthand, so programmes written either way read alike.
 */
export const STANDARD_TIERS: Tier[] = [
  { code: 'default', nameZh: '一般企业', nameEn: 'General', ratioBp: 5000, qualifications: [] },
  { code: 'tech_sme', nameZh: '科技型中小企业', nameEn: 'Tech-based SME', ratioBp: 5000, qualifications: ['tech_sme'] },
  { code: 'specialised_sme', nameZh: '专精特新企业', nameEn: 'Specialised SME', ratioBp: 5000, qualifications: ['specialised_sme'] },
  { code: 'high_tech', nameZh: '高新技术企业', nameEn: 'High-tech enterprise', ratioBp: 5000, qualifications: ['high_tech'] },
];

/** The policy as the form holds it: no cap, no threshold and an open window end are empty inputs (undefined). */
export interface PolicyValues {
  tiers: Tier[];
  perApplicationCapFen?: number;
  annualCapEnterpriseFen?: number;
  annualCapTeamFen?: number;
  annualCapGroupFen?: number;
  fullCoverageThresholdFen?: number;
  fullCoverageComparison?: 'below' | 'at_or_below';
  opensOn?: string;
  closesOn?: string;
}

/** The policy fields of the API (PolicyFieldsDto) with null for "none"; opensOn/closesOn are dates (YYYY-MM-DD). */
type PolicyBody = Omit<Schema<'CreateVersionDto'>, 'effectiveFrom' | 'note' | 'ratioBpByTier' | 'opensOn' | 'closesOn'> & { opensOn?: string | null; closesOn?: string | null };

/** A written policy in the form's terms. */
export function policyValues(policy: Policy): PolicyValues {
  const orNone = <V,>(v: V | null) => v ?? undefined;
  return {
    tiers: policy.tiers.map((tier) => ({ ...tier, applicantKinds: tier.applicantKinds ?? [] })),
    perApplicationCapFen: orNone(policy.perApplicationCapFen),
    annualCapEnterpriseFen: orNone(policy.annualCapEnterpriseFen),
    annualCapTeamFen: orNone(policy.annualCapTeamFen),
    annualCapGroupFen: orNone(policy.annualCapGroupFen),
    fullCoverageThresholdFen: policy.fullCoverage?.thresholdFen,
    fullCoverageComparison: (policy.fullCoverage?.comparison as PolicyValues['fullCoverageComparison']) ?? 'at_or_below',
    opensOn: orNone(policy.opensOn),
    closesOn: orNone(policy.closesOn),
  };
}

/** Tiers as the API stores them: no empty applicant-kind list (empty and absent both mean every kind). */
function normalTiers(tiers: Tier[]): Tier[] {
  return tiers.map(({ applicantKinds, ...tier }) => ({ ...tier, qualifications: tier.qualifications ?? [], ...(applicantKinds?.length ? { applicantKinds } : {}) }));
}

/** Every policy field of the form, null where the form is empty (no cap, no threshold, an open window end). */
export function policyBody(v: PolicyValues): PolicyBody {
  const none = <V,>(x: V | undefined) => (x === undefined || x === null ? null : x);
  const threshold = none(v.fullCoverageThresholdFen);
  return {
    tiers: normalTiers(v.tiers ?? []),
    perApplicationCapFen: none(v.perApplicationCapFen),
    annualCapEnterpriseFen: none(v.annualCapEnterpriseFen),
    annualCapTeamFen: none(v.annualCapTeamFen),
    annualCapGroupFen: none(v.annualCapGroupFen),
    fullCoverageThresholdFen: threshold,
    // The API refuses a comparison without a threshold.
    ...(threshold === null ? {} : { fullCoverageComparison: v.fullCoverageComparison ?? 'at_or_below' }),
    opensOn: none(v.opensOn),
    closesOn: none(v.closesOn),
  };
}

/** Only what differs from `current` (a new version keeps every field it does not name). */
export function changedPolicy(v: PolicyValues, current: Policy): Partial<PolicyBody> {
  const next = policyBody(v);
  const before = policyBody(policyValues(current));
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof PolicyBody)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changed[key] = next[key];
  }
  return changed as Partial<PolicyBody>;
}

/** The tier editor, the caps (empty: no cap), the full-coverage threshold with its comparison, and the window. */
export function PolicyFields() {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<PolicyValues>();
  const kinds = useCached('/qualification-kinds');
  const kindOptions = (kinds ?? []).map((k) => ({ value: k.code, label: nameIn(lang, k) }));
  const applicantOptions = useEnumOptions('review.applicantKind', APPLICANT_KINDS);
  const comparisonOptions = useEnumOptions('review.programme.comparison', COMPARISONS);
  const ratioRules = usePercentRules(true);
  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('review.programme.tiers')}</Typography.Title>
        <Button size="small" onClick={() => form.setFieldValue('tiers', STANDARD_TIERS)} data-testid="tiers-standard">
          {t('review.programme.standardTiers')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('review.programme.tiersHelp')}</Typography.Paragraph>
      <Form.List name="tiers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('review.programme.tierN', { n: i + 1 })}
                extra={fields.length > 1 && <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('review.programme.removeTier')} data-testid={`tier-remove-${i}`} />}
                data-testid={`tier-${i}`}
              >
                <Row gutter={12}>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'code']} label={t('review.programme.tierCode')} rules={[required, { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('review.programme.tierCodeRule') }]}>
                      <Input placeholder="priority" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'nameZh']} label={t('review.programme.tierNameZh')} rules={[required, { max: 60, message: t('form.maxLength', { max: 60 }) }]}>
                      <Input placeholder="重点企业" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('review.programme.tierNameEn')} rules={[required, { max: 100, message: t('form.maxLength', { max: 100 }) }]}>
                      <Input placeholder="Priority enterprise" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={6}>
                    <Form.Item name={[field.name, 'ratioBp']} label={t('review.programme.ratio')} rules={ratioRules}>
                      <PercentInput />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={10}>
                    <Form.Item name={[field.name, 'qualifications']} label={t('review.programme.tierQualifications')} extra={t('review.programme.tierQualificationsHelp')}>
                      <Select mode="multiple" allowClear options={kindOptions} placeholder={t('review.programme.anyApplicant')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'applicantKinds']} label={t('review.programme.tierApplicantKinds')}>
                      <Select mode="multiple" allowClear options={applicantOptions} placeholder={t('review.programme.everyKind')} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => add({ code: '', nameZh: '', nameEn: '', ratioBp: 5000, qualifications: [] })} data-testid="tier-add">
              {t('review.programme.addTier')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('review.programme.caps')}</Typography.Title>
      <Row gutter={16}>
        {CAP_FIELDS.map((name) => (
          <Col xs={24} sm={12} key={name}>
            <Field name={name} label={t(`review.programme.${name}`)}>
              <MoneyInput placeholder={t('programme.noCap')} />
            </Field>
          </Col>
        ))}
        <Col xs={24} sm={12}>
          <Field name="fullCoverageThresholdFen" label={t('review.programme.fullCoverageThresholdFen')}>
            <MoneyInput placeholder={t('review.programme.noThreshold')} />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field name="fullCoverageComparison" label={t('review.programme.fullCoverageComparison')}>
            <Select options={comparisonOptions} />
          </Field>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('review.programme.window')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="opensOn" label={t('review.programme.opensOn')}>
            <DateInput />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="closesOn" label={t('review.programme.closesOn')}>
            <DateInput />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

type ProgramValues = PolicyValues & Pick<Schema<'CreateProgramDto'>, 'name' | 'nameEn' | 'issuingRegionCode' | 'year' | 'useBy' | 'redeemBy' | 'redemptionMode' | 'settlementCycle' | 'budgetFen'>;

/**
 * A new programme (CreateProgramDto) or a draft edited in place (PATCH, UpdateDraftProgramDto): ratios typed
 * in percent and sent in basis points, amounts typed in yuan and sent in fen. A draft keeps its region and year.
 */
export function ProgrammeForm({ program, onDone }: { program?: Program; onDone(p: Program): void }) {
  const { t } = useI18n();
  const me = useMe();
  const modeOptions = useEnumOptions('review.mode', MODES);
  const cycleOptions = useEnumOptions('review.cycle', CYCLES);
  const year = new Date().getFullYear();
  const initialValues: Partial<ProgramValues> = program
    ? { ...policyValues(program.policy), name: program.name, nameEn: program.nameEn ?? undefined, useBy: program.useBy, redeemBy: program.redeemBy, budgetFen: program.budgetFen, redemptionMode: program.redemptionMode as ProgramValues['redemptionMode'], settlementCycle: program.settlementCycle as ProgramValues['settlementCycle'] }
    : { issuingRegionCode: me.organization.regionCode, year, tiers: STANDARD_TIERS, fullCoverageComparison: 'at_or_below', redemptionMode: 'provider_redeems', settlementCycle: 'monthly' };
  const submit = ({ issuingRegionCode, year: y, name, nameEn, useBy, redeemBy, redemptionMode, settlementCycle, budgetFen, ...policy }: ProgramValues, key: string) => {
    const common = { name, nameEn: nameEn?.trim() ? nameEn : undefined, useBy, redeemBy, redemptionMode, settlementCycle, budgetFen, ...policyBody(policy) } as Schema<'UpdateDraftProgramDto'>;
    return program
      ? api.patch('/programs/{id}', { params: { path: { id: program.id } }, body: common, idempotencyKey: key })
      : api.post('/programs', { body: { ...common, issuingRegionCode, year: y } as Schema<'CreateProgramDto'>, idempotencyKey: key });
  };
  return (
    <ApiForm<ProgramValues, Program>
      schema={program ? 'UpdateDraftProgramDto' : 'CreateProgramDto'}
      testId="programme-form"
      submitLabel={t(program ? 'review.programme.saveDraft' : 'review.programme.createSubmit')}
      successMessage={t(program ? 'review.programme.saved' : 'review.programme.created')}
      initialValues={initialValues}
      submit={submit}
      onDone={onDone}
    >
      <Field name="name" label={t('review.programme.name')}>
        <Input placeholder={t('review.programme.namePlaceholder', { year })} />
      </Field>
      <Field name="nameEn" label={t('review.programme.nameEn')} extra={t('review.programme.nameEnHelp')}>
        <Input placeholder={t('review.programme.nameEnPlaceholder', { year })} />
      </Field>
      {!program && (
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Field name="issuingRegionCode" label={t('review.programme.region')}>
              <RegionSelect only={(r) => r.issuing} />
            </Field>
          </Col>
          <Col xs={24} sm={12}>
            <Field name="year" label={t('review.programme.year')}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Field>
          </Col>
        </Row>
      )}
      <PolicyFields />
      <Typography.Title level={5}>{t('review.programme.budgetAndDates')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Field name="budgetFen" label={t('review.programme.budgetFen')}>
            <MoneyInput />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field name="useBy" label={t('review.programme.useBy')}>
            <DateInput />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field name="redeemBy" label={t('review.programme.redeemBy')}>
            <DateInput />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field name="redemptionMode" label={t('review.programme.mode')}>
            <Select options={modeOptions} />
          </Field>
        </Col>
        <Col xs={24} sm={12}>
          <Field name="settlementCycle" label={t('review.programme.cycle')}>
            <Select options={cycleOptions} />
          </Field>
        </Col>
      </Row>
    </ApiForm>
  );
}

type VersionValues = PolicyValues & { effectiveFrom: string; note: string };

/** Today in Asia/Shanghai (YYYY-MM-DD), the calendar the API checks effective days against, whatever the browser's zone. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A new version of an open programme's policy, from the policy in effect; only the changed fields are sent. */
export function NewVersionForm({ program, onDone }: { program: Program; onDone(v: ProgramVersion): void }) {
  const { t } = useI18n();
  return (
    <ApiForm<VersionValues, ProgramVersion>
      schema="CreateVersionDto"
      testId="version-form"
      submitLabel={t('review.version.submit')}
      successMessage={t('review.version.created')}
      initialValues={{ ...policyValues(program.policy), effectiveFrom: shanghaiToday() }}
      submit={async ({ effectiveFrom, note, ...policy }, key) => {
        const changes = changedPolicy(policy, program.policy);
        if (Object.keys(changes).length === 0) throw new Error(t('review.version.nothingChanged'));
        return api.post('/programs/{id}/versions', { params: { path: { id: program.id } }, body: { effectiveFrom, note, ...changes } as Schema<'CreateVersionDto'>, idempotencyKey: key });
      }}
      onDone={onDone}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Field name="effectiveFrom" label={t('review.version.effectiveFrom')} extra={t('review.version.effectiveFromHelp')}>
            <DateInput />
          </Field>
        </Col>
      </Row>
      <Field name="note" label={t('review.version.note')}>
        <Input.TextArea rows={2} placeholder={t('review.version.notePlaceholder')} />
      </Field>
      <PolicyFields />
    </ApiForm>
  );
}
