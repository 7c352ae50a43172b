import { Alert, Button, Card, Col, Empty, Form, Input, Radio, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, History, Money, PageHeader, StatusTag, TimelineItem } from '../../app/common';
import { type GetPath, LoadError, useApi, useLoad } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { findingReasonText } from '../../app/finding-reasons';
import { useCaseTitle } from '../../app/case-title';
import { useI18n } from '../../app/i18n';
import { CertificateButton, QualificationStatusWithRevoke } from '../../features/qualifications/qualifications';
import { ClaimButtons, ClaimTag, DECISIONS, SUBJECT_TYPES } from './inbox';
import { FormAction } from '../../app/widgets/form-action';
import { PagedTable, rowProps, usePagedList } from '../../app/widgets/paged-table';
import { CommentField, DueCell, Filters, FilterValues, inboxPath, OrgName, ProgramLink, RegionName, useEnumOptions } from './shared';
import type { Case, CaseDetail, Finding, Revision, Task } from './types';
import { useReasonWords } from '../../app/reason-words';

type T = (key: string, vars?: Record<string, string | number>) => string;
type Label = (group: string, value: string | null | undefined) => string;
type Fact = [ReactNode, ReactNode];
type SubjectRecord = Record<string, unknown>;

const CASE_STATUSES = ['open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn'] as const;

/** Queued work is still moving the case: no person can act until it lands (pre-checks, the next stage, the outcome). */
export function caseInFlight(detail: CaseDetail | undefined): boolean {
  if (!detail) return false;
  const c = detail.case;
  if (c.outcome) return !c.outcomeAppliedAt;
  if (c.status === 'waiting') return false;
  return !detail.tasks.some((task) => task.status === 'open');
}

/** How each kind of subject is fetched and summarised; the API's own endpoint decides who may read it. */
const SUBJECTS: Record<string, { path: GetPath; facts(r: SubjectRecord, t: T, label: Label): Fact[]; documents?(r: SubjectRecord, t: T): Fact[] }> = {
  voucher_application: {
    path: '/voucher-applications/{id}',
    facts: (a, t) => [
      [t('review.f.number'), a.number as string],
      [t('review.f.enterprise'), <OrgName id={a.enterpriseId as string} />],
      [t('review.f.programme'), <ProgramLink id={a.programId as string} />],
      [t('review.f.requested'), <Money fen={a.requestedFen as number} strong />],
      [t('review.f.purpose'), a.purpose as string],
      [t('common.status'), <StatusTag status={a.status as string} />],
      [t('review.f.submittedAt'), formatTime(a.submittedAt as string | null)],
    ],
  },
  redemption_claim: {
    path: '/redemption-claims/{id}',
    facts: (c, t, label) => [
      [t('review.f.number'), c.number as string],
      [t('review.f.payee'), <OrgName id={c.payeeOrgId as string} />],
      [t('review.f.programme'), <ProgramLink id={c.programId as string} />],
      [t('review.f.claimAmount'), <Money fen={c.amountFen as number} strong />],
      [t('review.f.mode'), label('review.mode', c.mode as string)],
      [t('common.status'), <StatusTag status={c.status as string} />],
    ],
    documents: (c, t) => [
      [t('review.doc.contractNo'), c.contractNo as string],
      [t('review.doc.invoiceNo'), c.invoiceNo as string],
      [t('review.doc.paymentProof'), c.paymentProof as string],
      [t('review.doc.reportNo'), c.reportNo as string],
    ],
  },
  provider_admission: {
    path: '/organizations/{id}',
    facts: (o, t, label) => [
      [t('review.f.provider'), o.name as string],
      [t('review.f.uscc'), o.uscc as string],
      [t('common.region'), <RegionName code={o.regionCode as string} />],
      [t('review.f.providerKind'), label('review.providerKind', o.providerKind as string)],
      [t('review.f.accreditations'), ((o.accreditations as string[]) ?? []).map((a) => <Tag key={a}>{a}</Tag>)],
      [t('review.f.admission'), <StatusTag status={o.admissionStatus as string} />],
      [t('review.f.noticeEnds'), formatTime(o.publicNoticeEndsAt as string | null)],
    ],
  },
  qualification_verification: {
    path: '/qualifications/{id}',
    facts: (q, t, label) => {
      const certificate = q.certificate as { fileName: string } | null;
      return [
        [t('review.f.enterprise'), <OrgName id={q.organizationId as string} />],
        [t('qualification.kind'), label('qualification.kind', q.kind as string)],
        [t('qualification.certificateNo'), q.certificateNo as string],
        [t('qualification.issuer'), (q.issuer as string | null) ?? '—'],
        [t('qualification.validity'), `${q.validFrom as string} ~ ${q.validTo as string}`],
        [t('common.status'), <QualificationStatusWithRevoke qualification={{ id: q.id as string, status: q.status as string }} />],
        [t('qualification.certificate'), certificate ? <CertificateButton qualificationId={q.id as string} fileName={certificate.fileName} testId="case-certificate" /> : t('review.qual.noFile')],
      ];
    },
  },
  controller_group_change: {
    path: '/controller-group-change-requests/{id}',
    facts: (r, t) => [
      [t('review.f.enterprise'), <OrgName id={r.enterpriseId as string} />],
      [t('review.cg.action'), t(`review.cg.action.${r.action as string}`)],
      [t('review.cg.fromGroup'), groupLink(r.fromGroupId, r.fromGroupName)],
      ...(r.action === 'join' ? [[t('review.cg.targetGroup'), groupLink(r.targetGroupId, r.targetGroupName)] as Fact] : []),
      ...(r.action === 'create' ? [[t('review.cg.newGroup'), r.newGroupName as string] as Fact, [t('review.cg.newController'), r.newControllerName as string] as Fact] : []),
      [t('common.status'), <StatusTag status={r.status as string} />],
      ...(r.resultingGroupId ? [[t('review.cg.resulting'), groupLink(r.resultingGroupId, r.resultingGroupName)] as Fact] : []),
    ],
    documents: (r, t) => [
      [t('review.cg.statement'), <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.statement as string}</Typography.Paragraph>],
      [t('review.cg.documents'), ((r.documentRefs as string[]) ?? []).map((d) => <Tag key={d}>{d}</Tag>)],
    ],
  },
  roadshow_project: {
    path: '/roadshow-projects/{id}',
    facts: (p, t, label) => [
      [t('review.f.number'), p.number as string],
      [t('review.f.project'), p.title as string],
      [t('review.f.industry'), label('review.industry', p.industry as string)],
      [t('review.f.financingStage'), label('review.financingStage', p.stage as string)],
      [t('review.f.financingAsk'), <Money fen={p.financingAskFen as number} />],
      [t('common.region'), <RegionName code={p.regionCode as string} />],
      [t('review.f.team'), ((p.team as { name: string }[]) ?? []).map((m) => m.name).join('、') || '—'],
      [t('common.status'), <StatusTag status={p.status as string} />],
    ],
  },
};

/** A group named in a change request, linked to the bureau's group page (the enterprise's bureaus can open it). */
function groupLink(id: unknown, name: unknown): ReactNode {
  if (!id) return '—';
  return <Link to={`/review/controller-groups/${id as string}`}>{(name as string | null) ?? (id as string).slice(0, 8)}</Link>;
}

/** The case as deciders see it: subject, pre-checks, documents, revisions, tasks, timeline, and the decision. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const caseTitle = useCaseTitle();
  const me = useMe();
  const navigate = useNavigate();
  const [poll, setPoll] = useState(false);
  const detail = useApi('/approval-cases/{id}', { params: { path: { id } } }, { pollMs: poll ? 1500 : undefined });
  useEffect(() => setPoll(caseInFlight(detail.data)), [detail.data]);
  const reload = () => void detail.reload();
  const d = detail.data;
  if (!d) return detail.error ? <LoadError error={detail.error} retry={reload} /> : <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  const c = d.case;
  const mine = c.applicantOrgId === me.organization.id;
  const task = mine ? undefined : d.tasks.find((x) => x.status === 'open' && (x.deciderRoles.includes(me.user.role) || x.escalatedToRole === me.user.role));
  const latest = d.findings.length ? Math.max(...d.findings.map((f) => f.revision)) : 0;

  return (
    <>
      <PageHeader
        title={caseTitle(c)}
        sub={`${label('review.subject', c.subjectType)} · ${c.definitionKey} v${c.definitionVersion}`}
        extra={
          <>
            <span data-testid="case-status">
              <StatusTag status={c.status} group="review.caseStatus" />
            </span>
            <Button onClick={reload}>{t('action.refresh')}</Button>
            <Button onClick={() => navigate(inboxPath(me.user.role))}>{t('review.case.backToInbox')}</Button>
          </>
        }
      />
      <LoadError error={detail.error} retry={reload} />
      {poll && (
        <Alert type="info" showIcon icon={<Spin size="small" />} style={{ marginBottom: 16 }} title={t('review.case.advancing')} data-testid="case-advancing" />
      )}
      {c.status === 'waiting' && c.timerDueAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('review.case.noticeRunning', { until: formatTime(c.timerDueAt) })} action={mine || me.organization.kind === 'agency' ? undefined : <ObjectionButton caseId={c.id} onDone={reload} />} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Facts
            title={t('review.case.summary')}
            items={[
              [t('review.subjectType'), label('review.subject', c.subjectType)],
              [t('review.case.stage'), c.currentStageKey ? label('review.stage', c.currentStageKey) : '—'],
              [t('review.case.revision'), c.revision],
              [t('common.region'), <RegionName code={c.regionCode} />],
              [t('common.amount'), <Money fen={c.amountFen} strong />],
              [t('review.case.outcome'), c.outcome ? <StatusTag status={c.outcome} /> : '—'],
              [t('common.createdAt'), formatTime(c.createdAt)],
              [t('review.case.closedAt'), formatTime(c.closedAt)],
              [t('review.case.outcomeApplied'), formatTime(c.outcomeAppliedAt)],
            ]}
          />
          <SubjectCard kase={c} revisions={d.revisions} />
          <Card title={t('review.case.findings')} style={{ marginBottom: 16 }} data-testid="findings">
            <FindingsTable findings={d.findings.filter((f) => f.revision === latest)} />
          </Card>
          <RevisionsCard revisions={d.revisions} />
          <TasksCard detail={d} />
        </Col>
        <Col xs={24} xl={8}>
          {task && <DecisionCard key={task.id} task={task} onDone={() => {
            setPoll(true);
            reload();
          }} onClaim={reload} />}
          <Card title={t('review.case.timeline')} data-testid="case-timeline">
            <History items={d.timeline.map((e) => timelineItem(e, t, label))} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function SubjectCard({ kase, revisions }: { kase: Case; revisions: Revision[] }) {
  const { t, label } = useI18n();
  const kind = SUBJECTS[kase.subjectType];
  // The subject changes when the case does (an outcome issues the voucher, rejects the claim, …).
  const subject = useLoad<SubjectRecord>(kind?.path ?? '', kind ? { params: { path: { id: kase.subjectId } } } : null, { deps: [kase.status, kase.outcomeAppliedAt] });
  if (kind && subject.data) {
    return (
      <>
        <div data-testid="case-subject">
          <Facts title={t('review.case.subject')} items={kind.facts(subject.data, t, label)} />
        </div>
        {kind.documents && (
          <div data-testid="claim-documents">
            <Facts title={t('review.case.documents')} items={kind.documents(subject.data, t)} />
          </div>
        )}
      </>
    );
  }
  if (kind && !subject.error) return <Card loading title={t('review.case.subject')} style={{ marginBottom: 16 }} />;
  // The subject is not readable here (or of an unknown kind): show what was submitted for decision.
  const snapshot = revisions[revisions.length - 1]?.snapshot ?? {};
  return <Facts title={t('review.case.snapshot')} items={Object.entries(snapshot).map(([k, v]) => [k, /Fen$/.test(k) ? <Money fen={v as number} /> : showValue(v)])} />;
}

function showValue(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function FindingsTable({ findings }: { findings: Finding[] }) {
  const i18n = useReasonWords();
  const { t, label, lang } = i18n;
  if (!findings.length) return <Empty description={t('review.case.noFindings')} />;
  return (
    <Table<Finding>
      rowKey={(f) => `${f.revision}:${f.stageIndex}:${f.check}`}
      size="small"
      pagination={false}
      dataSource={findings}
      onRow={(f) => rowProps(`finding-${f.check}`)}
      columns={[
        { title: t('review.finding.check'), dataIndex: 'check', render: (v: string) => label('review.check', v) },
        { title: t('review.finding.outcome'), dataIndex: 'outcome', width: 100, render: (v: string) => <StatusTag status={v} /> },
        {
          title: t('review.finding.reasons'),
          dataIndex: 'reasons',
          // Coded reasons in the reader's language; findings from before codes existed keep their text.
          render: (v: string[], f) => {
            const texts = f.reasonCodes.length ? f.reasonCodes.map((r) => findingReasonText(r, i18n)) : v;
            return texts.length ? texts.join(lang === 'en' ? '; ' : '；') : '—';
          },
        },
      ]}
    />
  );
}

function RevisionsCard({ revisions }: { revisions: Revision[] }) {
  const { t } = useI18n();
  if (revisions.length < 2) return null;
  return (
    <Card title={t('review.case.revisions')} style={{ marginBottom: 16 }} data-testid="revisions">
      {revisions.slice(1).map((r) => (
        <div key={r.revision} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('review.revision', { n: r.revision })}</Typography.Text> <Typography.Text type="secondary">{formatTime(r.createdAt)}</Typography.Text>
          {r.note && <div>{t('review.case.revisionNote', { note: r.note })}</div>}
          <Table
            rowKey="path"
            size="small"
            pagination={false}
            dataSource={r.diff}
            locale={{ emptyText: t('review.case.noChanges') }}
            columns={[
              { title: t('review.diff.field'), dataIndex: 'path' },
              { title: t('review.diff.before'), dataIndex: 'before', render: (v: unknown, row) => (/Fen$/.test(row.path) ? <Money fen={v as number} /> : showValue(v)) },
              { title: t('review.diff.after'), dataIndex: 'after', render: (v: unknown, row) => (/Fen$/.test(row.path) ? <Money fen={v as number} /> : showValue(v)) },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}

function TasksCard({ detail }: { detail: CaseDetail }) {
  const { t, label, pick } = useI18n();
  const comments = new Map<string, string[]>();
  for (const d of detail.decisions) comments.set(d.taskId, [...(comments.get(d.taskId) ?? []), `${label('review.decision', d.decision)}${d.comment ? `：${d.comment}` : ''}`]);
  return (
    <Card title={t('review.case.tasks')} style={{ marginBottom: 16 }}>
      <Table<Task>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.tasks}
        scroll={{ x: 700 }}
        columns={[
          { title: t('review.stage'), key: 'stage', render: (_, task) => <><span data-testid="task-stage">{pick(task.stageName, task.stageNameEn)}</span>{task.kind === 'objection_review' && <Tag color="magenta" style={{ marginLeft: 4 }}>{t('review.task.objectionReview')}</Tag>}</> },
          { title: t('review.case.revision'), dataIndex: 'revision', width: 70 },
          { title: t('common.status'), key: 'status', render: (_, task) => <Space size={4}><StatusTag status={task.status} group="review.taskStatus" /><ClaimTag task={task} /></Space> },
          { title: t('review.sla.due'), key: 'due', render: (_, task) => <DueCell task={task} /> },
          { title: t('review.case.decisions'), key: 'decisions', render: (_, task) => (comments.get(task.id) ?? []).map((c, i) => <div key={i}>{c}</div>) },
        ]}
      />
    </Card>
  );
}

type DecisionValues = Schema<'DecisionDto'>;

/** Approve, return or reject the open task; return and reject need a comment. */
function DecisionCard({ task, onDone, onClaim }: { task: Task; onDone(): void; onClaim(): void }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const blocked = !!task.claimedBy && task.claimedBy !== me.user.id;
  return (
    <Card title={t('review.decision.title')} style={{ marginBottom: 16 }} extra={<ClaimButtons task={task} onDone={onClaim} size="small" />} data-testid="decision-card">
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        <Typography.Text>
          {pick(task.stageName, task.stageNameEn)} · <DueCell task={task} />
        </Typography.Text>
        {blocked && <Alert type="warning" showIcon title={t('review.decision.claimedByOther')} />}
      </Space>
      <ApiForm<DecisionValues, Task>
        form={form}
        schema="DecisionDto"
        testId="decision-form"
        submitLabel={decision ? t(`review.decision.confirm.${decision}`) : t('review.decision.submit')}
        successMessage={t('review.decision.recorded')}
        submit={(v, key) => api.post('/approval-tasks/{id}/decision', { params: { path: { id: task.id } }, body: { decision: v.decision, comment: v.comment?.trim() || undefined }, idempotencyKey: key })}
        onDone={onDone}
      >
        <Field name="decision" label={t('review.decision.choice')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {DECISIONS.map((d) => (
              <Radio.Button key={d} value={d}>
                <span data-testid={`decision-${d}`}>{t(`review.decision.${d}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Field>
        <CommentField required={!!decision && decision !== 'approve'} />
      </ApiForm>
    </Card>
  );
}

/** 公示异议: anyone but the applicant may object while a public notice runs; the notice stops for review. */
function ObjectionButton({ caseId, onDone }: { caseId: string; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormAction<{ reason: string }, Case>
      label={t('review.objection.raise')}
      title={t('review.objection.title')}
      intro={t('review.objection.intro')}
      testId="objection-raise"
      schema="ObjectionDto"
      submit={(v, key) => api.post('/approval-cases/{id}/objections', { params: { path: { id: caseId } }, body: v, idempotencyKey: key })}
      successMessage={t('review.objection.raised')}
      onDone={onDone}
      buttonProps={{ size: 'small', danger: true }}
    >
      <Field name="reason" label={t('review.objection.reason')}>
        <Input.TextArea rows={4} />
      </Field>
    </FormAction>
  );
}

const TIMELINE_KEYS = ['stage', 'decision', 'comment', 'reason', 'note', 'status', 'outcome', 'escalatedToRole', 'pass', 'warn', 'fail', 'definition', 'revision'];

function timelineItem(e: CaseDetail['timeline'][number], t: T, label: Label): TimelineItem {
  const details = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  // Stage indexes mean nothing to people; stage keys, decisions, states and roles are shown in words.
  const shown: Record<string, (v: string) => string> = {
    stage: (v) => label('review.stage', v),
    decision: (v) => label('review.decision', v),
    status: (v) => label('review.caseStatus', v),
    outcome: (v) => label('review.caseStatus', v),
    escalatedToRole: (v) => label('role', v),
  };
  const parts = TIMELINE_KEYS.filter((k) => details[k] !== undefined && details[k] !== null && details[k] !== '' && !(k === 'stage' && typeof details[k] === 'number')).map(
    (k) => `${t(`review.timeline.${k}`)}：${(shown[k] ?? String)(String(details[k]))}`,
  );
  const color = /approved|outcome_applied/.test(e.action) ? 'green' : /rejected/.test(e.action) ? 'red' : /returned|escalated|objection/.test(e.action) ? 'orange' : 'blue';
  return {
    at: e.at,
    color,
    title: `${label('review.action', e.action)}${e.actorRole ? ` · ${label('role', e.actorRole)}` : ''}`,
    detail: parts.length ? <Typography.Text type="secondary">{parts.join('；')}</Typography.Text> : undefined,
  };
}

/** Cases for oversight: everything in the reader's scope, by status and kind. */
export function CasesPage() {
  const { t, label } = useI18n();
  const caseTitle = useCaseTitle();
  const [filters, setFilters] = useState<FilterValues>({});
  const cases = usePagedList('/approval-cases', { params: { query: { status: filters.status as string, subjectType: filters.subjectType as string } } });
  const statusOptions = useEnumOptions('review.caseStatus', CASE_STATUSES);
  const subjectOptions = useEnumOptions('review.subject', SUBJECT_TYPES);
  return (
    <>
      <PageHeader title={t('review.cases.title')} sub={t('review.cases.sub')} extra={<Button onClick={() => void cases.reload()}>{t('action.refresh')}</Button>} />
      <Filters
        defs={[
          { key: 'status', label: t('common.status'), options: statusOptions },
          { key: 'subjectType', label: t('review.subjectType'), options: subjectOptions },
        ]}
        value={filters}
        onChange={setFilters}
      />
      <PagedTable<Case>
        testId="cases-table"
        list={cases}
        onRow={(c) => rowProps(`case-row-${c.id}`)}
        columns={[
          { title: t('review.case'), key: 'title', render: (_, c) => <Link to={`/review/cases/${c.id}`}>{caseTitle(c)}</Link> },
          { title: t('review.subjectType'), dataIndex: 'subjectType', render: (v: string) => label('review.subject', v) },
          { title: t('review.case.stage'), dataIndex: 'currentStageKey', render: (v: string | null) => (v ? label('review.stage', v) : '—') },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} group="review.caseStatus" /> },
          { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('common.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number | null) => <Money fen={v} /> },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('review.case.closedAt'), dataIndex: 'closedAt', render: (v: string | null) => formatTime(v) },
        ]}
      />
    </>
  );
}
