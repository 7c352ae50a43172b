import { Alert, Card, Checkbox, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Schema } from '../../app/api';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';

type ApiKey = Schema<'ApiKeyDto'>;
type ApiKeyCreated = Schema<'ApiKeyCreatedDto'>;
const SCOPES = ['catalog:read', 'roadshows:read'] as const;

/** 合作平台密钥: create (shown once), list and revoke partner platforms' read-only API keys. */
export function ApiKeysPage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<ApiKeyCreated>();
  const keys = useApi('/admin/api-keys', undefined, { deps: [created] });
  return (
    <>
      <PageHeader title={t('admin.apiKeys.title')} sub={t('admin.apiKeys.sub')} />
      <Card style={{ marginBottom: 16, maxWidth: 720 }}>
        {created && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('admin.apiKeys.created')}
            description={<Input readOnly value={created.key} aria-label={t('admin.apiKeys.created')} data-testid="api-key-secret" onFocus={(e) => e.target.select()} />}
          />
        )}
        <ApiForm<Schema<'CreateApiKeyDto'>, ApiKeyCreated>
          schema="CreateApiKeyDto"
          testId="api-key-form"
          layout="vertical"
          submitLabel={t('admin.apiKeys.create')}
          initialValues={{ scopes: ['catalog:read', 'roadshows:read'] }}
          submit={(values) => api.post('/admin/api-keys', { body: { ...values, rateLimitPerMinute: values.rateLimitPerMinute ?? undefined } })}
          onDone={(result) => setCreated(result)}
        >
          <Field name="name" label={t('admin.apiKeys.name')}>
            <Input maxLength={100} />
          </Field>
          <Field name="scopes" label={t('admin.apiKeys.scopes')}>
            <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: t(`admin.apiKeys.scope.${s}`) }))} />
          </Field>
          <Field name="rateLimitPerMinute" label={t('admin.apiKeys.rate')} extra={t('admin.apiKeys.rateHelp')}>
            <InputNumber min={1} max={100000} style={{ width: 200 }} />
          </Field>
        </ApiForm>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('admin.apiKeys.usage')}</Typography.Paragraph>
      </Card>
      <LoadError error={keys.error} retry={() => void keys.reload()} />
      <Table<ApiKey>
        rowKey="id"
        loading={keys.loading}
        dataSource={keys.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="api-keys-table"
        columns={[
          { dataIndex: 'name', title: t('admin.apiKeys.name') },
          { dataIndex: 'prefix', title: t('admin.apiKeys.prefix'), render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { dataIndex: 'scopes', title: t('admin.apiKeys.scopes'), render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{t(`admin.apiKeys.scope.${s}`)}</Tag>) },
          { dataIndex: 'rateLimitPerMinute', title: t('admin.apiKeys.rate') },
          { dataIndex: 'createdAt', title: t('admin.apiKeys.createdAt'), render: (at: string) => formatTime(at) },
          { dataIndex: 'lastUsedAt', title: t('admin.apiKeys.lastUsed'), render: (at: string | null) => (at ? formatTime(at) : t('admin.apiKeys.never')) },
          {
            key: 'state',
            title: t('admin.apiKeys.state'),
            render: (_: unknown, k) =>
              k.revokedAt ? (
                <Tag>{t('admin.apiKeys.revoked')}</Tag>
              ) : (
                <ActionButton
                  danger
                  size="small"
                  confirm={t('admin.apiKeys.revokeConfirm')}
                  action={(key) => api.post('/admin/api-keys/{id}/revoke', { params: { path: { id: k.id } }, idempotencyKey: key })}
                  onDone={() => void keys.reload()}
                  aria-label={`${t('admin.apiKeys.revoke')} ${k.name}`}
                  data-testid={`revoke-${k.prefix}`}
                >
                  {t('admin.apiKeys.revoke')}
                </ActionButton>
              ),
          },
        ]}
      />
    </>
  );
}
