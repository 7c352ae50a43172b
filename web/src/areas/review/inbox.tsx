import { Alert, Button, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { Money, PageHeader, StatusTag } from '../../app/common';
import { useCaseTitle } from '../../app/case-title';
import { ActionButton, ApiForm } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { PagedTable, rowProps, usePagedList } from '../../app/widgets/paged-table';
import { CommentField, DueCell, Filters, FilterValues, RegionName, useEnumOptions } from './shared';
import type { BatchDecisionResult, Task } from './types';

export type Decision = Schema<'DecisionDto'>['decision'];
export const DECISIONS: Decision[] = ['approve', 'return', 'reject'];
export const SUBJECT_TYPES = ['voucher_application', 'redemption_claim', 'provider_admission', 'qualification_verification', 'roadshow_project', 'controller_group_change'] as const;
const TASK_STATUSES = ['open', 'approved', 'rejected', 'returned', 'cancelled'] as const;
const STAGES = ['district_review', 'city_approval', 'admission_review', 'public_notice', 'district_verification', 'screening'] as const;

/** Claim or release a task: the claimer alone decides it until released. */
export function ClaimButtons({ task, onDone, size }: { task: Task; onDone(): void; size?: 'small' }) {
  const { t } = useI18n();
  const me = useMe();
  if (task.status !== 'open') return null;
  if (!task.claimedBy) {
    return (
      <ActionButton size={size} data-testid="task-claim" action={(key) => api.post('/approval-tasks/{id}/claim', { params: { path: { id: task.id } }, idempotencyKey: key })} onDone={onDone} successMessage={t('review.task.claimed')}>
        {t('review.task.claim')}
      </ActionButton>
    );
  }
  if (task.claimedBy === me.user.id || me.user.role === 'platform_admin') {
    return (
      <ActionButton size={size} data-testid="task-release" action={(key) => api.post('/approval-tasks/{id}/release', { params: { path: { id: task.id } }, idempotencyKey: key })} onDone={onDone} successMessage={t('review.task.released')}>
        {t('review.task.release')}
      </ActionButton>
    );
  }
  return null;
}

export function ClaimTag({ task }: { task: Task }) {
  const { t } = useI18n();
  const me = useMe();
  if (!task.claimedBy) return null;
  return task.claimedBy === me.user.id ? <Tag color="blue">{t('review.task.claimedByMe')}</Tag> : <Tag>{t('review.task.claimedByOther')}</Tag>;
}

/** Decider inbox: tasks the caller may decide, oldest due first; claim/release; batch decisions with per-item results. */
export function InboxPage() {
  const { t, label, pick } = useI18n();
  const me = useMe();
  const [filters, setFilters] = useState<FilterValues>({ status: 'open' });
  const tasks = usePagedList('/approval-tasks', { params: { query: { status: filters.status as string, subjectType: filters.subjectType as string, stage: filters.stage as string, overdue: filters.overdue ? 'true' : undefined } } });
  const [selected, setSelected] = useState<string[]>([]);
  const [decision, setDecision] = useState<Decision>();
  const [results, setResults] = useState<{ items: BatchDecisionResult[]; titles: Record<string, string> }>();
  const statusOptions = useEnumOptions('review.taskStatus', TASK_STATUSES);
  const subjectOptions = useEnumOptions('review.subject', SUBJECT_TYPES);
  const stageOptions = useEnumOptions('review.stage', STAGES);
  const selectable = (task: Task) => task.status === 'open' && (!task.claimedBy || task.claimedBy === me.user.id);
  const reload = () => void tasks.reload();
  const caseTitle = useCaseTitle();
  const titleOf = (task: Task) => caseTitle({ subjectType: task.subjectType, title: task.caseTitle, titleParams: task.caseTitleParams });
  const titles = Object.fromEntries(tasks.rows.map((r) => [r.id, titleOf(r)]));

  return (
    <>
      <PageHeader title={t('review.inbox.title')} sub={t('review.inbox.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <Filters
        defs={[
          { key: 'status', label: t('common.status'), options: statusOptions, width: 140 },
          { key: 'subjectType', label: t('review.subjectType'), options: subjectOptions },
          { key: 'stage', label: t('review.stage'), options: stageOptions },
          { key: 'overdue', label: t('review.inbox.overdueOnly'), toggle: true },
        ]}
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setSelected([]);
        }}
      />
      {results && <BatchResults results={results.items} titles={results.titles} onClose={() => setResults(undefined)} />}
      <Space style={{ marginBottom: 12 }} wrap data-testid="batch-bar">
        <Typography.Text type="secondary">{t('review.batch.selected', { count: selected.length })}</Typography.Text>
        <Button type="primary" disabled={!selected.length} onClick={() => setDecision('approve')} data-testid="batch-approve">
          {t('review.batch.approve')}
        </Button>
        <Button disabled={!selected.length} onClick={() => setDecision('return')} data-testid="batch-return">
          {t('review.batch.return')}
        </Button>
        <Button danger disabled={!selected.length} onClick={() => setDecision('reject')} data-testid="batch-reject">
          {t('review.batch.reject')}
        </Button>
      </Space>
      <PagedTable<Task>
        list={tasks}
        testId="inbox-table"
        emptyText={t('review.inbox.empty')}
        onRow={(task) => rowProps(`task-row-${task.id}`)}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (task) => ({ disabled: !selectable(task) }) }}
        columns={[
          {
            title: t('review.case'),
            key: 'title',
            render: (_, task) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/review/cases/${task.caseId}`} data-testid="case-link">
                  {titleOf(task)}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {label('review.subject', task.subjectType)}
                  {task.revision > 1 && ` · ${t('review.revision', { n: task.revision })}`}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('review.stage'),
            key: 'stage',
            render: (_, task) => (
              <Space size={4} wrap>
                <span data-testid="task-stage">{pick(task.stageName, task.stageNameEn)}</span>
                {task.kind === 'objection_review' && <Tag color="magenta">{t('review.task.objectionReview')}</Tag>}
                {task.requiredApprovals > 1 && <Tag>{t('review.task.nOfM', { n: task.approvals, m: task.requiredApprovals })}</Tag>}
              </Space>
            ),
          },
          { title: t('common.region'), dataIndex: 'regionCode', render: (code: string | null) => <RegionName code={code} /> },
          { title: t('common.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => <Money fen={fen} /> },
          { title: t('review.sla.due'), key: 'due', render: (_, task) => <DueCell task={task} /> },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, task) => (
              <Space size={4} wrap>
                <StatusTag status={task.status} group="review.taskStatus" />
                <ClaimTag task={task} />
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, task) => (
              <Space size={4}>
                <Link to={`/review/cases/${task.caseId}`}>{t('review.inbox.open')}</Link>
                <ClaimButtons task={task} onDone={reload} size="small" />
              </Space>
            ),
          },
        ]}
      />
      <BatchDecisionModal
        decision={decision}
        taskIds={selected}
        onClose={() => setDecision(undefined)}
        onDone={(items) => {
          setDecision(undefined);
          setResults({ items, titles });
          setSelected([]);
          reload();
        }}
      />
    </>
  );
}

function BatchDecisionModal({ decision, taskIds, onClose, onDone }: { decision?: Decision; taskIds: string[]; onClose(): void; onDone(results: BatchDecisionResult[]): void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!decision} title={decision && t(`review.batch.title.${decision}`)} footer={null} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>{t('review.batch.intro', { count: taskIds.length })}</Typography.Paragraph>
      {decision && (
        <ApiForm<{ comment?: string }, BatchDecisionResult[]>
          schema="BatchDecisionDto"
          testId="batch-decision-form"
          submitLabel={decision && t(`review.decision.confirm.${decision}`)}
          submit={(values, key) => api.post('/approval-tasks/decisions', { body: { taskIds, decision, comment: values.comment?.trim() || undefined }, idempotencyKey: key })}
          onDone={onDone}
        >
          <CommentField required={decision !== 'approve'} />
        </ApiForm>
      )}
    </Modal>
  );
}

function BatchResults({ results, titles, onClose }: { results: BatchDecisionResult[]; titles: Record<string, string>; onClose(): void }) {
  const { t } = useI18n();
  const failed = results.filter((r) => !r.ok);
  return (
    <Alert
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      type={failed.length ? (failed.length === results.length ? 'error' : 'warning') : 'success'}
      showIcon
      data-testid="batch-results"
      title={t('review.batch.result', { ok: results.length - failed.length, failed: failed.length })}
      description={
        <List
          size="small"
          dataSource={results}
          renderItem={(r) => (
            <List.Item data-testid={`batch-result-${r.taskId}`} data-ok={String(r.ok)}>
              <Space wrap>
                <Tag color={r.ok ? 'success' : 'error'}>{r.ok ? t('review.batch.itemOk') : t('review.batch.itemFailed')}</Tag>
                <span>{titles[r.taskId] ?? r.taskId}</span>
                {!r.ok && (
                  <Typography.Text type="danger">
                    {r.code && t(`error.${r.code}`) !== `error.${r.code}` ? `${t(`error.${r.code}`)}：` : ''}
                    {r.message}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}
