import { Alert, Button, Card, Col, Drawer, Input, Progress, Row, Space, Spin, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { ratioRange } from '../../features/programmes/policy';
import { ClawBacksCard } from './recoveries';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { NewVersionForm, ProgrammeForm } from './programme-form';
import { PolicyCard, TopUpsCard, VersionsCard } from './programme-policy';
import { Filters, FilterValues, RegionName, useEnumOptions } from './shared';
import type { Budget, Program } from './types';

const PROGRAM_STATUSES = ['draft', 'open', 'closed'] as const;

function useProgramManager(): boolean {
  const role = useMe().user.role;
  return role === 'approver' || role === 'platform_admin';
}

/** Who may change this programme: the issuing city's approver, or a platform admin (the API checks the same). */
function useProgramOwner(p: Program | undefined): boolean {
  const me = useMe();
  const manager = useProgramManager();
  return !!p && manager && (me.user.role === 'platform_admin' || me.organization.regionCode === p.issuingRegionCode);
}

/** Programmes: open and closed for everyone, drafts for their region; the approver creates, opens and closes. */
export function ProgrammesPage() {
  const { t, label, pick } = useI18n();
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
          { title: t('review.programme.name'), key: 'name', render: (_, p) => <Link to={`/review/programmes/${p.id}`}>{pick(p.name, p.nameEn)}</Link> },
          { title: t('review.programme.year'), dataIndex: 'year', width: 80 },
          { title: t('review.programme.region'), dataIndex: 'issuingRegionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('review.programme.ratio'), key: 'ratio', render: (_, p) => ratioRange(p.ratioBpByTier) },
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

/**
 * One programme: its settings and the policy in effect, its versions and top-ups, its budget from the ledger,
 * and for the issuing city's approver: edit (a draft), open, new version, top up and close.
 */
export function ProgrammeDetailPage() {
  const { id = '' } = useParams();
  const { t, label, pick } = useI18n();
  const me = useMe();
  const program = useApi('/programs/{id}', { params: { path: { id } } });
  const p = program.data;
  const owner = useProgramOwner(p);
  const [drawer, setDrawer] = useState<'edit' | 'version'>();
  // Bumped after a new version or a top-up, so that the cards below read again.
  const [changes, setChanges] = useState(0);
  const reload = () => {
    void program.reload();
    setChanges((n) => n + 1);
  };
  if (!p) return program.error ? <LoadError error={program.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const canReadBudget = ['reviewer', 'approver', 'finance', 'platform_admin'].includes(me.user.role);
  const done = () => {
    setDrawer(undefined);
    reload();
  };
  return (
    <>
      <PageHeader
        title={pick(p.name, p.nameEn)}
        sub={<RegionName code={p.issuingRegionCode} />}
        extra={
          <>
            <span data-testid="programme-status">
              <StatusTag status={p.status} />
            </span>
            {owner && p.status === 'draft' && (
              <Button onClick={() => setDrawer('edit')} data-testid="programme-edit">
                {t('review.programme.edit')}
              </Button>
            )}
            {owner && p.status === 'draft' && (
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
            {owner && p.status === 'open' && (
              <Button onClick={() => setDrawer('version')} data-testid="programme-new-version">
                {t('review.version.new')}
              </Button>
            )}
            {owner && p.status === 'open' && (
              <FormAction<{ amountFen: number; reason: string }, unknown>
                label={t('review.topUp.action')}
                title={t('review.topUp.title')}
                intro={t('review.topUp.intro')}
                testId="programme-top-up"
                schema="TopUpDto"
                successMessage={t('review.topUp.done')}
                submit={(v, key) => api.post('/programs/{id}/top-ups', { params: { path: { id: p.id } }, body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="amountFen" label={t('review.topUp.amount')}>
                  <MoneyInput />
                </Field>
                <Field name="reason" label={t('review.topUp.reason')}>
                  <Input.TextArea rows={2} placeholder={t('review.topUp.reasonPlaceholder')} />
                </Field>
              </FormAction>
            )}
            {owner && (
              <FormAction<{ nameEn?: string }, Program>
                label={t('review.programme.englishName')}
                title={t('review.programme.englishNameTitle')}
                intro={t('review.programme.englishNameIntro')}
                testId="programme-english-name"
                schema="ProgramEnglishNameDto"
                initialValues={{ nameEn: p.nameEn ?? '' }}
                successMessage={t('review.programme.englishNameSaved')}
                submit={(v, key) => api.put('/programs/{id}/english-name', { params: { path: { id: p.id } }, body: { nameEn: v.nameEn?.trim() ? v.nameEn : null }, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="nameEn" label={t('review.programme.nameEn')}>
                  <Input placeholder={t('review.programme.nameEnPlaceholder', { year: p.year })} />
                </Field>
              </FormAction>
            )}
            {owner && p.status === 'open' && (
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
      {canReadBudget && p.status !== 'draft' && <BudgetCard programId={p.id} reloadKey={changes} />}
      {canReadBudget && p.status !== 'draft' && <ClawBacksCard programId={p.id} issuingRegionCode={p.issuingRegionCode} />}
      <Facts
        title={t('review.programme.settings')}
        items={[
          [t('review.programme.name'), p.name],
          [t('review.programme.nameEn'), p.nameEn ?? '—'],
          [t('review.programme.year'), p.year],
          [t('review.programme.mode'), label('review.mode', p.redemptionMode)],
          [t('review.programme.cycle'), label('review.cycle', p.settlementCycle)],
          [t('review.programme.budgetFen'), <Money key="b" fen={p.budgetFen} />],
          [t('review.programme.useBy'), p.useBy],
          [t('review.programme.redeemBy'), p.redeemBy],
        ]}
      />
      <PolicyCard policy={p.policy} version={p.policyVersion} />
      {p.latestPolicyVersion > p.policyVersion && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.versions.pending', { n: p.latestPolicyVersion })} data-testid="version-pending" />
      )}
      <VersionsCard programId={p.id} reloadKey={changes} />
      {canReadBudget && p.status !== 'draft' && <TopUpsCard programId={p.id} reloadKey={changes} />}
      <Drawer open={!!drawer} size={760} title={drawer === 'edit' ? t('review.programme.edit') : t('review.version.new')} onClose={() => setDrawer(undefined)} destroyOnHidden>
        {drawer === 'edit' && <ProgrammeForm program={p} onDone={done} />}
        {drawer === 'version' && <NewVersionForm program={p} onDone={done} />}
      </Drawer>
    </>
  );
}

/** The ledger's view of a budget: where every fen of it is now. */
function BudgetCard({ programId, reloadKey }: { programId: string; reloadKey: number }) {
  const { t } = useI18n();
  const budget = useApi('/programs/{id}/budget', { params: { path: { id: programId } } }, { deps: [reloadKey] });
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
