import { Badge, Button, List, Typography } from 'antd';
import { PageHeader, formatTime } from '../../app/common';
import { ActionButton } from '../../app/forms';
import { api } from '../../app/api';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { notificationText } from '@shared/notification-text';
import { useRegions } from '../../app/regions';

export function NotificationsPage() {
  const { t, label, lang } = useI18n();
  const regions = useRegions();
  // Title and body in the reader's language from kind + params; the stored text where the portal has no words for it.
  const words = { t, label, has: (key: string) => t(key) !== key, regionName: (code: string) => regions.name(code), time: formatTime, english: lang === 'en' };
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
        renderItem={(n) => {
          const text = notificationText(n, words);
          return (
          <List.Item
            actions={n.readAt ? [] : [<ActionButton key="r" size="small" action={(key) => api.post('/notifications/{id}/read', { params: { path: { id: n.id } }, idempotencyKey: key })} onDone={() => void inbox.reload()}>{t('notifications.read')}</ActionButton>]}
          >
            <List.Item.Meta
              title={<>{!n.readAt && <Badge status="processing" />} {text.title}</>}
              description={<><Typography.Text>{text.body}</Typography.Text><br /><Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text></>}
            />
          </List.Item>
          );
        }}
      />
    </>
  );
}
