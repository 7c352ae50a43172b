import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Form, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { PageHeader, StatusTag } from '../../app/common';
import { LoadError } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useMe } from '../../app/auth';
import { SchedulerPanel } from './organiser-session';
import { HostCities } from './sessions';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { IndustriesField, IndustryTags, SessionLink, SessionPlace, SessionTypeTag, isHostCity, seatsLeft, useEnumOptions, useRegions, useVenues, TimeWindowFields, RangeText } from './shared';
import { SESSION_STATUSES } from './types';
import type { Session, Venue } from './types';

/** Venues (路演场地) of the host cities, with their capacity. */
export function VenuesPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const venues = useVenues();
  const city = useOrganiserCity();
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t(city ? 'roadshow.menu.cityVenues' : 'roadshow.menu.venues')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="venue-new">
            {t('roadshow.venue.new')}
          </Button>
        }
      />
      <Card>
        <LoadError error={venues.error} retry={() => void venues.reload()} />
        <Table<Venue>
          rowKey="id"
          loading={venues.loading}
          dataSource={(venues.data ?? []).filter((v) => !city || v.cityCode === city)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="venue-table"
          columns={[
            { title: t('roadshow.venue.name'), dataIndex: 'name' },
            { title: t('roadshow.venue.city'), dataIndex: 'cityCode', render: (c: string) => regions.name(c) },
            { title: t('roadshow.venue.address'), dataIndex: 'address', render: (a: string) => a || '—' },
            { title: t('roadshow.session.capacity'), dataIndex: 'capacity', align: 'right' },
          ]}
        />
      </Card>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('roadshow.venue.new')} size={520} destroyOnHidden>
        <ApiForm<Omit<Venue, 'id'>, Venue>
          schema="CreateVenueDto"
          testId="venue-form"
          initialValues={{ cityCode: city ?? '330400' }}
          submit={(values, key) => api.post('/roadshow-venues', { body: values, idempotencyKey: key })}
          onDone={() => {
            setOpen(false);
            void venues.reload();
          }}
          successMessage={t('roadshow.venue.created')}
        >
          <Field name="name" label={t('roadshow.venue.name')}>
            <Input maxLength={200} />
          </Field>
          <Field name="cityCode" label={t('roadshow.venue.city')}>
            <Select options={regions.options(isHostCity)} disabled={!!city} data-testid="venue-city" />
          </Field>
          <Field name="address" label={t('roadshow.venue.address')}>
            <Input maxLength={300} />
          </Field>
          <Field name="capacity" label={t('roadshow.session.capacity')}>
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Field>
        </ApiForm>
      </Drawer>
    </>
  );
}

type SessionValues = Schema<'CreateSessionDto'>;

const SESSION_INITIAL: Partial<SessionValues> = { type: 'custom', hostCityCode: '330400', pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], coHostCityCodes: [], liveAccess: 'registered' };

/** Creates a draft session; which fields apply depends on the type (venue for in-person, stream link for cloud). */
function CreateSessionForm({ onDone }: { onDone(session: Session): void }) {
  const { t } = useI18n();
  const regions = useRegions();
  const venues = useVenues();
  const options = useEnumOptions();
  // A city's organisers host in their own city only.
  const city = useOrganiserCity();
  const initial = { ...SESSION_INITIAL, hostCityCode: city ?? SESSION_INITIAL.hostCityCode };
  const [form] = Form.useForm<SessionValues>();
  const type = Form.useWatch('type', form) ?? 'custom';
  // useWatch answers undefined until after the first render; the initial host is known now.
  const host = Form.useWatch('hostCityCode', form) ?? initial.hostCityCode;
  const cloud = type === 'cloud';
  return (
    <ApiForm<SessionValues, Session>
      form={form}
      schema="CreateSessionDto"
      testId="session-form"
      initialValues={initial}
      submit={(v, key) => {
        const body: SessionValues = { ...v };
        if (cloud) delete body.venueId;
        // An in-person session with a stream is hybrid; without one it has no live page.
        else if (!body.streamUrl) delete body.streamUrl;
        if (type !== 'alliance') delete body.coHostCityCodes;
        return api.post('/roadshow-sessions', { body, idempotencyKey: key });
      }}
      onDone={onDone}
      successMessage={t('roadshow.session.created')}
    >
      <Field name="title" label={t('roadshow.session.title')}>
        <Input maxLength={200} />
      </Field>
      <Field name="type" label={t('roadshow.session.type')}>
        <Radio.Group optionType="button" options={options.sessionTypes} data-testid="session-type" />
      </Field>
      <Typography.Paragraph type="secondary">{t(`roadshow.sessionTypeHint.${type}`)}</Typography.Paragraph>
      <Field name="hostCityCode" label={t('roadshow.session.hostCity')}>
        <Select options={regions.options(isHostCity)} disabled={!!city} data-testid="session-host" />
      </Field>
      {type === 'alliance' && (
        <Field name="coHostCityCodes" label={t('roadshow.session.coHosts')}>
          <Select mode="multiple" options={regions.options((r) => r.isG60 && r.code !== host)} data-testid="session-cohosts" />
        </Field>
      )}
      <Field name="streamUrl" label={t('roadshow.session.streamUrl')} extra={cloud ? t('roadshow.session.streamHint') : t('roadshow.session.hybridHint')}>
        <Input placeholder="https://" maxLength={500} />
      </Field>
      <Field name="liveAccess" label={t('roadshow.session.liveAccess')}>
        <Radio.Group
          optionType="button"
          data-testid="session-live-access"
          options={[
            { value: 'registered', label: t('roadshow.liveAccess.registered') },
            { value: 'public', label: t('roadshow.liveAccess.public') },
          ]}
        />
      </Field>
      {!cloud && (
        // Disabled until the venues are loaded: a list opened empty, then filled and re-aligned under the pointer, lost the click.
        <Field name="venueId" label={t('roadshow.session.venue')} extra={t('roadshow.session.venueHint')}>
          <Select
            data-testid="session-venue"
            loading={venues.loading}
            disabled={!venues.data}
            options={(venues.data ?? []).filter((v) => v.cityCode === host).map((v) => ({ value: v.id, label: `${v.name}（${t('roadshow.venue.seats', { n: v.capacity })}）` }))}
          />
        </Field>
      )}
      <Field name="capacity" label={t('roadshow.session.capacity')} extra={cloud ? t('roadshow.session.capacityCloud') : t('roadshow.session.capacityVenue')}>
        <InputNumber min={1} max={100000} style={{ width: '100%' }} />
      </Field>
      <TimeWindowFields from="startsAt" to="endsAt" fromLabel={t('roadshow.session.startsAt')} toLabel={t('roadshow.session.endsAt')} />
      <Space size="large" wrap>
        <Field name="pitchMinutes" label={t('roadshow.session.pitchMinutes')}>
          <InputNumber min={1} max={120} />
        </Field>
        <Field name="qaMinutes" label={t('roadshow.session.qaMinutes')}>
          <InputNumber min={0} max={120} />
        </Field>
      </Space>
      <IndustriesField name="themeIndustries" label={t('roadshow.session.theme')} extra={t('roadshow.session.themeHint')} />
    </ApiForm>
  );
}

/** The organiser's sessions: every status, new drafts, and the scheduler over several sessions at once. */
export function SessionsAdminPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const options = useEnumOptions();
  const venues = useVenues();
  const city = useOrganiserCity();
  const [filters, setFilters] = useState<{ status?: string; type?: string }>({});
  // A city organiser's list: sessions its city hosts, co-hosts or is invited to.
  const list = usePagedList('/roadshow-sessions', { params: { query: city ? { ...filters, cityCode: city } : filters } });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Session[]>([]);
  const [scheduling, setScheduling] = useState(false);
  const columns: TableColumnsType<Session> = [
    { title: t('roadshow.session.title'), key: 'title', render: (_, s) => <SessionLink session={s} /> },
    { title: t('roadshow.session.type'), dataIndex: 'type', render: (v: string) => <SessionTypeTag type={v} /> },
    { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
    { title: t('roadshow.session.time'), key: 'time', render: (_, s) => <RangeText from={s.startsAt} to={s.endsAt} /> },
    { title: t('roadshow.session.host'), key: 'host', render: (_, s) => <HostCities session={s} /> },
    { title: t('roadshow.session.place'), key: 'place', render: (_, s) => <SessionPlace session={s} venues={venues.data} /> },
    { title: t('roadshow.session.theme'), dataIndex: 'themeIndustries', render: (v: string[]) => <IndustryTags values={v} /> },
    { title: t('roadshow.session.slots'), dataIndex: 'slotCount', align: 'right' },
    { title: t('roadshow.session.seatsLeft'), key: 'seats', align: 'right', render: (_, s) => `${seatsLeft(s)} / ${s.capacity}` },
    { title: t('roadshow.session.agendaVersion'), dataIndex: 'agendaVersion', align: 'right', render: (v: number) => (v ? `v${v}` : '—') },
  ];
  return (
    <>
      <PageHeader
        title={t(city ? 'roadshow.menu.citySessions' : 'roadshow.menu.sessions')}
        extra={
          <>
            <Button disabled={!selected.length} onClick={() => setScheduling(true)} data-testid="sessions-schedule">
              {t('roadshow.scheduler.runSelected', { n: selected.length })}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="session-new">
              {t('roadshow.session.new')}
            </Button>
          </>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear placeholder={t('common.status')} aria-label={t('common.status')} style={{ width: 140 }} value={filters.status} onChange={(status) => setFilters({ ...filters, status })} options={SESSION_STATUSES.map((s) => ({ value: s, label: label('status', s) }))} />
          <Select allowClear placeholder={t('roadshow.session.type')} aria-label={t('roadshow.session.type')} style={{ width: 140 }} value={filters.type} onChange={(type) => setFilters({ ...filters, type })} options={options.sessionTypes} />
        </Space>
        <PagedTable<Session>
          list={list}
          columns={columns}
          rowKey="id"
          testId="session-table"
          rowSelection={{
            selectedRowKeys: selected.map((s) => s.id),
            onChange: (_, rows) => setSelected(rows),
            getCheckboxProps: (s) => ({ disabled: (s.status !== 'draft' && s.status !== 'published') || (!!city && s.hostCityCode !== city) }),
          }}
        />
      </Card>
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('roadshow.session.new')} size={640} destroyOnHidden>
        <CreateSessionForm onDone={(s) => navigate(`/roadshow/sessions/${s.id}`)} />
      </Drawer>
      <Drawer open={scheduling} onClose={() => setScheduling(false)} title={t('roadshow.scheduler.title')} size={960} destroyOnHidden>
        <SchedulerPanel sessions={selected} onApplied={() => void list.reload()} />
      </Drawer>
    </>
  );
}

/** The city a roadshow organiser acts for (its organisation's region); null for the platform. */
export function useOrganiserCity(): string | null {
  const me = useMe();
  return me.user.role === 'roadshow_organiser' ? me.organization.regionCode : null;
}
