import { Button, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { rowProps } from '../../app/widgets/paged-table';
import { Filters, useEnumOptions } from './shared';
import type { FourEyesRequest } from './types';

const STATUSES = ['pending', 'confirmed', 'cancelled'] as const;

/**
 * Revocations and claw-backs above the four-eyes threshold (docs/security.md): the second person of
 * the paying region confirms or cancels; the requester sees its own requests but may only cancel.
 * The API refuses anything the buttons would not offer.
 */
export function FourEyesPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = { status: params.get('status') ?? 'pending' };
  const requests = useApi('/four-eyes-requests', { params: { query: filters } });
  const statusOptions = useEnumOptions('status', STATUSES);
  const mayConfirm = (r: FourEyesRequest) => r.requestedBy.id !== me.user.id && r.deciderRoles.includes(me.user.role) && me.organization.regionCode === r.regionCode;
  const mayCancel = (r: FourEyesRequest) => r.requestedBy.id === me.user.id || me.user.role === 'platform_admin' || (r.deciderRoles.includes(me.user.role) && me.organization.regionCode === r.regionCode);
  return (
    <>
      <PageHeader title={t('review.fourEyes.title')} sub={t('review.fourEyes.sub')} extra={<Button onClick={() => void requests.reload()}>{t('action.refresh')}</Button>} />
      <Filters
        defs={[{ key: 'status', label: t('common.status'), options: statusOptions, width: 140 }]}
        value={filters}
        onChange={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])))}
      />
      <LoadError error={requests.error} retry={() => void requests.reload()} />
      <Table<FourEyesRequest>
        rowKey="id"
        loading={requests.loading}
        dataSource={requests.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        data-testid="four-eyes-table"
        locale={{ emptyText: t('review.fourEyes.empty') }}
        onRow={(r) => rowProps(`four-eyes-row-${r.id}`)}
        columns={[
          { title: t('review.fourEyes.kind'), dataIndex: 'kind', render: (v: string) => t(`review.fourEyes.kind.${v}`) },
          { title: t('review.fourEyes.subject'), dataIndex: 'subjectNumber' },
          { title: t('review.fourEyes.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
          { title: t('review.fourEyes.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('review.fourEyes.requestedBy'), key: 'requestedBy', render: (_, r) => r.requestedBy.displayName },
          { title: t('review.fourEyes.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => formatTime(v) },
          { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          { title: t('review.fourEyes.decidedBy'), key: 'decidedBy', render: (_, r) => r.decidedBy?.displayName ?? '—' },
          {
            title: '',
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' && (
                <Space>
                  {mayConfirm(r) ? (
                    <ActionButton data-testid="four-eyes-confirm" type="primary" size="small" confirm={t('review.fourEyes.confirmConfirm')} successMessage={t('review.fourEyes.confirmed')} action={(key) => api.post('/four-eyes-requests/{id}/confirm', { params: { path: { id: r.id } }, body: {}, idempotencyKey: key })} onDone={() => void requests.reload()}>
                      {t('review.fourEyes.confirm')}
                    </ActionButton>
                  ) : (
                    r.requestedBy.id === me.user.id && <Typography.Text type="secondary" data-testid="four-eyes-own">{t('review.fourEyes.ownRequest')}</Typography.Text>
                  )}
                  {mayCancel(r) && (
                    <ActionButton data-testid="four-eyes-cancel" size="small" confirm={t('review.fourEyes.cancelConfirm')} successMessage={t('review.fourEyes.cancelled')} action={(key) => api.post('/four-eyes-requests/{id}/cancel', { params: { path: { id: r.id } }, body: {}, idempotencyKey: key })} onDone={() => void requests.reload()}>
                      {t('review.fourEyes.cancel')}
                    </ActionButton>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
