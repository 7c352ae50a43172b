import { Alert, Button, Card, Col, Descriptions, Empty, Input, InputNumber, Progress, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useReducer, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, downloadFile, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Money, PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { IndustryTags } from './shared';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type Round = Schema<'RoundDto'>;
type ReviewTask = Schema<'ReviewTaskDto'>;
type Rubric = Schema<'RubricDto'>;
type Aggregate = Schema<'ScoreAggregateDto'>;

/** A criterion's name in the portal's language (rubrics carry both). */
function useCriterionName() {
  const { pick } = useI18n();
  return (rubric: Rubric, key: string) => {
    const c = rubric.criteria.find((x) => x.key === key);
    return c ? pick(c.name, c.nameEn) : key;
  };
}

/** The aggregated weighted scores: the mean on the rubric's scale, and each criterion's mean with its weight. */
export function AggregateView({ rubric, aggregate, testId }: { rubric: Rubric; aggregate: Aggregate; testId?: string }) {
  const { t, pick } = useI18n();
  if (aggregate.reviews === 0) return <Typography.Text type="secondary">{t('roadshow.review.noScores')}</Typography.Text>;
  return (
    <div data-testid={testId}>
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="aggregate-mean">
          {aggregate.weightedMean?.toFixed(2)}
        </Typography.Title>
        <Typography.Text type="secondary">{t('roadshow.review.meanOf', { n: aggregate.reviews, min: rubric.scaleMin, max: rubric.scaleMax })}</Typography.Text>
      </Space>
      {rubric.criteria.map((c) => (
        <Row key={c.key} gutter={8} align="middle" style={{ marginTop: 4 }}>
          <Col flex="9em">
            {pick(c.name, c.nameEn)} <Typography.Text type="secondary">{c.weight}%</Typography.Text>
          </Col>
          <Col flex="auto">
            <Progress percent={Math.round(((aggregate.criteria[c.key] ?? 0) / rubric.scaleMax) * 100)} format={() => (aggregate.criteria[c.key] ?? 0).toFixed(1)} size="small" />
          </Col>
        </Row>
      ))}
    </div>
  );
}

/** 我的评审: the reviewer's inbox (any signed-in user the organisers put in the expert pool). */
export function ReviewInboxPage() {
  const { t, label } = useI18n();
  const tasks = useApi('/me/roadshow-reviews');
  return (
    <>
      <PageHeader title={t('roadshow.menu.myReviews')} sub={t('roadshow.review.inboxSub')} extra={<Button onClick={() => void tasks.reload()}>{t('action.refresh')}</Button>} />
      <Card>
        <LoadError error={tasks.error} retry={() => void tasks.reload()} />
        <ResponsiveTable<ReviewTask>
          rowKey="assignmentId"
          loading={tasks.loading}
          dataSource={tasks.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          data-testid="review-inbox"
          locale={{ emptyText: t('roadshow.review.inboxEmpty') }}
          columns={[
            { title: t('roadshow.review.round'), key: 'code', render: (_, r) => <Link to={`/roadshow/reviews/${r.assignmentId}`}>{r.roundCode}</Link> },
            { title: t('roadshow.project.industry'), dataIndex: 'industry', render: (v: string) => <IndustryTags values={[v]} /> },
            { title: t('roadshow.project.stage'), dataIndex: 'stage', render: (v: string) => label('roadshow.stage', v) },
            { title: t('roadshow.review.blind'), dataIndex: 'blind', render: (b: boolean) => (b ? <Tag color="purple">{t('roadshow.review.blindTag')}</Tag> : '—') },
            { title: t('roadshow.review.myStatus'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.assignment" /> },
            { title: t('roadshow.review.roundStatus'), dataIndex: 'roundStatus', render: (s: string) => <StatusTag status={s} group="roadshow.round" /> },
            { title: t('roadshow.review.assignedAt'), dataIndex: 'assignedAt', render: formatTime },
          ]}
        />
      </Card>
    </>
  );
}

/** One review: declare conflicts → read the project (redacted in a blind round) → score with the rubric → submit. */
export function ReviewTaskPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const criterion = useCriterionName();
  const [rev, bump] = useReducer((x: number) => x + 1, 0);
  const task = useApi('/roadshow-review-assignments/{id}', { params: { path: { id } } }, { deps: [rev] });
  const [conflicted, setConflicted] = useState(false);
  const r = task.data;
  if (!r) return <LoadError error={task.error} retry={() => void task.reload()} />;
  const p = r.project;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="review-code">{r.roundCode}</span>
            <StatusTag status={r.status} group="roadshow.assignment" />
            {r.blind && <Tag color="purple">{t('roadshow.review.blindTag')}</Tag>}
          </Space>
        }
        sub={t('roadshow.review.taskSub')}
        extra={<Button onClick={bump}>{t('action.refresh')}</Button>}
      />
      {r.status === 'excluded' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="review-excluded" title={t('roadshow.review.excludedTitle')} description={label('roadshow.exclusion', r.exclusionReason)} />}
      {r.status === 'assigned' && (
        <Card title={t('roadshow.review.declareTitle')} style={{ marginBottom: 16 }} data-testid="declare-card">
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('roadshow.project.industry')}>{label('roadshow.industry', r.industry)}</Descriptions.Item>
            <Descriptions.Item label={t('roadshow.project.stage')}>{label('roadshow.stage', r.stage)}</Descriptions.Item>
            <Descriptions.Item label={t('roadshow.review.applicant')}>{r.applicantName ?? t('roadshow.review.hidden')}</Descriptions.Item>
          </Descriptions>
          <ApiForm<Schema<'DeclareConflictDto'>, ReviewTask>
            schema="DeclareConflictDto"
            testId="declare-form"
            initialValues={{ conflicted: false }}
            onValuesChange={(_, all) => setConflicted(!!all.conflicted)}
            submit={(values, key) => api.post('/roadshow-review-assignments/{id}/declaration', { params: { path: { id } }, body: values, idempotencyKey: key })}
            onDone={bump}
            submitLabel={t('roadshow.review.declare')}
          >
            <Field name="conflicted" label={t('roadshow.review.hasConflict')}>
              <Radio.Group
                data-testid="declare-choice"
                options={[
                  { value: false, label: t('roadshow.review.noConflict') },
                  { value: true, label: t('roadshow.review.yesConflict') },
                ]}
              />
            </Field>
            {conflicted && (
              <>
                <Field name="relation" label={t('roadshow.review.relation')}>
                  <Select data-testid="declare-relation" options={['employment', 'shareholding', 'family', 'collaboration', 'competitor', 'other'].map((v) => ({ value: v, label: label('roadshow.relation', v) }))} />
                </Field>
                <Field name="reason" label={t('roadshow.review.reason')}>
                  <Input.TextArea rows={2} maxLength={1000} data-testid="declare-reason" />
                </Field>
              </>
            )}
          </ApiForm>
        </Card>
      )}
      {p && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card title={p.title} style={{ marginBottom: 16 }} data-testid="review-project">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('roadshow.review.applicant')}>{p.applicantName ?? t('roadshow.review.hidden')}</Descriptions.Item>
                {p.projectNumber && <Descriptions.Item label={t('roadshow.review.number')}>{p.projectNumber}</Descriptions.Item>}
                <Descriptions.Item label={t('roadshow.project.industry')}>{label('roadshow.industry', p.industry)}</Descriptions.Item>
                <Descriptions.Item label={t('roadshow.project.stage')}>{label('roadshow.stage', p.stage)}</Descriptions.Item>
                <Descriptions.Item label={t('roadshow.project.ask')}>
                  <Money fen={p.financingAskFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('roadshow.project.summary')}>{p.summary || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('roadshow.project.team')}>{p.team.join('，') || '—'}</Descriptions.Item>
              </Descriptions>
              {p.hasDeck && (
                <Button style={{ marginTop: 8 }} data-testid="review-deck" onClick={() => void downloadFile(`/roadshow-review-assignments/${id}/deck`, 'deck.pdf')}>
                  {t('roadshow.review.deck')}
                </Button>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('roadshow.review.scoreTitle', { version: r.rubric.version })} style={{ marginBottom: 16 }} data-testid="score-card">
              {r.status === 'submitted' ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong data-testid="my-weighted">
                    {t('roadshow.review.myWeighted', { score: r.weightedScore?.toFixed(2) ?? '—' })}
                  </Typography.Text>
                  {r.rubric.criteria.map((c) => (
                    <div key={c.key}>
                      {criterion(r.rubric, c.key)}：{r.scores?.[c.key]}
                    </div>
                  ))}
                  <Typography.Paragraph type="secondary">{r.comment}</Typography.Paragraph>
                </Space>
              ) : r.roundStatus !== 'open' ? (
                <Empty description={t('roadshow.review.roundClosed')} />
              ) : (
                <ApiForm<{ scores: Record<string, number>; comment: string; commentShareable: boolean }, ReviewTask>
                  testId="score-form"
                  initialValues={{ commentShareable: true, scores: {} }}
                  submit={(values, key) => api.post('/roadshow-review-assignments/{id}/review', { params: { path: { id } }, body: values, idempotencyKey: key })}
                  onDone={bump}
                  submitLabel={t('roadshow.review.submit')}
                  successMessage={t('roadshow.review.submitted')}
                >
                  {r.rubric.criteria.map((c) => (
                    <Field key={c.key} name={['scores', c.key]} label={`${criterion(r.rubric, c.key)} · ${c.weight}%`} rules={[{ required: true }]}>
                      <InputNumber min={r.rubric.scaleMin} max={r.rubric.scaleMax} precision={0} data-testid={`score-${c.key}`} addonAfter={`${r.rubric.scaleMin}–${r.rubric.scaleMax}`} />
                    </Field>
                  ))}
                  <Field name="comment" label={t('roadshow.review.comment')} rules={[{ required: true, min: 10 }]}>
                    <Input.TextArea rows={4} maxLength={4000} data-testid="score-comment" />
                  </Field>
                  <Field name="commentShareable" label={t('roadshow.review.shareable')} valuePropName="checked">
                    <Switch />
                  </Field>
                </ApiForm>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

/** 项目筛选: the organisers' list of screening rounds. */
export function ReviewRoundsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>('open');
  const rounds = useApi('/roadshow-review-rounds', { params: { query: status ? { status } : {} } }, { deps: [status] });
  return (
    <>
      <PageHeader
        title={t('roadshow.menu.reviewRounds')}
        sub={t('roadshow.review.roundsSub')}
        extra={
          <Space wrap>
            <Select
              style={{ width: 160 }}
              allowClear
              value={status}
              onChange={setStatus}
              placeholder={t('common.status')}
              aria-label={t('common.status')}
              options={['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'].map((s) => ({ value: s, label: t(`roadshow.round.${s}`) }))}
            />
            <Button onClick={() => void rounds.reload()}>{t('action.refresh')}</Button>
          </Space>
        }
      />
      <Card>
        <LoadError error={rounds.error} retry={() => void rounds.reload()} />
        <Table<Round>
          rowKey="id"
          loading={rounds.loading}
          dataSource={rounds.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          data-testid="round-table"
          locale={{ emptyText: t('roadshow.review.noRounds') }}
          columns={[
            { title: t('roadshow.project.title'), key: 'p', render: (_, r) => <Link to={`/roadshow/review-rounds/${r.id}`}>{r.projectTitle}</Link> },
            { title: t('roadshow.review.applicant'), dataIndex: 'applicantName' },
            { title: t('roadshow.review.round'), dataIndex: 'roundNo', render: (n: number) => t('roadshow.review.roundNo', { n }) },
            { title: t('roadshow.review.progress'), key: 'progress', render: (_, r) => `${r.aggregate.reviews} / ${r.minReviews}` },
            { title: t('roadshow.review.weightedMean'), key: 'mean', render: (_, r) => r.aggregate.weightedMean?.toFixed(2) ?? '—' },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.round" /> },
            { title: t('roadshow.review.openedAt'), dataIndex: 'openedAt', render: formatTime },
          ]}
        />
      </Card>
    </>
  );
}

/** One round for the organisers: settings, reviewers (conflicts and exclusions), scores, the aggregate, the decision. */
export function ReviewRoundPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const me = useMe();
  const criterion = useCriterionName();
  const [rev, bump] = useReducer((x: number) => x + 1, 0);
  const round = useApi('/roadshow-review-rounds/{id}', { params: { path: { id } } }, { deps: [rev] });
  const experts = useApi('/roadshow-experts');
  const [expert, setExpert] = useState<string>();
  const r = round.data;
  if (!r) return <LoadError error={round.error} retry={() => void round.reload()} />;
  const assigned = new Set(r.assignments.map((a) => a.reviewerUserId));
  const reviewedByMe = assigned.has(me.user.id);
  const declared = r.assignments.some((a) => a.status !== 'assigned' && a.exclusionReason !== 'same_organisation' && a.exclusionReason !== 'same_controller_group' && a.exclusionReason !== 'hosts_applicant' && a.exclusionReason !== 'investor_interest');
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="round-title">{r.projectTitle}</span>
            <StatusTag status={r.status} group="roadshow.round" />
            {r.blind && <Tag color="purple">{t('roadshow.review.blindTag')}</Tag>}
          </Space>
        }
        sub={`${r.applicantName} · ${r.projectNumber} · ${t('roadshow.review.roundNo', { n: r.roundNo })} · ${t('roadshow.review.rubricVersion', { name: r.rubric.name, version: r.rubric.version })}`}
        extra={
          <Space wrap>
            {/* The project page is the centre's; a city's organisers screen from the round. */}
            {me.user.role === 'platform_admin' && <Link to={`/roadshow/projects/${r.projectId}`}>{t('roadshow.review.toProject')}</Link>}
            <Button onClick={bump}>{t('action.refresh')}</Button>
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('roadshow.review.reviewers')} style={{ marginBottom: 16 }} data-testid="round-reviewers">
            {r.status === 'open' && (
              <Space wrap style={{ marginBottom: 12 }}>
                <Select
                  style={{ minWidth: 240 }}
                  placeholder={t('roadshow.review.pickExpert')}
                  value={expert}
                  onChange={setExpert}
                  data-testid="expert-select"
                  options={(experts.data ?? []).filter((e) => e.active && !assigned.has(e.userId)).map((e) => ({ value: e.userId, label: `${e.displayName} · ${e.organizationName}` }))}
                />
                <ActionButton
                  type="primary"
                  disabled={!expert}
                  data-testid="assign-reviewer"
                  action={(key) => api.post('/roadshow-review-rounds/{id}/reviewers', { params: { path: { id } }, body: { userId: expert! }, idempotencyKey: key })}
                  onDone={() => {
                    setExpert(undefined);
                    bump();
                  }}
                >
                  {t('roadshow.review.assign')}
                </ActionButton>
              </Space>
            )}
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 680 }}
              dataSource={r.assignments}
              locale={{ emptyText: t('roadshow.review.noReviewers') }}
              columns={[
                {
                  title: t('roadshow.review.reviewer'),
                  key: 'who',
                  width: 180,
                  render: (_, a) => (
                    <Space orientation="vertical" size={0}>
                      <span>{a.reviewerName}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.reviewerOrganization}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('common.status'),
                  key: 'status',
                  width: 160,
                  render: (_, a) => (
                    <Space orientation="vertical" size={0}>
                      <StatusTag status={a.status} group="roadshow.assignment" />
                      {a.exclusionReason && (
                        <Typography.Text type="danger" data-testid="exclusion-reason">
                          {label('roadshow.exclusion', a.exclusionReason)}
                          {a.conflictNote ? `：${a.conflictNote}` : ''}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                { title: t('roadshow.review.weighted'), key: 'w', render: (_, a) => a.weightedScore?.toFixed(2) ?? '—' },
                {
                  title: t('roadshow.review.comment'),
                  key: 'c',
                  width: 240,
                  render: (_, a) =>
                    a.comment ? (
                      <Space orientation="vertical" size={0}>
                        <span>{a.comment}</span>
                        {a.commentShareable && <Tag>{t('roadshow.review.sharedTag')}</Tag>}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
          <Card title={t('roadshow.review.settings')} style={{ marginBottom: 16 }}>
            <Space wrap size="large">
              <Space>
                {t('roadshow.review.blind')}
                <Switch
                  checked={r.blind}
                  disabled={r.status !== 'open' || declared}
                  data-testid="blind-switch"
                  onChange={(blind) => void api.patch('/roadshow-review-rounds/{id}', { params: { path: { id } }, body: { blind } }).then(bump)}
                />
              </Space>
              <Space>
                {t('roadshow.review.minReviews')}
                <InputNumber min={1} max={20} value={r.minReviews} disabled={r.status !== 'open'} onChange={(n) => n && void api.patch('/roadshow-review-rounds/{id}', { params: { path: { id } }, body: { minReviews: n } }).then(bump)} />
              </Space>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('roadshow.review.aggregate')} style={{ marginBottom: 16 }}>
            <AggregateView rubric={r.rubric} aggregate={r.aggregate} testId="round-aggregate" />
            <Progress style={{ marginTop: 12 }} percent={Math.min(100, Math.round((r.aggregate.reviews / r.minReviews) * 100))} format={() => `${r.aggregate.reviews} / ${r.minReviews}`} />
          </Card>
          <Card title={t('roadshow.review.decision')} style={{ marginBottom: 16 }} data-testid="round-decision">
            {r.status !== 'open' ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('common.status')}>
                  <StatusTag status={r.status} group="roadshow.round" />
                </Descriptions.Item>
                <Descriptions.Item label={t('roadshow.review.decisionComment')}>{r.decisionComment ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('roadshow.review.decidedAt')}>{formatTime(r.decidedAt)}</Descriptions.Item>
              </Descriptions>
            ) : reviewedByMe ? (
              <Alert type="info" showIcon title={t('roadshow.review.fourEyes')} />
            ) : r.aggregate.reviews < r.minReviews ? (
              <Alert type="info" showIcon title={t('roadshow.review.waitingReviews', { n: r.aggregate.reviews, min: r.minReviews })} />
            ) : (
              <ApiForm<Schema<'DecideRoundDto'>, Round>
                schema="DecideRoundDto"
                testId="decision-form"
                initialValues={{ decision: 'pass' }}
                submit={(values, key) => api.post('/roadshow-review-rounds/{id}/decision', { params: { path: { id } }, body: values, idempotencyKey: key })}
                onDone={bump}
                submitLabel={t('roadshow.review.decide')}
                successMessage={t('roadshow.review.decided')}
              >
                <Field name="decision" label={t('roadshow.review.decision')}>
                  <Radio.Group optionType="button" data-testid="decision-choice" options={(['pass', 'revise', 'reject'] as const).map((d) => ({ value: d, label: t(`roadshow.review.decision.${d}`) }))} />
                </Field>
                <Field name="comment" label={t('roadshow.review.decisionComment')}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="decision-comment" />
                </Field>
              </ApiForm>
            )}
          </Card>
          <Card title={t('roadshow.review.rubric')} size="small" style={{ marginBottom: 16 }}>
            {r.rubric.criteria.map((c) => (
              <div key={c.key}>
                {criterion(r.rubric, c.key)} · {c.weight}%
              </div>
            ))}
          </Card>
        </Col>
      </Row>
    </>
  );
}
