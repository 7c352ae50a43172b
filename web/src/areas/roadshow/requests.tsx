import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatRange, IndustriesField, IndustryTags, isHostCity, NoteField, TimeWindowFields, useRegions, RangeText } from './shared';
import type { SessionRequest } from './types';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

function useRequestColumns(): TableColumnsType<SessionRequest> {
  const { t, label } = useI18n();
  const regions = useRegions();
  return [
    { title: t('roadshow.request.title'), dataIndex: 'title' },
    { title: t('roadshow.request.kind'), dataIndex: 'requesterKind', render: (k: string) => <Tag>{label('roadshow.requester', k)}</Tag> },
    { title: t('roadshow.request.industries'), dataIndex: 'industries', render: (v: string[]) => <IndustryTags values={v} /> },
    { title: t('roadshow.session.hostCity'), dataIndex: 'hostCityCode', render: (c: string) => regions.name(c) },
    { title: t('roadshow.request.window'), key: 'window', render: (_, r) => <RangeText from={r.preferredStart} to={r.preferredEnd} /> },
    { title: t('roadshow.request.audience'), dataIndex: 'expectedAudience', align: 'right' },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('roadshow.request.decision'),
      key: 'decision',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.sessionId && <Link to={`/roadshow/sessions/${r.sessionId}`}>{t('roadshow.request.session')}</Link>}
          {r.decisionNote ?? (r.note ? `${t('roadshow.interest.note')}：${r.note}` : '')}
        </Space>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
  ];
}

/** Enterprises, investors and parks (agency staff) request a custom roadshow (定制路演) and follow the answer. */
export function RequestsPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const requests = useApi('/roadshow-session-requests');
  const columns = useRequestColumns();
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('roadshow.menu.requests')}
        sub={t('roadshow.request.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="request-new">
            {t('roadshow.request.new')}
          </Button>
        }
      />
      <Card>
        <LoadError error={requests.error} retry={() => void requests.reload()} />
        <ResponsiveTable<SessionRequest> rowKey="id" loading={requests.loading} dataSource={requests.data ?? []} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }} locale={{ emptyText: t('roadshow.request.none') }} />
      </Card>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('roadshow.request.new')} size={600} destroyOnHidden>
        <ApiForm<Schema<'CreateSessionRequestDto'>, SessionRequest>
          schema="CreateSessionRequestDto"
          testId="request-form"
          initialValues={{ hostCityCode: '330400', industries: [], expectedAudience: 50 }}
          submit={(values, key) => api.post('/roadshow-session-requests', { body: values, idempotencyKey: key })}
          onDone={() => {
            setOpen(false);
            void requests.reload();
          }}
          successMessage={t('roadshow.request.sent')}
        >
          <Field name="title" label={t('roadshow.request.title')}>
            <Input maxLength={200} />
          </Field>
          <IndustriesField name="industries" label={t('roadshow.request.industries')} />
          <Field name="hostCityCode" label={t('roadshow.session.hostCity')}>
            <Select options={regions.options(isHostCity)} />
          </Field>
          <TimeWindowFields from="preferredStart" to="preferredEnd" fromLabel={t('roadshow.request.preferredStart')} toLabel={t('roadshow.request.preferredEnd')} />
          <Field name="expectedAudience" label={t('roadshow.request.audience')}>
            <InputNumber min={1} max={100000} />
          </Field>
          <NoteField rows={3} />
        </ApiForm>
      </Drawer>
    </>
  );
}

/** The roadshow centre accepts a request into a custom session or declines it with a reason. */
export function RequestsAdminPage() {
  const { t } = useI18n();
  const me = useMe();
  const requests = useApi('/roadshow-session-requests');
  const sessions = useApi('/roadshow-sessions', { params: { query: { type: 'custom', limit: 500 } } });
  const columns = useRequestColumns();
  const [deciding, setDeciding] = useState<{ request: SessionRequest; accept: boolean }>();
  const done = () => {
    setDeciding(undefined);
    void requests.reload();
  };
  const open = (sessions.data ?? []).filter((s) => s.status === 'draft' || s.status === 'published');
  return (
    <>
      <PageHeader title={t('roadshow.menu.requestsAdmin')} sub={me.organization.name} extra={<Button onClick={() => void requests.reload()}>{t('action.refresh')}</Button>} />
      <Card>
        <LoadError error={requests.error} retry={() => void requests.reload()} />
        <ResponsiveTable<SessionRequest>
          rowKey="id"
          loading={requests.loading}
          dataSource={requests.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          data-testid="request-table"
          locale={{ emptyText: t('roadshow.request.none') }}
          columns={[
            ...columns,
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) =>
                r.status === 'pending' && (
                  <Space>
                    <Button size="small" type="primary" onClick={() => setDeciding({ request: r, accept: true })}>
                      {t('roadshow.request.accept')}
                    </Button>
                    <Button size="small" danger onClick={() => setDeciding({ request: r, accept: false })}>
                      {t('roadshow.request.decline')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={!!deciding} footer={null} onCancel={() => setDeciding(undefined)} title={deciding ? `${deciding.accept ? t('roadshow.request.accept') : t('roadshow.request.decline')}：${deciding.request.title}` : ''} destroyOnHidden>
        {deciding?.accept && (
          <ApiForm<Schema<'AcceptSessionRequestDto'>, SessionRequest>
            schema="AcceptSessionRequestDto"
            submit={(values, key) => api.post('/roadshow-session-requests/{id}/accept', { params: { path: { id: deciding.request.id } }, body: values, idempotencyKey: key })}
            onDone={done}
            submitLabel={t('roadshow.request.accept')}
          >
            <Field name="sessionId" label={t('roadshow.request.session')} extra={t('roadshow.request.sessionHint')}>
              <Select options={open.map((s) => ({ value: s.id, label: `${s.title} · ${formatRange(s.startsAt, s.endsAt)}` }))} />
            </Field>
            <NoteField />
          </ApiForm>
        )}
        {deciding && !deciding.accept && (
          <ApiForm<Schema<'DeclineSessionRequestDto'>, SessionRequest>
            schema="DeclineSessionRequestDto"
            submit={(values, key) => api.post('/roadshow-session-requests/{id}/decline', { params: { path: { id: deciding.request.id } }, body: values, idempotencyKey: key })}
            onDone={done}
            submitLabel={t('roadshow.request.decline')}
          >
            <NoteField name="reason" label={t('roadshow.request.reason')} rows={3} />
          </ApiForm>
        )}
      </Modal>
    </>
  );
}
