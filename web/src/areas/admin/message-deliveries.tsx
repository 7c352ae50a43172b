import { MailOutlined, MessageOutlined } from '@ant-design/icons';
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Schema } from '../../app/api';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { useI18n } from '../../app/i18n';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { PagedTable, rowProps, usePagedList } from '../../app/widgets/paged-table';

type MessageDelivery = Schema<'MessageDeliveryDto'>;
type DeliveryStatus = MessageDelivery['status'];
type DeliveryChannel = MessageDelivery['channel'];

const STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed'];
const CHANNELS: readonly DeliveryChannel[] = ['email', 'sms'];
/** Rows a page: the API pages by limit and offset, newest first. */
const PAGE_SIZE = 50;

function ChannelName({ channel }: { channel: string }) {
  const { label } = useI18n();
  return (
    <Space size={4}>
      {channel === 'sms' ? <MessageOutlined aria-hidden /> : <MailOutlined aria-hidden />}
      {label('admin.deliveries.channel', channel)}
    </Space>
  );
}

/**
 * 邮件短信发送: how each e-mail and SMS fared (GET /admin/message-deliveries), newest first, by status and channel,
 * a page at a time (a filter goes back to the first page); SMS numbers come masked from the API (docs/architecture.md, "Messages: e-mail and SMS").
 */
export function MessageDeliveriesPage() {
  const { t, label } = useI18n();
  const [status, setStatus] = useState<DeliveryStatus>();
  const [channel, setChannel] = useState<DeliveryChannel>();
  const deliveries = usePagedList('/admin/message-deliveries', { params: { query: { status, channel } } }, { pageSize: PAGE_SIZE });
  const filtered = status !== undefined || channel !== undefined;
  return (
    <>
      <PageHeader
        title={t('admin.deliveries.title')}
        sub={t('admin.deliveries.sub')}
        extra={
          <>
            <Select
              allowClear
              placeholder={t('common.status')}
              aria-label={t('common.status')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({ value: s, label: label('admin.deliveries.status', s) }))}
              data-testid="delivery-status-filter"
            />
            <Select
              allowClear
              placeholder={t('admin.deliveries.channel')}
              aria-label={t('admin.deliveries.channel')}
              style={{ width: 140 }}
              value={channel}
              onChange={setChannel}
              options={CHANNELS.map((c) => ({ value: c, label: label('admin.deliveries.channel', c) }))}
              data-testid="delivery-channel-filter"
            />
            <RefreshButton onClick={() => void deliveries.reload()} loading={deliveries.loading} />
          </>
        }
      />
      <PagedTable<MessageDelivery>
        testId="message-deliveries-table"
        list={deliveries}
        onRow={(d) => rowProps(`delivery-${d.id}`)}
        emptyText={t(filtered ? 'admin.deliveries.emptyFiltered' : 'admin.deliveries.empty')}
        columns={[
          { title: t('admin.deliveries.channel'), dataIndex: 'channel', render: (c: string) => <ChannelName channel={c} /> },
          // A stable code (packages/shared/notification-kinds.ts, or account.invitation / account.password_reset), as the audit page shows actions.
          { title: t('admin.deliveries.kind'), dataIndex: 'kind', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
          { title: t('admin.deliveries.recipient'), dataIndex: 'recipient', render: (r: string) => <span style={{ wordBreak: 'break-all' }}>{r}</span> },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="admin.deliveries.status" /> },
          { title: t('admin.deliveries.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('admin.deliveries.lastError'),
            dataIndex: 'lastError',
            // Up to 1000 characters: wrapped within a column of its own width (on a phone, within the card).
            width: 260,
            render: (e: string | null) => (e ? <Typography.Text type="danger" style={{ display: 'block', maxWidth: 260, wordBreak: 'break-word' }}>{e}</Typography.Text> : '—'),
          },
          { title: t('admin.deliveries.createdAt'), dataIndex: 'createdAt', render: formatTime },
          { title: t('admin.deliveries.sentAt'), dataIndex: 'sentAt', render: formatTime },
          { title: t('admin.deliveries.failedAt'), dataIndex: 'failedAt', render: formatTime },
        ]}
      />
    </>
  );
}
