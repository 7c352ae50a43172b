import { Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from './i18n';
import { formatFen } from '@shared/money';

const STATUS_COLORS: Record<string, string> = {
  draft: 'default', created: 'default', collected: 'default', open: 'processing', applied: 'processing',
  submitted: 'processing', in_review: 'processing', pending: 'processing', accepted: 'processing', public_notice: 'processing',
  delivered: 'cyan', confirmed: 'cyan', claimed: 'cyan', screened: 'cyan', coached: 'cyan', scheduled: 'cyan', published: 'cyan', closed: 'cyan',
  approved: 'success', issued: 'success', active: 'success', paid: 'success', settled: 'success', reconciled: 'success', landed: 'success', invested: 'success', pass: 'success', confirmed_rsvp: 'success', finished: 'success',
  returned: 'warning', warn: 'warning', exhausted: 'warning', suspended: 'warning', waitlisted: 'warning', disputed: 'warning', overdue: 'warning',
  in_force: 'success', partially_signed: 'processing', superseded: 'default',
  sending: 'processing', sent: 'success',
  uploading: 'processing', queued: 'processing', validating: 'processing', merging: 'processing',
  rejected: 'error', withdrawn: 'default', cancelled: 'default', declined: 'error', revoked: 'error', expired: 'default', fail: 'error', failed: 'error',
};

/** A lifecycle state as a coloured tag, in the reader's language. */
export function StatusTag({ status, group = 'status' }: { status: string | null | undefined; group?: string }) {
  const { label } = useI18n();
  if (!status) return <Tag>—</Tag>;
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {label(group, status)}
    </Tag>
  );
}

export function Money({ fen, strong }: { fen: number | string | null | undefined; strong?: boolean }) {
  const text = formatFen(fen);
  return strong ? <Typography.Text strong>{text}</Typography.Text> : <span style={{ fontVariantNumeric: 'tabular-nums' }}>{text}</span>;
}

export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 16, flexWrap: 'wrap' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/** Date-time in Shanghai time, as people here read it. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export interface TimelineItem {
  at: string;
  title: ReactNode;
  detail?: ReactNode;
  color?: string;
}

export function History({ items }: { items: TimelineItem[] }) {
  const { t } = useI18n();
  if (!items.length) return <Empty description={t('common.noHistory')} />;
  return (
    <Timeline
      items={items.map((i) => ({
        color: i.color,
        children: (
          <div>
            <Typography.Text strong>{i.title}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatTime(i.at)}</Typography.Text>
            {i.detail && <div>{i.detail}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Label/value pairs for a record's summary card. */
export function Facts({ title, items, extra }: { title?: ReactNode; items: [ReactNode, ReactNode][]; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        {items.map(([label, value], i) => (
          <Descriptions.Item key={i} label={label}>
            {value}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
