import { Alert, Button, Card, Drawer, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type Webhook = Schema<'WebhookDto'>;

type Attempt = Schema<'WebhookAttemptDto'>;

const EVENTS = ['*', 'approval_case.approved', 'approval_case.rejected', 'approval_case.returned', 'approval_case.withdrawn'];
const LOG_PAGE = 20;
const OUTCOME_COLORS: Record<string, string> = { delivered: 'green', failed: 'orange', refused: 'red' };

/** Webhook 推送: the organisation's subscriptions (org admins add, pause, resume, delete) and each one's delivery log. */
export function WebhooksPage() {
  const { t } = useI18n();
  const me = useMe();
  const manages = me.user.isOrgAdmin || me.user.role === 'platform_admin';
  const hooks = useApi('/webhooks');
  const [secret, setSecret] = useState<Webhook>();
  const [logOf, setLogOf] = useState<Webhook>();
  const reload = () => void hooks.reload();

  return (
    <>
      <PageHeader title={t('integrations.webhooks.title')} sub={t('integrations.webhooks.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      {manages ? (
        <Card title={t('integrations.webhooks.create')} style={{ marginBottom: 16 }}>
          <ApiForm<Schema<'CreateWebhookDto'>, Webhook>
            schema="CreateWebhookDto"
            testId="webhook-form"
            initialValues={{ events: ['*'] }}
            submitLabel={t('integrations.webhooks.create')}
            successMessage={t('integrations.webhooks.created')}
            submit={(values, key) => api.post('/webhooks', { body: values, idempotencyKey: key })}
            onDone={(created) => {
              setSecret(created);
              reload();
            }}
          >
            <Field name="url" label={t('integrations.webhooks.url')} extra={t('integrations.webhooks.urlHelp')}>
              <Input placeholder="https://erp.example.cn/hooks/g60" data-testid="webhook-url" />
            </Field>
            <Field name="events" label={t('integrations.webhooks.events')}>
              <Select mode="multiple" data-testid="webhook-events" options={EVENTS.map((e) => ({ value: e, label: t(`integrations.event.${e}`) }))} />
            </Field>
          </ApiForm>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('integrations.webhooks.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Card title={t('integrations.webhooks.list')}>
        <LoadError error={hooks.error} retry={reload} />
        <ResponsiveTable<Webhook>
          data-testid="webhooks-table"
          rowKey="id"
          size="middle"
          loading={hooks.loading && !hooks.data}
          dataSource={hooks.data ?? []}
          locale={{ emptyText: t('integrations.webhooks.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('integrations.webhooks.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
            { title: t('integrations.webhooks.events'), dataIndex: 'events', render: (events: string[]) => events.map((e) => <Tag key={e}>{t(`integrations.event.${e}`)}</Tag>) },
            {
              title: t('integrations.webhooks.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'} data-status={s}>{t(`integrations.status.${s}`)}</Tag>,
            },
            { title: t('integrations.webhooks.createdAt'), dataIndex: 'createdAt', render: formatTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, hook) => (
                <Space wrap>
                  <Button size="small" onClick={() => setLogOf(hook)} data-testid={`webhook-log-${hook.id}`}>
                    {t('integrations.webhooks.log')}
                  </Button>
                  {manages && hook.status === 'active' && (
                    <ActionButton
                      size="small"
                      data-testid={`webhook-pause-${hook.id}`}
                      successMessage={t('integrations.webhooks.paused')}
                      action={(key) => api.post('/webhooks/{id}/pause', { params: { path: { id: hook.id } }, idempotencyKey: key })}
                      onDone={reload}
                    >
                      {t('integrations.webhooks.pause')}
                    </ActionButton>
                  )}
                  {manages && hook.status === 'paused' && (
                    <ActionButton
                      size="small"
                      type="primary"
                      data-testid={`webhook-resume-${hook.id}`}
                      successMessage={t('integrations.webhooks.resumed')}
                      action={(key) => api.post('/webhooks/{id}/resume', { params: { path: { id: hook.id } }, idempotencyKey: key })}
                      onDone={reload}
                    >
                      {t('integrations.webhooks.resume')}
                    </ActionButton>
                  )}
                  {manages && (
                    <ActionButton
                      size="small"
                      danger
                      data-testid={`webhook-delete-${hook.id}`}
                      confirm={t('integrations.webhooks.deleteConfirm')}
                      successMessage={t('integrations.webhooks.deleted')}
                      action={(key) => api.delete('/webhooks/{id}', { params: { path: { id: hook.id } }, idempotencyKey: key })}
                      onDone={reload}
                    >
                      {t('integrations.webhooks.delete')}
                    </ActionButton>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={!!secret} title={t('integrations.webhooks.secretTitle')} onOk={() => setSecret(undefined)} onCancel={() => setSecret(undefined)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon title={t('integrations.webhooks.secretHint')} style={{ marginBottom: 12 }} />
        <Typography.Text code copyable data-testid="webhook-secret">
          {secret?.secret}
        </Typography.Text>
      </Modal>
      <Drawer open={!!logOf} size={960} title={logOf ? t('integrations.log.title', { url: logOf.url }) : ''} onClose={() => setLogOf(undefined)} destroyOnHidden>
        {logOf && <DeliveryLog webhookId={logOf.id} />}
      </Drawer>
    </>
  );
}

/** Every attempt of a webhook, newest first, paged by the API. */
function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const log = useApi('/webhooks/{id}/attempts', { params: { path: { id: webhookId }, query: { limit: LOG_PAGE, offset: (page - 1) * LOG_PAGE } } });
  return (
    <>
      <LoadError error={log.error} retry={() => void log.reload()} />
      <ResponsiveTable<Attempt>
        data-testid="webhook-attempts"
        rowKey="id"
        size="small"
        loading={log.loading && !log.data}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('integrations.log.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: LOG_PAGE, total: log.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('integrations.log.attemptedAt'), dataIndex: 'attemptedAt', render: formatTime },
          { title: t('integrations.log.event'), dataIndex: 'event', render: (e: string) => t(`integrations.event.${e}`) },
          { title: t('integrations.log.attempt'), dataIndex: 'attempt', align: 'right' },
          {
            title: t('integrations.log.outcome'),
            dataIndex: 'outcome',
            render: (o: string) => <Tag color={OUTCOME_COLORS[o]} data-outcome={o}>{t(`integrations.outcome.${o}`)}</Tag>,
          },
          { title: t('integrations.log.statusCode'), dataIndex: 'statusCode', align: 'right', render: (c: number | null) => c ?? '—' },
          { title: t('integrations.log.duration'), dataIndex: 'durationMs', align: 'right' },
          { title: t('integrations.log.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
          {
            title: t('integrations.log.error'),
            dataIndex: 'error',
            render: (e: string | null) => (e ? <Typography.Paragraph type="danger" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, maxWidth: 360 }}>{e}</Typography.Paragraph> : '—'),
          },
        ]}
      />
    </>
  );
}
