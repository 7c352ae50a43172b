import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { Facts, formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi, useLive } from '../../app/data';
import { ActionButton, ApiForm, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp, formatFen } from '@shared/money';
import { useRegions } from '../../app/regions';
import { capText, fullCoverageText, nameIn, ratioRange, windowText } from '../../features/programmes/policy';
import { CaseTimeline, lastDecisionComment } from '../../app/widgets/case-timeline';
import { codedText } from '../../app/finding-reasons';
import { FilteredList } from '../../app/widgets/paged-table';
import { RecordHeader } from '../../app/widgets/record-header';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { type Program, ProgramName } from '../../features/orders/records';
import type { Application } from './records';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';
import { useReasonWords } from '../../app/reason-words';

type Limits = Schema<'ApplicationLimitsDto'>;

/** Statuses in which the workflow is still moving: their pages poll until the state changes. */
const MOVING = ['submitted', 'in_review', 'approved'];

/** Open programmes an enterprise may apply to. */
export function ProgramsPage() {
  const { t, pick } = useI18n();
  const { name: regionName } = useRegions();
  const programs = useApi('/programs', { params: { query: { status: 'open' } } });
  return (
    <>
      <PageHeader title={t('enterprise.programs.title')} sub={t('enterprise.programs.sub')} extra={<RefreshButton onClick={() => void programs.reload()} />} />
      <LoadError error={programs.error} retry={() => void programs.reload()} />
      <ResponsiveTable<Program>
        rowKey="id"
        loading={programs.loading && !programs.data}
        dataSource={programs.data ?? []}
        locale={{ emptyText: t('enterprise.programs.none') }}
        data-testid="programs-table"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('enterprise.program.name'), key: 'name', render: (_, p) => pick(p.name, p.nameEn) },
          { title: t('enterprise.program.region'), dataIndex: 'issuingRegionCode', render: (c: string) => regionName(c) },
          { title: t('enterprise.program.ratio'), render: (_, p) => ratioRange(p.ratioBpByTier) },
          { title: t('enterprise.program.perApplicationCap'), align: 'right', render: (_, p) => capText(p.perApplicationCapFen, t) },
          { title: t('enterprise.program.mode'), dataIndex: 'redemptionMode', render: (m: string) => <Tag>{t(`claim.redemptionMode.${m}`)}</Tag> },
          { title: t('enterprise.program.useBy'), dataIndex: 'useBy' },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Link to={`/enterprise/programs/${p.id}/apply`}>
                <Button type="primary" size="small" icon={<FileAddOutlined />} data-testid={`apply-${p.id}`}>{t('enterprise.programs.apply')}</Button>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

function useLimits(programId: string | undefined) {
  return useApi('/programs/{id}/limits', programId ? { params: { path: { id: programId } } } : null);
}

/** The caller's caps for a programme: its tier and ratio, caps used and remaining ("no cap" where the policy sets none), the window. */
function LimitsCard({ limits }: { limits: Limits }) {
  const { t, label, lang } = useI18n();
  const own = limits.applicantKind === 'team' ? 'team' : 'enterprise';
  const usage = (used: number | null, cap: number | null, remaining: number | null) =>
    cap === null
      ? `${t('enterprise.limits.used', { used: formatFen(used ?? 0) })} · ${capText(null, t)}`
      : `${t('enterprise.limits.usedOf', { used: formatFen(used), cap: formatFen(cap) })} · ${t('enterprise.limits.remaining', { amount: formatFen(remaining) })}`;
  return (
    <Card title={t('enterprise.limits.title')} size="small" style={{ marginBottom: 16 }} data-testid="limits">
      {!limits.acceptingApplications && (
        <Alert type="warning" showIcon title={t('enterprise.limits.notAccepting')} description={limits.notAcceptingReason} style={{ marginBottom: 12 }} data-testid="limits-not-accepting" />
      )}
      <Descriptions column={1} size="small" styles={{ content: { minWidth: 0, overflowWrap: 'anywhere' } }}>
        <Descriptions.Item label={t('enterprise.limits.tier')}>
          <span data-testid="limits-tier">{limits.tier === null ? t('enterprise.limits.noTier') : nameIn(lang, { nameZh: limits.tierNameZh, nameEn: limits.tierNameEn })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.ratio')}>
          <span data-testid="limits-ratio">{formatBp(limits.ratioBp)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.fullCoverage')}>
          <span data-testid="limits-full-coverage">{fullCoverageText(limits.fullCoverageThresholdFen, limits.fullCoverageComparison, t)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.perApplication')}>{capText(limits.perApplicationCapFen, t)}</Descriptions.Item>
        <Descriptions.Item label={t(`enterprise.limits.${own}`)}>
          <span data-testid="limits-own">{usage(limits.enterpriseUsedFen, limits.annualCapEnterpriseFen, limits.enterpriseRemainingFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.group')}>
          {limits.groupUsedFen === null ? t('enterprise.limits.noGroup') : usage(limits.groupUsedFen, limits.annualCapGroupFen, limits.groupRemainingFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.budget')}><Money fen={limits.budgetAvailableFen} /></Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.max')}>
          <Typography.Text strong data-testid="limits-max">{formatFen(limits.maxRequestableFen)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.window')}>
          <span data-testid="limits-window">{windowText(limits.opensOn, limits.closesOn, t)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.dates')}>{t('enterprise.limits.datesValue', { useBy: limits.useBy, redeemBy: limits.redeemBy })}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.program.mode')}>{t(`claim.redemptionMode.${limits.redemptionMode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.limits.qualifications')}>
          {limits.qualifications.length === 0
            ? t('enterprise.limits.noQualifications')
            : (
                <Space size={[4, 4]} wrap>
                  {limits.qualifications.map((q) => (
                    <Tag key={q.certificateNo} color={q.validToday ? 'green' : 'default'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                      {label('qualification.kind', q.kind)} · {q.validToday ? t('enterprise.limits.validTo', { date: q.validTo }) : t('enterprise.limits.notValid')}
                    </Tag>
                  ))}
                </Space>
              )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** What binds the request: the smallest of the caps the policy sets (per application, enterprise, group) and the budget. */
function bindingCap(limits: Limits): string {
  const caps: [string, number | null][] = [
    ['perApplication', limits.perApplicationCapFen],
    ['enterprise', limits.enterpriseRemainingFen],
    ['group', limits.groupRemainingFen],
    ['budget', limits.budgetAvailableFen],
  ];
  // A cap the policy does not set (null) binds nothing; the budget is always there.
  return caps.filter(([, v]) => v !== null).sort((a, b) => (a[1] as number) - (b[1] as number))[0][0];
}

/** Live hint under the amount: within the caps, or which cap it exceeds; and what the voucher can buy. */
function RequestHint({ limits, amount }: { limits: Limits | undefined; amount: number | undefined }) {
  const { t } = useI18n();
  if (!limits) return null;
  if (amount === undefined || Number.isNaN(amount) || amount <= 0) {
    return <Alert type="info" showIcon title={t('enterprise.hint.enter', { max: formatFen(limits.maxRequestableFen) })} data-testid="request-hint" data-state="empty" style={{ marginBottom: 16 }} />;
  }
  if (amount > limits.maxRequestableFen) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('enterprise.hint.over', { max: formatFen(limits.maxRequestableFen), cap: t(`enterprise.hint.cap.${bindingCap(limits)}`) })}
        data-testid="request-hint"
        data-state="over"
        style={{ marginBottom: 16 }}
      />
    );
  }
  // A voucher of V at ratio r covers services worth up to V / r (rounded down to the fen).
  const ratioBp = limits.ratioBp ?? 0;
  const covers = ratioBp > 0 ? Math.floor((amount * 10_000) / ratioBp) : 0;
  return (
    <Alert
      type="success"
      showIcon
      title={t('enterprise.hint.within')}
      description={t('enterprise.hint.covers', { ratio: formatBp(ratioBp), amount: formatFen(amount), covers: formatFen(covers) })}
      data-testid="request-hint"
      data-state="within"
      style={{ marginBottom: 16 }}
    />
  );
}

type ApplicationValues = Omit<Schema<'CreateApplicationDto'>, 'programId'>;

/** Amount and purpose, with the live cap hints beside them; shared by the new-application and revise forms. */
function ApplicationFields({ limits }: { limits: Limits | undefined }) {
  const { t } = useI18n();
  const amount = Form.useWatch<number | undefined>('requestedFen');
  return (
    <>
      <Field name="requestedFen" label={t('enterprise.application.requested')}>
        <MoneyInput />
      </Field>
      <RequestHint limits={limits} amount={amount} />
      <Field name="purpose" label={t('enterprise.application.purpose')} extra={t('enterprise.application.purposeHelp')}>
        <Input.TextArea rows={4} showCount maxLength={2000} />
      </Field>
    </>
  );
}

/** A new application (申领) to an open programme: saved as a draft, submitted from its page. */
export function ApplyPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const limits = useLimits(id);
  return (
    <>
      <PageHeader title={t('enterprise.apply.title')} sub={id && <ProgramName id={id} />} />
      <LoadError error={limits.error} retry={() => void limits.reload()} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card>
            <ApiForm<ApplicationValues, Application>
              schema="CreateApplicationDto"
              submit={(v, key) => api.post('/voucher-applications', { body: { programId: id, requestedFen: v.requestedFen, purpose: v.purpose }, idempotencyKey: key })}
              submitLabel={t('enterprise.apply.saveDraft')}
              successMessage={t('enterprise.apply.saved')}
              onDone={(a) => navigate(`/enterprise/applications/${a.id}`)}
              testId="application-form"
            >
              <ApplicationFields limits={limits.data} />
            </ApiForm>
          </Card>
        </Col>
        <Col xs={24} lg={10}>{limits.data && <LimitsCard limits={limits.data} />}</Col>
      </Row>
    </>
  );
}

/** The enterprise's applications, newest first, filterable by status. */
export function ApplicationsPage() {
  const { t } = useI18n();
  return (
    <FilteredList
      title={t('enterprise.applications.title')}
      statuses={['draft', 'submitted', 'in_review', 'returned', 'approved', 'issued', 'rejected', 'withdrawn']}
      extra={<Link to="/enterprise/programs"><Button type="primary" icon={<FileAddOutlined />}>{t('enterprise.applications.new')}</Button></Link>}
      path="/voucher-applications"
      testId="applications-table"
      emptyText={t('enterprise.applications.none')}
      columns={[
        { title: t('enterprise.application.number'), dataIndex: 'number', render: (n: string, a) => <Link to={`/enterprise/applications/${a.id}`}>{n}</Link> },
        { title: t('common.program'), dataIndex: 'programId', render: (p: string) => <ProgramName id={p} /> },
        { title: t('enterprise.application.requested'), dataIndex: 'requestedFen', align: 'right', render: (f: number) => <Money fen={f} /> },
        { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        { title: t('enterprise.application.submittedAt'), dataIndex: 'submittedAt', render: formatTime },
        { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
      ]}
    />
  );
}

/** One application: its facts, the workflow timeline, and what the enterprise may do now (edit, submit, withdraw). */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const i18n = useReasonWords();
  const { t } = i18n;
  const app = useLive('/voucher-applications/{id}', { params: { path: { id } } }, (x) => MOVING.includes(x.status));
  const a = app.data;
  const moving = !!a && MOVING.includes(a.status);
  const editable = a?.status === 'draft' || a?.status === 'returned';
  const limits = useLimits(editable ? a?.programId : undefined);
  const kase = useApi('/approval-cases/{id}', a?.caseId && a.status === 'returned' ? { params: { path: { id: a.caseId } } } : null);
  const reload = () => {
    void app.reload();
    void limits.reload();
  };
  return (
    <>
      <RecordHeader
        title={t('enterprise.application.title')}
        number={a?.number}
        status={a && <StatusTag status={a.status} />}
        onRefresh={reload}
        loading={app.loading}
        extra={
          a &&
          ['draft', 'submitted', 'in_review', 'returned'].includes(a.status) && (
            <ActionButton
              danger
              confirm={t('enterprise.application.withdrawConfirm')}
              action={(key) => api.post('/voucher-applications/{id}/withdraw', { params: { path: { id: a.id } }, idempotencyKey: key })}
              onDone={reload}
              data-testid="application-withdraw"
            >
              {t('enterprise.application.withdraw')}
            </ActionButton>
          )
        }
      />
      <LoadError error={app.error} retry={reload} />
      {a && (
        <>
          {moving && <Alert type="info" showIcon title={t(`enterprise.application.moving.${a.status}`)} style={{ marginBottom: 16 }} data-testid="application-moving" />}
          {a.status === 'returned' && (
            <Alert type="warning" showIcon title={t('enterprise.application.returned')} description={lastDecisionComment(kase.data) ?? a.rejectionReason} style={{ marginBottom: 16 }} data-testid="application-returned" />
          )}
          {a.status === 'rejected' && (
            <Alert
              type="error"
              showIcon
              title={t('enterprise.application.rejected')}
              // A refusal the server made (issuance) comes as a code, shown in the reader's language; a decider's words as written.
              description={codedText(a.rejectionReasonCode, a.rejectionReason, i18n)}
              style={{ marginBottom: 16 }}
              data-testid="application-rejected"
            />
          )}
          {a.status === 'issued' && a.voucherId && (
            <Alert
              type="success"
              showIcon
              title={t('enterprise.application.issued')}
              action={<Link to={`/enterprise/vouchers/${a.voucherId}`}><Button size="small" type="primary" data-testid="application-voucher">{t('enterprise.application.viewVoucher')}</Button></Link>}
              style={{ marginBottom: 16 }}
            />
          )}
          <Facts
            items={[
              [t('enterprise.application.number'), a.number],
              [t('common.program'), <ProgramName key="p" id={a.programId} />],
              [t('enterprise.application.requested'), <Money key="m" fen={a.requestedFen} strong />],
              [t('common.status'), <StatusTag key="s" status={a.status} />],
              [t('enterprise.application.submittedAt'), formatTime(a.submittedAt)],
              [t('common.createdAt'), formatTime(a.createdAt)],
              [t('enterprise.application.purpose'), a.purpose],
            ]}
          />
          {editable && (
            <Row gutter={16}>
              <Col xs={24} lg={14}>
                <Card title={t(a.status === 'draft' ? 'enterprise.application.editDraft' : 'enterprise.application.revise')} style={{ marginBottom: 16 }}>
                  <ApiForm<ApplicationValues, Application>
                    schema="UpdateApplicationDto"
                    initialValues={{ requestedFen: a.requestedFen, purpose: a.purpose }}
                    submit={(v, key) => api.post('/voucher-applications/{id}', { params: { path: { id: a.id } }, body: { requestedFen: v.requestedFen, purpose: v.purpose }, idempotencyKey: key })}
                    submitLabel={t('enterprise.application.save')}
                    successMessage={t('enterprise.apply.saved')}
                    onDone={reload}
                    testId="application-edit-form"
                  >
                    <ApplicationFields limits={limits.data} />
                  </ApiForm>
                </Card>
                <SubmitCard application={a} onDone={reload} />
              </Col>
              <Col xs={24} lg={10}>{limits.data && <LimitsCard limits={limits.data} />}</Col>
            </Row>
          )}
          <CaseTimeline
            caseId={a.caseId}
            pollMs={moving ? 3000 : undefined}
            extra={[{ at: a.createdAt, title: t('enterprise.application.created') }]}
          />
        </>
      )}
    </>
  );
}

/** Submitting starts the approval workflow; a resubmission after a return says what changed. */
function SubmitCard({ application, onDone }: { application: Application; onDone(): void }) {
  const { t } = useI18n();
  const resubmit = application.status === 'returned';
  return (
    <Card title={t(resubmit ? 'enterprise.application.resubmitTitle' : 'enterprise.application.submitTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('enterprise.application.submitHelp')}</Typography.Paragraph>
      <ApiForm<{ note?: string }, Application>
        schema="SubmitApplicationDto"
        submit={(v, key) => api.post('/voucher-applications/{id}/submit', { params: { path: { id: application.id } }, body: v.note ? { note: v.note } : {}, idempotencyKey: key })}
        submitLabel={t(resubmit ? 'enterprise.application.resubmit' : 'enterprise.application.submit')}
        successMessage={t('enterprise.application.submitted')}
        onDone={onDone}
        testId="application-submit-form"
      >
        {resubmit && (
          <Field name="note" label={t('common.whatChanged')}>
            <Input.TextArea rows={2} />
          </Field>
        )}
      </ApiForm>
    </Card>
  );
}
