import { Button, Card, Col, Drawer, Form, Input, InputNumber, Progress, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp, formatFen } from '@shared/money';
import { RegionSelect } from '../../app/widgets/region-select';
import { ClawBacksCard } from './recoveries';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { Filters, FilterValues, PercentInput, RegionName, useEnumOptions, usePercentRules } from './shared';
import type { Budget, Program } from './types';

export const TIERS = ['default', 'tech_sme', 'specialised_sme', 'high_tech'] as const;
const MODES = ['provider_redeems', 'enterprise_redeems'] as const;
const CYCLES = ['monthly', 'quarterly'] as const;
const PROGRAM_STATUSES = ['draft', 'open', 'closed'] as const;
const MONEY_FIELDS = ['perApplicationCapFen', 'annualCapEnterpriseFen', 'annualCapGroupFen', 'fullCoverageThresholdFen', 'budgetFen'] as const;

function useProgramManager(): boolean {
  const role = useMe().user.role;
  return role === 'approver' || role === 'platform_admin';
}

/** Programmes: open and closed for everyone, drafts for their region; the approver creates, opens and closes. */
export function ProgrammesPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const manager = useProgramManager();
  const [filters, setFilters] = useState<FilterValues>({});
  const [creating, setCreating] = useState(false);
  const programs = useApi('/programs', { params: { query: { status: filters.status as string, year: filters.year as number } } });
  const statusOptions = useEnumOptions('status', PROGRAM_STATUSES);
  const thisYear = new Date().getFullYear();
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }));
  return (
    <>
      <PageHeader
        title={t('review.programmes.title')}
        sub={t('review.programmes.sub')}
        extra={
          manager && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="programme-create">
              {t('review.programmes.create')}
            </Button>
          )
        }
      />
      <Filters
        defs={[
          { key: 'status', label: t('common.status'), options: statusOptions, width: 140 },
          { key: 'year', label: t('review.programme.year'), options: years, width: 120 },
        ]}
        value={filters}
        onChange={setFilters}
      />
      <LoadError error={programs.error} retry={() => void programs.reload()} />
      <Table<Program>
        rowKey="id"
        loading={programs.loading}
        dataSource={programs.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 900 }}
        data-testid="programmes-table"
        onRow={(p) => rowProps(`programme-row-${p.id}`)}
        columns={[
          { title: t('review.programme.name'), key: 'name', render: (_, p) => <Link to={`/review/programmes/${p.id}`}>{p.name}</Link> },
          { title: t('review.programme.year'), dataIndex: 'year', width: 80 },
          { title: t('review.programme.region'), dataIndex: 'issuingRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.programme.ratio'), key: 'ratio', render: (_, p) => formatBp(p.ratioBpByTier.default) },
          { title: t('review.programme.mode'), dataIndex: 'redemptionMode', render: (v: string) => label('review.mode', v) },
          { title: t('review.programme.budget'), dataIndex: 'budgetFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('review.programme.useBy'), dataIndex: 'useBy' },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
        ]}
      />
      <Drawer open={creating} size={720} title={t('review.programmes.create')} onClose={() => setCreating(false)} destroyOnHidden>
        <ProgrammeForm
          onDone={(p) => {
            setCreating(false);
            navigate(`/review/programmes/${p.id}`);
          }}
        />
      </Drawer>
    </>
  );
}

type ProgramValues = Schema<'CreateProgramDto'>;

/** CreateProgramDto: ratios typed in percent and sent in basis points; caps and budget typed in yuan and sent in fen. */
function ProgrammeForm({ onDone }: { onDone(p: Program): void }) {
  const { t } = useI18n();
  const me = useMe();
  const modeOptions = useEnumOptions('review.mode', MODES);
  const cycleOptions = useEnumOptions('review.cycle', CYCLES);
  const defaultRules = usePercentRules(true);
  const tierRules = usePercentRules(false);
  const year = new Date().getFullYear();
  return (
    <ApiForm<ProgramValues, Program>
      schema="CreateProgramDto"
      testId="programme-form"
      submitLabel={t('review.programme.createSubmit')}
      successMessage={t('review.programme.created')}
      initialValues={{ issuingRegionCode: me.organization.regionCode, year, ratioBpByTier: { default: 5000 }, redemptionMode: 'provider_redeems', settlementCycle: 'monthly' }}
      submit={(values, key) => api.post('/programs', { body: values, idempotencyKey: key })}
      onDone={onDone}
    >
      <Field name="name" label={t('review.programme.name')}>
        <Input placeholder={t('review.programme.namePlaceholder', { year })} />
      </Field>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="issuingRegionCode" label={t('review.programme.region')}>
            <RegionSelect only={(r) => r.issuing} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="year" label={t('review.programme.year')}>
            <InputNumber style={{ width: '100%' }} precision={0} />
          </Field>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('review.programme.ratios')}</Typography.Title>
      <Row gutter={16}>
        {TIERS.map((tier) => (
          <Col span={6} key={tier}>
            <Form.Item name={['ratioBpByTier', tier]} label={t(`review.tier.${tier}`)} rules={tier === 'default' ? defaultRules : tierRules}>
              <PercentInput placeholder={tier === 'default' ? undefined : t('review.programme.tierInherit')} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>{t('review.programme.capsAndBudget')}</Typography.Title>
      <Row gutter={16}>
        {MONEY_FIELDS.map((name) => (
          <Col span={12} key={name}>
            <Field name={name} label={t(`review.programme.${name}`)}>
              <MoneyInput />
            </Field>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="useBy" label={t('review.programme.useBy')}>
            <DateInput />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="redeemBy" label={t('review.programme.redeemBy')}>
            <DateInput />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="redemptionMode" label={t('review.programme.mode')}>
            <Select options={modeOptions} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="settlementCycle" label={t('review.programme.cycle')}>
            <Select options={cycleOptions} />
          </Field>
        </Col>
      </Row>
    </ApiForm>
  );
}

/** One programme: its settings, its budget from the ledger, and (for its owner) open / close. */
export function ProgrammeDetailPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const me = useMe();
  const manager = useProgramManager();
  const program = useApi('/programs/{id}', { params: { path: { id } } });
  const p = program.data;
  const reload = () => void program.reload();
  if (!p) return program.error ? <LoadError error={program.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const canReadBudget = ['reviewer', 'approver', 'finance', 'platform_admin'].includes(me.user.role);
  return (
    <>
      <PageHeader
        title={p.name}
        sub={<RegionName code={p.issuingRegionCode} />}
        extra={
          <>
            <span data-testid="programme-status">
              <StatusTag status={p.status} />
            </span>
            {manager && p.status === 'draft' && (
              <ActionButton
                type="primary"
                data-testid="programme-open"
                confirm={t('review.programme.openConfirm', { budget: formatFen(p.budgetFen) })}
                successMessage={t('review.programme.opened')}
                action={(key) => api.post('/programs/{id}/open', { params: { path: { id: p.id } }, idempotencyKey: key })}
                onDone={reload}
              >
                {t('review.programme.open')}
              </ActionButton>
            )}
            {manager && p.status === 'open' && (
              <FormAction<{ reason?: string }, Program>
                label={t('review.programme.close')}
                title={t('review.programme.closeTitle')}
                intro={t('review.programme.closeIntro')}
                testId="programme-close"
                schema="CloseProgramDto"
                buttonProps={{ danger: true }}
                successMessage={t('review.programme.closed')}
                submit={(v, key) => api.post('/programs/{id}/close', { params: { path: { id: p.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="reason" label={t('review.programme.closeReason')}>
                  <Input.TextArea rows={3} />
                </Field>
              </FormAction>
            )}
            {['finance', 'approver', 'platform_admin'].includes(me.user.role) && (
              <Link to={`/review/settlements?programId=${p.id}`}>{t('review.programme.batches')}</Link>
            )}
          </>
        }
      />
      {canReadBudget && p.status !== 'draft' && <BudgetCard programId={p.id} />}
      {canReadBudget && p.status !== 'draft' && <ClawBacksCard programId={p.id} issuingRegionCode={p.issuingRegionCode} />}
      <Facts
        title={t('review.programme.settings')}
        items={[
          [t('review.programme.year'), p.year],
          [t('review.programme.mode'), label('review.mode', p.redemptionMode)],
          [t('review.programme.cycle'), label('review.cycle', p.settlementCycle)],
          ...TIERS.filter((tier) => p.ratioBpByTier[tier] !== undefined).map((tier) => [t('review.programme.ratioOf', { tier: t(`review.tier.${tier}`) }), formatBp(p.ratioBpByTier[tier])] as [string, string]),
          ...MONEY_FIELDS.map((name) => [t(`review.programme.${name}`), <Money fen={p[name]} />] as [string, JSX.Element]),
          [t('review.programme.useBy'), p.useBy],
          [t('review.programme.redeemBy'), p.redeemBy],
        ]}
      />
    </>
  );
}

/** The ledger's view of a budget: where every fen of it is now. */
function BudgetCard({ programId }: { programId: string }) {
  const { t } = useI18n();
  const budget = useApi('/programs/{id}/budget', { params: { path: { id: programId } } });
  const b = budget.data;
  const parts = ['availableFen', 'committedFen', 'heldFen', 'payableFen', 'paidFen', 'clawbackReceivableFen'] as const;
  return (
    <Card title={t('review.budget.title')} style={{ marginBottom: 16 }} loading={budget.loading && !b} extra={<Button size="small" onClick={() => void budget.reload()}>{t('action.refresh')}</Button>} data-testid="budget">
      <LoadError error={budget.error} retry={() => void budget.reload()} />
      {b && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('review.budget.budgetFen')} valueRender={() => <Money fen={b.budgetFen} />} />
            </Col>
            {parts.map((k) => (
              <Col xs={12} md={6} key={k}>
                <div data-testid={`budget-${k}`}>
                  <Statistic title={t(`review.budget.${k}`)} valueRender={() => <Money fen={b[k]} />} />
                </div>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Statistic title={t('review.budget.vouchersIssued')} value={b.vouchersIssued} />
            </Col>
          </Row>
          <Space style={{ marginTop: 16, width: '100%' }} orientation="vertical">
            <Progress percent={usedPercent(b)} format={() => t('review.budget.used', { percent: usedPercent(b) })} />
            {b.ledgerSumFen === 0 ? <Tag color="success">{t('review.budget.balanced')}</Tag> : <Tag color="error">{t('review.budget.unbalanced')}</Tag>}
          </Space>
        </>
      )}
    </Card>
  );
}

/** Whole percent of the budget no longer available (display only; money stays in fen). */
function usedPercent(b: Budget): number {
  return b.budgetFen > 0 ? Math.floor(((b.budgetFen - b.availableFen) * 100) / b.budgetFen) : 0;
}
