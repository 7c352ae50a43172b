import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Empty, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { AllianceStats } from '../../features/roadshows/alliance-stats';
import { isAllianceCity, NoteField, RangeText, SessionLink, useRegions } from './shared';

type Invitation = Schema<'CoHostInvitationDto'>;
type Referral = Schema<'ReferralDto'>;
type Series = Schema<'SeriesDto'>;
type CityFigures = Schema<'AllianceCityStatsDto'>;

/**
 * The nine-city alliance (路演联盟): for a city's organisers, their city's co-host invitations, referrals, the
 * series they rotate in and their city's statistics; for the platform, the whole alliance. The API decides what
 * each may see and do; this page only shows it.
 */
export function AlliancePage() {
  const { t } = useI18n();
  const me = useMe();
  const regions = useRegions();
  const city = me.user.role === 'roadshow_organiser' ? me.organization.regionCode : null;
  return (
    <>
      <PageHeader title={t('roadshow.alliance.title')} sub={city ? t('roadshow.alliance.sub', { city: regions.name(city) }) : t('roadshow.alliance.subAdmin')} />
      <Tabs
        data-testid="alliance-tabs"
        items={[
          { key: 'invitations', label: t('roadshow.alliance.tab.invitations'), children: <Invitations city={city} /> },
          { key: 'referrals', label: t('roadshow.alliance.tab.referrals'), children: <Referrals city={city} /> },
          { key: 'series', label: t('roadshow.alliance.tab.series'), children: <SeriesList city={city} /> },
          { key: 'stats', label: t('roadshow.alliance.tab.stats'), children: <AllianceStats /> },
        ]}
      />
    </>
  );
}

/** A reason asked for in a small dialog, then `act(reason)`. */
function ReasonButton({ label, title, required, act, onDone, testId }: { label: string; title: string; required: boolean; act(reason: string | undefined, key: string): Promise<unknown>; onDone(): void; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal open={open} title={title} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Input.TextArea rows={3} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={t('roadshow.cohost.reason')} data-testid={`${testId}-reason`} />
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <ActionButton
            danger
            disabled={required && reason.trim().length < 2}
            data-testid={`${testId}-confirm`}
            action={(key) => act(reason.trim() || undefined, key)}
            onDone={() => {
              setOpen(false);
              onDone();
            }}
          >
            {label}
          </ActionButton>
        </div>
      </Modal>
    </>
  );
}

function Invitations({ city }: { city: string | null }) {
  const { t } = useI18n();
  const regions = useRegions();
  const list = useApi('/roadshow-cohost-invitations');
  return (
    <Card>
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Table<Invitation>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        data-testid="cohost-invitations"
        locale={{ emptyText: <Empty description={t('roadshow.cohost.none')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('roadshow.cohost.session'), key: 'session', render: (_, i) => <SessionLink session={{ id: i.sessionId, title: i.sessionTitle }} /> },
          // On a phone: the session, its status and the answer buttons; the rest from md up.
          { title: t('roadshow.cohost.startsAt'), dataIndex: 'sessionStartsAt', responsive: ['md'], render: (at: string) => formatTime(at) },
          { title: t('roadshow.cohost.host'), dataIndex: 'hostCityCode', responsive: ['md'], render: (c: string) => regions.name(c) },
          ...(city ? [] : [{ title: t('roadshow.cohost.city'), dataIndex: 'cityCode', render: (c: string) => regions.name(c) }]),
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.cohostStatus" /> },
          { title: t('roadshow.cohost.reason'), dataIndex: 'reason', responsive: ['md'], render: (r: string | null) => r ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, i) =>
              city && i.status === 'invited' ? (
                <Space>
                  <ActionButton
                    size="small"
                    type="primary"
                    data-testid="cohost-accept"
                    action={(key) => api.post('/roadshow-sessions/{id}/cohost-invitations/{cityCode}/accept', { params: { path: { id: i.sessionId, cityCode: i.cityCode } }, body: {}, idempotencyKey: key })}
                    onDone={() => void list.reload()}
                    successMessage={t('roadshow.cohost.accepted')}
                  >
                    {t('roadshow.cohost.accept')}
                  </ActionButton>
                  <ReasonButton
                    label={t('roadshow.cohost.decline')}
                    title={t('roadshow.cohost.declineTitle')}
                    required={false}
                    testId="cohost-decline"
                    act={(reason, key) => api.post('/roadshow-sessions/{id}/cohost-invitations/{cityCode}/decline', { params: { path: { id: i.sessionId, cityCode: i.cityCode } }, body: { reason }, idempotencyKey: key })}
                    onDone={() => void list.reload()}
                  />
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Referrals({ city }: { city: string | null }) {
  const { t } = useI18n();
  const regions = useRegions();
  const list = useApi('/roadshow-referrals');
  const [creating, setCreating] = useState(false);
  const rows = list.data ?? [];
  const table = (data: Referral[], side: 'in' | 'out', testId: string) => (
    <Table<Referral>
      rowKey="id"
      size="small"
      dataSource={data}
      data-testid={testId}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('roadshow.referral.none')} /> }}
      columns={[
        { title: t('roadshow.referral.project'), key: 'project', render: (_, r) => `${r.projectTitle}（${r.projectNumber}）` },
        { title: t('roadshow.referral.from'), dataIndex: 'fromCityCode', responsive: ['md'], render: (c: string) => regions.name(c) },
        { title: t('roadshow.referral.to'), dataIndex: 'toCityCode', responsive: ['md'], render: (c: string) => regions.name(c) },
        { title: t('roadshow.referral.session'), key: 'session', responsive: ['md'], render: (_, r) => (r.sessionId ? <SessionLink session={{ id: r.sessionId, title: r.sessionTitle ?? '' }} /> : t('roadshow.referral.nextSession')) },
        { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.referralStatus" /> },
        { title: t('roadshow.referral.note'), key: 'note', responsive: ['md'], render: (_, r) => r.declineReason ?? r.note ?? '—' },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, r) =>
            !city || r.status !== 'pending' ? null : side === 'in' ? (
              <Space>
                <ActionButton
                  size="small"
                  type="primary"
                  data-testid="referral-accept"
                  action={(key) => api.post('/roadshow-referrals/{id}/accept', { params: { path: { id: r.id } }, idempotencyKey: key })}
                  onDone={() => void list.reload()}
                  successMessage={t('roadshow.referral.accepted')}
                >
                  {t('roadshow.referral.accept')}
                </ActionButton>
                <ReasonButton
                  label={t('roadshow.referral.decline')}
                  title={t('roadshow.referral.declineTitle')}
                  required
                  testId="referral-decline"
                  act={(reason, key) => api.post('/roadshow-referrals/{id}/decline', { params: { path: { id: r.id } }, body: { reason: reason ?? '' }, idempotencyKey: key })}
                  onDone={() => void list.reload()}
                />
              </Space>
            ) : (
              <ActionButton
                size="small"
                confirm={t('roadshow.referral.withdrawConfirm')}
                action={(key) => api.post('/roadshow-referrals/{id}/withdraw', { params: { path: { id: r.id } }, idempotencyKey: key })}
                onDone={() => void list.reload()}
              >
                {t('roadshow.referral.withdraw')}
              </ActionButton>
            ),
        },
      ]}
    />
  );
  return (
    <Card
      extra={
        city && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="referral-new">
            {t('roadshow.referral.new')}
          </Button>
        )
      }
    >
      <LoadError error={list.error} retry={() => void list.reload()} />
      {city ? (
        <>
          <Typography.Title level={5}>{t('roadshow.referral.in')}</Typography.Title>
          {table(rows.filter((r) => r.toCityCode === city), 'in', 'referrals-in')}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('roadshow.referral.out')}
          </Typography.Title>
          {table(rows.filter((r) => r.fromCityCode === city), 'out', 'referrals-out')}
        </>
      ) : (
        table(rows, 'out', 'referrals-all')
      )}
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('roadshow.referral.new')} size={560} destroyOnHidden>
        {city && (
          <ReferralForm
            city={city}
            onDone={() => {
              setCreating(false);
              void list.reload();
            }}
          />
        )}
      </Drawer>
    </Card>
  );
}

function ReferralForm({ city, onDone }: { city: string; onDone(): void }) {
  const { t } = useI18n();
  const regions = useRegions();
  const projects = useApi('/roadshow-city-projects');
  const [to, setTo] = useState<string>();
  const sessions = useApi('/roadshow-sessions', to ? { params: { query: { cityCode: to, status: 'published', limit: 100 } } } : null);
  return (
    <ApiForm<Schema<'CreateReferralDto'>, Referral>
      schema="CreateReferralDto"
      testId="referral-form"
      submit={(v, key) => api.post('/roadshow-referrals', { body: v, idempotencyKey: key })}
      onDone={onDone}
      successMessage={t('roadshow.referral.created')}
    >
      <Field name="projectId" label={t('roadshow.referral.project')}>
        <Select loading={projects.loading} options={(projects.data ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.number}）` }))} />
      </Field>
      <Field name="toCityCode" label={t('roadshow.referral.to')}>
        <Select options={regions.options((r) => isAllianceCity(r) && r.code !== city)} onChange={(v: string) => setTo(v)} />
      </Field>
      <Field name="sessionId" label={t('roadshow.referral.session')}>
        <Select allowClear placeholder={t('roadshow.referral.nextSession')} options={(sessions.data ?? []).filter((s) => s.hostCityCode === to).map((s) => ({ value: s.id, label: s.title }))} />
      </Field>
      <NoteField label={t('roadshow.referral.note')} />
    </ApiForm>
  );
}

function SeriesList({ city }: { city: string | null }) {
  const { t } = useI18n();
  const regions = useRegions();
  const list = useApi('/roadshow-series');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  const detail = useApi('/roadshow-series/{id}', open ? { params: { path: { id: open } } } : null);
  return (
    <Card
      extra={
        !city && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="series-new">
            {t('roadshow.series.new')}
          </Button>
        )
      }
    >
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Table<Series>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        data-testid="series-table"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('roadshow.series.none')} /> }}
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (expanded, s) => setOpen(expanded ? s.id : undefined),
          expandedRowRender: () => (
            <Space orientation="vertical" size={4}>
              {(detail.data?.sessions ?? []).map((s) => (
                <Space key={s.id} wrap>
                  <Tag>{t('roadshow.series.seq', { n: s.seriesSeq ?? 0 })}</Tag>
                  <SessionLink session={s} />
                  <Typography.Text type="secondary">{regions.name(s.hostCityCode)}</Typography.Text>
                  <RangeText from={s.startsAt} to={s.endsAt} />
                  <StatusTag status={s.status} />
                </Space>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: t('roadshow.series.title'), dataIndex: 'title' },
          {
            title: t('roadshow.series.rotation'),
            key: 'rotation',
            render: (_, s) => (
              <Space size={[4, 4]} wrap data-testid="series-rotation">
                {s.rotationCityCodes.map((c, i) => (
                  <Tag key={c} color={c === s.nextHostCityCode ? 'purple' : s.optedOutCityCodes.includes(c) ? undefined : 'blue'} style={s.optedOutCityCodes.includes(c) ? { textDecoration: 'line-through' } : undefined}>
                    {i + 1}. {regions.name(c)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('roadshow.series.next'), dataIndex: 'nextHostCityCode', render: (c: string | null) => (c ? <Tag color="purple">{regions.name(c)}</Tag> : t('roadshow.series.nobody')) },
          { title: t('roadshow.stats.hosted'), dataIndex: 'sessionsCreated', render: (n: number) => t('roadshow.series.sessions', { n }) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, s) =>
              city && s.rotationCityCodes.includes(city) ? (
                <ActionButton
                  size="small"
                  action={(key) =>
                    s.optedOutCityCodes.includes(city)
                      ? api.post('/roadshow-series/{id}/opt-in', { params: { path: { id: s.id } }, body: {}, idempotencyKey: key })
                      : api.post('/roadshow-series/{id}/opt-out', { params: { path: { id: s.id } }, body: {}, idempotencyKey: key })
                  }
                  onDone={() => void list.reload()}
                >
                  {s.optedOutCityCodes.includes(city) ? t('roadshow.series.optIn') : t('roadshow.series.optOut')}
                </ActionButton>
              ) : null,
          },
        ]}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('roadshow.series.new')} size={560} destroyOnHidden>
        <ApiForm<Schema<'CreateSeriesDto'>, Series>
          schema="CreateSeriesDto"
          testId="series-form"
          submit={(v, key) => api.post('/roadshow-series', { body: v, idempotencyKey: key })}
          onDone={() => {
            setCreating(false);
            void list.reload();
          }}
          successMessage={t('roadshow.series.created')}
        >
          <Field name="title" label={t('roadshow.series.title')}>
            <Input maxLength={200} />
          </Field>
          <Field name="rotationCityCodes" label={t('roadshow.series.rotation')} extra={t('roadshow.series.rotationHint')}>
            <Select mode="multiple" options={regions.options(isAllianceCity)} />
          </Field>
        </ApiForm>
      </Drawer>
    </Card>
  );
}
