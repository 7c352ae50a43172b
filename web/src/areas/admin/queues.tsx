import { ExportOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Modal, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, tokens } from '../../app/api';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { Kpis } from '../../app/widgets/kpis';
import { knownLabel } from '../../app/widgets/labels';
import { JsonBlock } from './shared';
import type { Schema } from '../../app/api';

type Job = Schema<'JobSummaryDto'>;

const COUNTED = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
const LISTABLE = ['failed', 'waiting', 'active', 'delayed', 'completed'] as const;
const POLL_MS = 5000;
/** Bull Board is served by the server itself at this path (the portal never routes it). */
const BULL_BOARD = '/admin/queues';

/** Bull Board takes the access token once in its URL (then keeps it in a cookie of its own path). */
async function openBullBoard() {
  const token = await tokens.current();
  window.open(`${BULL_BOARD}${token ? `?access_token=${encodeURIComponent(token)}` : ''}`, '_blank', 'noopener');
}

/** 队列监控: job counts per queue, failed jobs with their error, retry and discard. The admin's home. */
export function QueuesPage() {
  const { t } = useI18n();
  const [live, setLive] = useState(true);
  const counts = useApi('/admin/queues', undefined, { pollMs: live ? POLL_MS : undefined });
  const [chosen, setChosen] = useState<string>();
  const [state, setState] = useState<(typeof LISTABLE)[number]>('failed');
  const entries = Object.entries(counts.data ?? {});
  const queue = chosen ?? entries.find(([, c]) => c.failed > 0)?.[0] ?? entries[0]?.[0];
  const jobs = useApi('/admin/queues/{queue}/jobs', queue ? { params: { path: { queue }, query: { state, limit: 100 } } } : null, { pollMs: live ? POLL_MS : undefined });
  const [discarding, setDiscarding] = useState<Job>();
  const total = (s: string) => entries.reduce((n, [, c]) => n + (c[s] ?? 0), 0);
  const reload = () => void Promise.all([counts.reload(), jobs.reload()]);
  const queueName = (q: string) => knownLabel(t, 'admin.queue', q);

  return (
    <>
      <PageHeader
        title={t('admin.queues.title')}
        sub={t('admin.queues.sub')}
        extra={
          <>
            <Space>
              <Switch checked={live} onChange={setLive} data-testid="queues-live" aria-label={t('admin.queues.live')} />
              <Typography.Text>{t('admin.queues.live')}</Typography.Text>
            </Space>
            <Button onClick={reload}>{t('action.refresh')}</Button>
            <Button icon={<ExportOutlined />} onClick={() => void openBullBoard()} data-testid="bull-board-link">
              {t('admin.queues.bullBoard')}
            </Button>
          </>
        }
      />
      <LoadError error={counts.error} retry={reload} />
      <Kpis
        items={[
          { title: t('admin.jobState.waiting'), value: total('waiting') + total('prioritized'), testId: 'kpi-waiting' },
          { title: t('admin.jobState.active'), value: total('active'), testId: 'kpi-active' },
          { title: t('admin.jobState.delayed'), value: total('delayed'), testId: 'kpi-delayed' },
          { title: t('admin.jobState.failed'), value: total('failed'), danger: true, testId: 'kpi-failed' },
        ]}
      />
      <Card title={t('admin.queues.counts')} style={{ marginBottom: 16 }}>
        <Table<[string, Record<string, number>]>
          data-testid="queues-table"
          rowKey={([q]) => q}
          size="small"
          pagination={false}
          loading={counts.loading && !counts.data}
          dataSource={entries}
          rowSelection={{ type: 'radio', selectedRowKeys: queue ? [queue] : [], onChange: (keys) => setChosen(String(keys[0])), columnWidth: 40 }}
          onRow={([q]) => ({ onClick: () => setChosen(q), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('admin.queues.queue'), key: 'queue', render: (_, [q]) => <span>{queueName(q)} <Typography.Text type="secondary">{q}</Typography.Text></span> },
            ...COUNTED.map((s) => ({
              title: t(`admin.jobState.${s}`),
              key: s,
              align: 'right' as const,
              render: (_: unknown, [, c]: [string, Record<string, number>]) =>
                s === 'failed' && (c.failed ?? 0) > 0 ? <Badge count={c.failed} overflowCount={99999} data-testid="failed-count" /> : c[s] ?? 0,
            })),
          ]}
        />
      </Card>
      <Card
        title={queue ? t('admin.queues.jobsOf', { queue: queueName(queue) }) : t('admin.queues.jobs')}
        extra={
          <Segmented
            value={state}
            onChange={(v) => setState(v as (typeof LISTABLE)[number])}
            options={LISTABLE.map((s) => ({ value: s, label: t(`admin.jobState.${s}`) }))}
            data-testid="jobs-state"
          />
        }
      >
        <LoadError error={jobs.error} retry={() => void jobs.reload()} />
        <Table<Job>
          data-testid="jobs-table"
          rowKey="id"
          size="small"
          loading={jobs.loading && !jobs.data}
          dataSource={jobs.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t(state === 'failed' ? 'admin.queues.noFailed' : 'common.empty') }}
          expandable={{ expandedRowRender: (job) => <JsonBlock value={job.data} /> }}
          columns={[
            { title: t('admin.queues.jobId'), dataIndex: 'id', render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
            { title: t('admin.queues.jobName'), dataIndex: 'name' },
            { title: t('admin.queues.attempts'), dataIndex: 'attemptsMade', align: 'right' },
            {
              title: t('admin.queues.error'),
              dataIndex: 'failedReason',
              render: (reason: string | null) =>
                reason ? (
                  <Typography.Paragraph type="danger" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, maxWidth: 420 }} data-testid="job-error">
                    {reason}
                  </Typography.Paragraph>
                ) : '—',
            },
            { title: t('admin.queues.queuedAt'), dataIndex: 'timestamp', render: formatTime },
            { title: t('admin.queues.finishedAt'), dataIndex: 'finishedOn', render: formatTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, job) =>
                state === 'failed' ? (
                  <Space>
                    <ActionButton
                      size="small"
                      type="primary"
                      data-testid={`job-retry-${job.id}`}
                      successMessage={t('admin.queues.retried')}
                      action={(key) => api.post('/admin/queues/{queue}/jobs/{jobId}/retry', { params: { path: { queue: job.queue, jobId: job.id } }, idempotencyKey: key })}
                      onDone={reload}
                    >
                      {t('admin.queues.retry')}
                    </ActionButton>
                    <Button size="small" danger onClick={() => setDiscarding(job)} data-testid={`job-discard-${job.id}`}>
                      {t('admin.queues.discard')}
                    </Button>
                  </Space>
                ) : (
                  <Tag>{t(`admin.jobState.${state}`)}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={!!discarding} title={t('admin.queues.discardTitle', { id: discarding?.id ?? '' })} footer={null} onCancel={() => setDiscarding(undefined)} destroyOnHidden>
        {discarding && (
          <>
            <Alert type="warning" showIcon title={t('admin.queues.discardWarning')} style={{ marginBottom: 16 }} />
            <ApiForm<{ reason: string }, Job>
              schema="DiscardJobDto"
              testId="discard-form"
              submitLabel={t('admin.queues.discard')}
              successMessage={t('admin.queues.discarded')}
              submit={(values, key) =>
                api.post('/admin/queues/{queue}/jobs/{jobId}/discard', { params: { path: { queue: discarding.queue, jobId: discarding.id } }, body: values, idempotencyKey: key })
              }
              onDone={() => {
                setDiscarding(undefined);
                reload();
              }}
            >
              <Field name="reason" label={t('admin.queues.discardReason')}>
                <Input.TextArea rows={3} />
              </Field>
            </ApiForm>
          </>
        )}
      </Modal>
    </>
  );
}
