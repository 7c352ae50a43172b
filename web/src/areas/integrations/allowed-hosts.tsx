import { Button, Card, Input, Table, Typography } from 'antd';
import { api } from '../../app/api';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import type { Schema } from '../../app/api';

type AllowedHost = Schema<'AllowedHostDto'>;

/** Webhook 内网白名单 (platform admins): hosts webhooks may reach although they resolve to internal addresses. */
export function AllowedHostsPage() {
  const { t } = useI18n();
  const hosts = useApi('/admin/webhook-allowed-hosts');
  const reload = () => void hosts.reload();
  return (
    <>
      <PageHeader title={t('integrations.hosts.title')} sub={t('integrations.hosts.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <Card title={t('integrations.hosts.add')} style={{ marginBottom: 16 }}>
        <ApiForm<{ host: string; note?: string }, AllowedHost>
          schema="AddAllowedHostDto"
          testId="allowed-host-form"
          layout="inline"
          submitLabel={t('integrations.hosts.add')}
          successMessage={t('integrations.hosts.added')}
          submit={(values, key) => api.post('/admin/webhook-allowed-hosts', { body: values, idempotencyKey: key })}
          onDone={reload}
        >
          <Field name="host" label={t('integrations.hosts.host')}>
            <Input placeholder="erp.intranet.example.cn" data-testid="allowed-host-input" />
          </Field>
          <Field name="note" label={t('integrations.hosts.note')}>
            <Input style={{ width: 280 }} />
          </Field>
        </ApiForm>
      </Card>
      <Card>
        <LoadError error={hosts.error} retry={reload} />
        <Table<AllowedHost>
          data-testid="allowed-hosts-table"
          rowKey="host"
          size="middle"
          loading={hosts.loading && !hosts.data}
          dataSource={hosts.data ?? []}
          locale={{ emptyText: t('integrations.hosts.empty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('integrations.hosts.host'), dataIndex: 'host', render: (h: string) => <Typography.Text code>{h}</Typography.Text> },
            { title: t('integrations.hosts.note'), dataIndex: 'note', render: (n: string) => n || '—' },
            { title: t('integrations.hosts.createdAt'), dataIndex: 'createdAt', render: formatTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, h) => (
                <ActionButton
                  size="small"
                  danger
                  data-testid={`allowed-host-remove-${h.host}`}
                  confirm={t('integrations.hosts.removeConfirm')}
                  successMessage={t('integrations.hosts.removed')}
                  action={(key) => api.delete('/admin/webhook-allowed-hosts/{host}', { params: { path: { host: h.host } }, idempotencyKey: key })}
                  onDone={reload}
                >
                  {t('integrations.hosts.remove')}
                </ActionButton>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
