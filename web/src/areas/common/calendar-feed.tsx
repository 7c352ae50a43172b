import { Alert, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';

/** 日历订阅: my roadshow agenda at a secret iCalendar address, made or replaced here (docs/security.md, "Calendar feeds"). */
export function CalendarFeedPage() {
  const { t } = useI18n();
  const [address, setAddress] = useState<string>();
  const status = useApi('/me/calendar-feed', undefined, { deps: [address] });
  const active = status.data?.active;
  return (
    <>
      <PageHeader title={t('calendarFeed.title')} sub={t('calendarFeed.sub')} />
      <Card style={{ maxWidth: 720 }}>
        <LoadError error={status.error} retry={() => void status.reload()} />
        <Space orientation="vertical" style={{ width: '100%' }}>
          {status.data && (
            <Typography.Paragraph data-testid="calendar-feed-status">
              {active
                ? t('calendarFeed.active', { at: formatTime(status.data.rotatedAt), read: status.data.lastReadAt ? formatTime(status.data.lastReadAt) : t('calendarFeed.never') })
                : t('calendarFeed.none')}
            </Typography.Paragraph>
          )}
          {address && (
            <>
              <label htmlFor="calendar-feed-address">{t('calendarFeed.address')}</label>
              <Input id="calendar-feed-address" readOnly value={address} data-testid="calendar-feed-address" onFocus={(e) => e.target.select()} />
              <Alert type="warning" showIcon title={t('calendarFeed.secret')} />
            </>
          )}
          <ActionButton
            type={active ? 'default' : 'primary'}
            confirm={active ? t('calendarFeed.rotateConfirm') : undefined}
            action={() => api.post('/me/calendar-feed/rotate')}
            onDone={(made) => setAddress(`${window.location.origin}${(made as { path: string }).path}`)}
            data-testid="calendar-feed-rotate"
          >
            {active ? t('calendarFeed.rotate') : t('calendarFeed.create')}
          </ActionButton>
        </Space>
      </Card>
    </>
  );
}
