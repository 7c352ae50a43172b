import { Alert, Button, Card, Drawer, Empty, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, DateInput, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { AggregateView } from './review';
import { DateTimeInput } from './shared';

type Project = Schema<'ProjectDto'>;
type FollowUp = Schema<'FollowUpDto'>;

/** People a coaching item or a follow-up may be given to: the project's enterprise users and the organiser. */
function usePeople(project: Project) {
  const me = useMe();
  const users = useApi('/organizations/{id}/users', me.user.role === 'platform_admin' ? { params: { path: { id: project.enterpriseId } } } : null);
  return [{ value: me.user.id, label: me.user.displayName }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))];
}

/** 筛选结果: every screening round of the project (the enterprise's view: decisions, scores, shareable comments). */
export function ScreeningRoundsCard({ project, rev }: { project: Project; rev: number }) {
  const { t } = useI18n();
  const me = useMe();
  const rounds = useApi('/roadshow-projects/{id}/review-rounds', { params: { path: { id: project.id } } }, { deps: [rev] });
  const organiserRounds = useApi('/roadshow-review-rounds', me.user.role === 'platform_admin' ? { params: { query: { projectId: project.id } } } : null, { deps: [rev] });
  if (!rounds.data?.length && !rounds.error) return null;
  return (
    <Card title={t('roadshow.review.screeningRounds')} style={{ marginBottom: 16 }} data-testid="screening-rounds">
      <LoadError error={rounds.error} retry={() => void rounds.reload()} />
      <List
        dataSource={[...(rounds.data ?? [])].reverse()}
        renderItem={(r) => {
          const organiserRound = organiserRounds.data?.find((o) => o.roundNo === r.roundNo);
          return (
            <List.Item data-testid={`screening-round-${r.roundNo}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{t('roadshow.review.roundNo', { n: r.roundNo })}</Typography.Text>
                  <StatusTag status={r.status} group="roadshow.round" />
                  {r.blind && <Tag color="purple">{t('roadshow.review.blindTag')}</Tag>}
                  <Typography.Text type="secondary">{formatTime(r.decidedAt ?? r.openedAt)}</Typography.Text>
                  {organiserRound && <Link to={`/roadshow/review-rounds/${organiserRound.id}`}>{t('roadshow.review.openRound')}</Link>}
                </Space>
                {r.decisionComment && <Alert type={r.status === 'passed' ? 'success' : r.status === 'rejected' ? 'error' : 'warning'} showIcon title={r.decisionComment} />}
                {r.aggregate && <AggregateView rubric={r.rubric} aggregate={r.aggregate} />}
                {r.comments.map((c, i) => (
                  <Typography.Paragraph key={i} style={{ margin: 0 }} data-testid="shared-comment">
                    <Typography.Text type="secondary">{c.reviewerName ?? t('roadshow.review.anonymousReviewer', { n: i + 1 })}：</Typography.Text>
                    {c.comment}
                  </Typography.Paragraph>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** 路演辅导: coaching records with their follow-up items; organisers add them, owners close their items. */
export function CoachingCard({ project, rev, onChange }: { project: Project; rev: number; onChange(): void }) {
  const { t, label } = useI18n();
  const me = useMe();
  const organiser = me.user.role === 'platform_admin';
  const records = useApi('/roadshow-projects/{id}/coaching-records', { params: { path: { id: project.id } } }, { deps: [rev] });
  const [open, setOpen] = useState(false);
  const people = usePeople(project);
  const done = () => {
    void records.reload();
    onChange();
  };
  return (
    <Card
      title={t('roadshow.coaching.title')}
      style={{ marginBottom: 16 }}
      data-testid="coaching-card"
      extra={
        organiser && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="coaching-new">
            {t('roadshow.coaching.new')}
          </Button>
        )
      }
    >
      <LoadError error={records.error} retry={() => void records.reload()} />
      {!records.data?.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.coaching.none')} />}
      {(records.data ?? []).map((r) => (
        <div key={r.id} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{r.coachName}</Typography.Text> <Typography.Text type="secondary">{formatTime(r.coachedAt)}</Typography.Text>
          <Typography.Paragraph style={{ margin: '4px 0' }}>{r.advice}</Typography.Paragraph>
          {r.items.map((i) => (
            <Space key={i.id} wrap style={{ display: 'flex', marginBottom: 4 }} data-testid="coaching-item">
              <StatusTag status={i.status} group="roadshow.item" />
              {i.overdue && <Tag color="red">{t('roadshow.followUp.overdue')}</Tag>}
              <span>{i.description}</span>
              <Typography.Text type="secondary">
                {i.ownerName} · {t('roadshow.coaching.due', { day: i.dueOn })}
              </Typography.Text>
              {i.status === 'open' && (organiser || i.ownerUserId === me.user.id) && (
                <ActionButton size="small" action={(key) => api.post('/roadshow-coaching-items/{id}/status', { params: { path: { id: i.id } }, body: { event: 'complete' }, idempotencyKey: key })} onDone={done}>
                  {label('roadshow.itemEvent', 'complete')}
                </ActionButton>
              )}
            </Space>
          ))}
        </div>
      ))}
      <Drawer open={open} onClose={() => setOpen(false)} title={t('roadshow.coaching.new')} size={560} destroyOnHidden>
        <ApiForm<Schema<'CreateCoachingRecordDto'>, unknown>
          schema="CreateCoachingRecordDto"
          testId="coaching-form"
          initialValues={{ items: [] }}
          submit={(values, key) => api.post('/roadshow-projects/{id}/coaching-records', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
          onDone={() => {
            setOpen(false);
            done();
          }}
        >
          <Field name="coachName" label={t('roadshow.coaching.coach')}>
            <Input maxLength={100} />
          </Field>
          <Field name="coachedAt" label={t('roadshow.coaching.when')}>
            <DateTimeInput />
          </Field>
          <Field name="advice" label={t('roadshow.coaching.advice')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Field>
          {[0, 1].map((n) => (
            <Space key={n} wrap align="start">
              <Field name={['items', n, 'description']} label={t('roadshow.coaching.item', { n: n + 1 })}>
                <Input maxLength={1000} style={{ width: 200 }} />
              </Field>
              <Field name={['items', n, 'ownerUserId']} label={t('roadshow.coaching.owner')}>
                <Select options={people} style={{ width: 140 }} />
              </Field>
              <Field name={['items', n, 'dueOn']} label={t('roadshow.coaching.dueOn')}>
                <DateInput />
              </Field>
            </Space>
          ))}
        </ApiForm>
      </Drawer>
    </Card>
  );
}

function FollowUpRow({ f, onDone }: { f: FollowUp; onDone(): void }) {
  const { t, label } = useI18n();
  const me = useMe();
  const [answer, setAnswer] = useState('');
  const mayAnswer = f.status === 'open' && (me.user.role === 'platform_admin' || f.responsibleUserId === me.user.id);
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap>
        <StatusTag status={f.status} group="roadshow.followUpStatus" />
        {f.overdue && (
          <Tag color="red" data-testid="follow-up-overdue">
            {t('roadshow.followUp.overdue')}
          </Tag>
        )}
        <Tag>{label('roadshow.topic', f.topic)}</Tag>
        <span>{f.question}</span>
      </Space>
      <Typography.Text type="secondary">
        {t('roadshow.followUp.dueBy', { time: formatTime(f.dueAt), who: f.responsibleName })}
        {f.remindedAt ? ` · ${t('roadshow.followUp.reminded')}` : ''}
      </Typography.Text>
      {f.answer && <Typography.Text>{f.answer}</Typography.Text>}
      {mayAnswer && (
        <Space.Compact style={{ width: '100%' }}>
          <Input value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('roadshow.followUp.answer')} maxLength={2000} />
          <ActionButton type="primary" action={(key) => api.post('/roadshow-follow-ups/{id}/close', { params: { path: { id: f.id } }, body: { event: 'complete', answer: answer || undefined }, idempotencyKey: key })} onDone={onDone}>
            {t('roadshow.followUp.complete')}
          </ActionButton>
        </Space.Compact>
      )}
    </Space>
  );
}

/** 跟踪服务: dated follow-ups of the project, overdue ones marked; organisers add them. */
export function FollowUpsCard({ project, rev }: { project: Project; rev: number }) {
  const { t, label } = useI18n();
  const me = useMe();
  const organiser = me.user.role === 'platform_admin';
  const followUps = useApi('/roadshow-follow-ups', { params: { query: { projectId: project.id } } }, { deps: [rev] });
  const [open, setOpen] = useState(false);
  const people = usePeople(project);
  return (
    <Card
      title={t('roadshow.followUp.title')}
      style={{ marginBottom: 16 }}
      data-testid="follow-ups-card"
      extra={
        organiser && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="follow-up-new">
            {t('roadshow.followUp.new')}
          </Button>
        )
      }
    >
      <LoadError error={followUps.error} retry={() => void followUps.reload()} />
      <List dataSource={followUps.data ?? []} locale={{ emptyText: t('roadshow.followUp.none') }} renderItem={(f) => <List.Item>{<FollowUpRow f={f} onDone={() => void followUps.reload()} />}</List.Item>} />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('roadshow.followUp.new')} size={520} destroyOnHidden>
        <ApiForm<Schema<'CreateFollowUpDto'>, unknown>
          schema="CreateFollowUpDto"
          testId="follow-up-form"
          initialValues={{ topic: 'financing_closed' }}
          submit={(values, key) => api.post('/roadshow-projects/{id}/follow-ups', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
          onDone={() => {
            setOpen(false);
            void followUps.reload();
          }}
        >
          <Field name="topic" label={t('roadshow.followUp.topic')}>
            <Select options={['financing_closed', 'landed', 'other'].map((v) => ({ value: v, label: label('roadshow.topic', v) }))} />
          </Field>
          <Field name="question" label={t('roadshow.followUp.question')}>
            <Input maxLength={500} />
          </Field>
          <Field name="dueAt" label={t('roadshow.followUp.dueAt')}>
            <DateTimeInput />
          </Field>
          <Field name="responsibleUserId" label={t('roadshow.followUp.responsible')}>
            <Select options={people} />
          </Field>
        </ApiForm>
      </Drawer>
    </Card>
  );
}

/** 跟踪事项: every follow-up the caller sees (organisers: all), overdue first when asked. */
export function FollowUpsPage() {
  const { t, label } = useI18n();
  const [overdue, setOverdue] = useState(false);
  const followUps = useApi('/roadshow-follow-ups', { params: { query: overdue ? { overdue: true } : {} } }, { deps: [overdue] });
  return (
    <>
      <PageHeader
        title={t('roadshow.menu.followUps')}
        sub={t('roadshow.followUp.sub')}
        extra={
          <Space wrap>
            <Select
              value={overdue ? 'overdue' : 'all'}
              onChange={(v) => setOverdue(v === 'overdue')}
              style={{ width: 140 }}
              aria-label={t('roadshow.menu.followUps')}
              data-testid="follow-up-filter"
              options={[
                { value: 'all', label: t('roadshow.followUp.all') },
                { value: 'overdue', label: t('roadshow.followUp.onlyOverdue') },
              ]}
            />
            <Button onClick={() => void followUps.reload()}>{t('action.refresh')}</Button>
          </Space>
        }
      />
      <Card>
        <LoadError error={followUps.error} retry={() => void followUps.reload()} />
        <Table<FollowUp>
          rowKey="id"
          loading={followUps.loading}
          dataSource={followUps.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          data-testid="follow-up-table"
          locale={{ emptyText: t('roadshow.followUp.none') }}
          rowClassName={(f) => (f.overdue ? 'row-overdue' : '')}
          columns={[
            { title: t('roadshow.project.title'), key: 'p', render: (_, f) => <Link to={`/roadshow/projects/${f.projectId}`}>{f.projectTitle}</Link> },
            { title: t('roadshow.followUp.topic'), dataIndex: 'topic', render: (v: string) => label('roadshow.topic', v) },
            { title: t('roadshow.followUp.question'), dataIndex: 'question' },
            { title: t('roadshow.followUp.dueAt'), key: 'due', render: (_, f) => <Space wrap>{formatTime(f.dueAt)}{f.overdue && <Tag color="red">{t('roadshow.followUp.overdue')}</Tag>}</Space> },
            { title: t('roadshow.followUp.responsible'), dataIndex: 'responsibleName' },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.followUpStatus" /> },
          ]}
        />
      </Card>
    </>
  );
}
