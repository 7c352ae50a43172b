import { Badge, Button, List, Typography } from 'antd';
import { PageHeader, formatTime } from '../../app/common';
import { ActionButton } from '../../app/forms';
import { api } from '../../app/api';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';

export function NotificationsPage() {
  const { t } = useI18n();
  const inbox = useApi('/notifications', { params: { query: { limit: 100 } } });
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <>
            <Button onClick={() => void inbox.reload()}>{t('action.refresh')}</Button>
            <ActionButton action={(key) => api.post('/notifications/read-all', { idempotencyKey: key })} onDone={() => void inbox.reload()}>
              {t('notifications.readAll')}
            </ActionButton>
          </>
        }
      />
      <LoadError error={inbox.error} retry={() => void inbox.reload()} />
      <List
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: t('common.empty') }}
        renderItem={(n) => (
          <List.Item
            actions={n.readAt ? [] : [<ActionButton key="r" size="small" action={(key) => api.post('/notifications/{id}/read', { params: { path: { id: n.id } }, idempotencyKey: key })} onDone={() => void inbox.reload()}>{t('notifications.read')}</ActionButton>]}
          >
            <List.Item.Meta
              title={<>{!n.readAt && <Badge status="processing" />} {n.title}</>}
              description={<><Typography.Text>{n.body}</Typography.Text><br /><Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
    </>
  );
}
