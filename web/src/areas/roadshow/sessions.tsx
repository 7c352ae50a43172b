import { Alert, Button, Calendar, Card, Col, Empty, List, Row, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, PageHeader, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { DownloadButton, LiveRoomLink, formatRange, IndustryTags, isNotFound, ProjectLink, seatsLeft, SessionLink, SessionPlace, SessionTypeTag, shanghaiDay, TitleWithStatus, useEnumOptions, useRegions, useVenues, RangeText } from './shared';
import type { AgendaSlot, Session, Venue } from './types';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

/** The hosting cities of a session: the host, then co-hosts of an alliance session. */
export function HostCities({ session }: { session: Session }) {
  const regions = useRegions();
  const { t } = useI18n();
  const pending = session.pendingCoHostCityCodes ?? [];
  return (
    <>
      {[session.hostCityCode, ...session.coHostCityCodes].map((c) => regions.name(c)).join(' · ')}
      {pending.length > 0 && <Typography.Text type="secondary">{`（${t('roadshow.cohost.pending', { cities: pending.map((c) => regions.name(c)).join('、') })}）`}</Typography.Text>}
    </>
  );
}

/** Investors' home: published sessions as a month calendar or a list, by type. */
export function SessionsCalendarPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const options = useEnumOptions();
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [type, setType] = useState<string>();
  const sessions = useApi('/roadshow-sessions', { params: { query: { status: 'published', type, limit: 500 } } });
  const venues = useVenues();
  const rows = sessions.data ?? [];
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const firstUpcoming = useMemo(() => rows.find((s) => Date.parse(s.endsAt) >= Date.now()), [rows]);
  // Open the calendar on the month of the next session, once, when the sessions arrive.
  useEffect(() => {
    if (firstUpcoming) setMonth(dayjs(shanghaiDay(firstUpcoming.startsAt)));
  }, [firstUpcoming?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const byDay = useMemo(() => {
    const map = new Map<string, Session[]>();
    for (const s of rows) map.set(shanghaiDay(s.startsAt), [...(map.get(shanghaiDay(s.startsAt)) ?? []), s]);
    return map;
  }, [rows]);
  const columns: TableColumnsType<Session> = [
    { title: t('roadshow.session.title'), key: 'title', render: (_, s) => <SessionLink session={s} /> },
    { title: t('roadshow.session.type'), dataIndex: 'type', render: (v: string) => <SessionTypeTag type={v} /> },
    { title: t('roadshow.session.time'), key: 'time', render: (_, s) => <RangeText from={s.startsAt} to={s.endsAt} /> },
    { title: t('roadshow.session.host'), key: 'host', render: (_, s) => <HostCities session={s} /> },
    { title: t('roadshow.session.place'), key: 'place', render: (_, s) => <SessionPlace session={s} venues={venues.data} /> },
    { title: t('roadshow.session.theme'), dataIndex: 'themeIndustries', render: (v: string[]) => <IndustryTags values={v} /> },
    { title: t('roadshow.session.capacity'), dataIndex: 'capacity', align: 'right' },
    { title: t('roadshow.session.seatsLeft'), key: 'left', align: 'right', render: (_, s) => <SeatsLeft session={s} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('roadshow.menu.calendar')}
        sub={t('roadshow.calendar.sub')}
        extra={
          <>
            <Select allowClear placeholder={t('roadshow.session.type')} aria-label={t('roadshow.session.type')} style={{ width: 140 }} options={options.sessionTypes} value={type} onChange={setType} data-testid="calendar-type" />
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'calendar' | 'list')}
              options={[
                { value: 'calendar', label: t('roadshow.calendar.month') },
                { value: 'list', label: t('roadshow.calendar.list') },
              ]}
              data-testid="calendar-view"
            />
          </>
        }
      />
      <LoadError error={sessions.error} retry={() => void sessions.reload()} />
      <Card data-testid="sessions-calendar">
        {view === 'calendar' ? (
          <Calendar
            value={month}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d) => setMonth(d)}
            // Our own header: antd's year and month selects carry no label a screen reader could read.
            headerRender={({ value, onChange }) => (
              <Space style={{ justifyContent: 'flex-end', width: '100%', marginBottom: 8 }} wrap>
                <Button size="small" onClick={() => onChange(value.subtract(1, 'month'))} data-testid="calendar-prev">
                  ‹ {t('roadshow.calendar.prevMonth')}
                </Button>
                <Typography.Text strong aria-live="polite" data-testid="calendar-month">
                  {value.format(lang === 'en' ? 'MMMM YYYY' : 'YYYY年M月')}
                </Typography.Text>
                <Button size="small" onClick={() => onChange(value.add(1, 'month'))} data-testid="calendar-next">
                  {t('roadshow.calendar.nextMonth')} ›
                </Button>
                <Button size="small" onClick={() => onChange(dayjs())}>
                  {t('roadshow.calendar.thisMonth')}
                </Button>
              </Space>
            )}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              return (
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((s) => (
                    <Tag
                      key={s.id}
                      color={s.type === 'cloud' ? 'geekblue' : s.type === 'alliance' ? 'purple' : 'blue'}
                      style={{ cursor: 'pointer', whiteSpace: 'normal', width: '100%' }}
                      onClick={() => navigate(`/roadshow/sessions/${s.id}`)}
                      data-testid={`calendar-session-${s.id}`}
                    >
                      {formatTime(s.startsAt).slice(-8, -3)} {s.title}
                    </Tag>
                  ))}
                </Space>
              );
            }}
          />
        ) : (
          <ResponsiveTable<Session> rowKey="id" loading={sessions.loading} dataSource={rows} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }} data-testid="sessions-table" locale={{ emptyText: <Empty description={t('roadshow.calendar.none')} /> }} />
        )}
      </Card>
    </>
  );
}

function SeatsLeft({ session }: { session: Session }) {
  const { t } = useI18n();
  const left = seatsLeft(session);
  return left > 0 ? <span>{left}</span> : <Tag color="warning">{t('roadshow.session.full')}</Tag>;
}

export function SessionFacts({ session, venues }: { session: Session; venues: Venue[] | undefined }) {
  const { t } = useI18n();
  return (
    <Facts
      title={t('roadshow.session.facts')}
      items={[
        [t('roadshow.session.type'), <SessionTypeTag key="type" type={session.type} />],
        [t('roadshow.session.time'), formatRange(session.startsAt, session.endsAt)],
        [t('roadshow.session.host'), <HostCities key="host" session={session} />],
        [t('roadshow.session.place'), <SessionPlace key="place" session={session} venues={venues} />],
        [t('roadshow.session.capacity'), session.capacity],
        [t('roadshow.session.seatsLeft'), <SeatsLeft key="left" session={session} />],
        [t('roadshow.session.slotLength'), t('roadshow.session.slotLengthValue', { pitch: session.pitchMinutes, qa: session.qaMinutes, n: session.slotCount })],
        [t('roadshow.session.theme'), <IndustryTags key="theme" values={session.themeIndustries} />],
        [t('roadshow.session.agendaVersion'), session.agendaVersion ? t('roadshow.agenda.version', { v: session.agendaVersion }) : t('roadshow.agenda.unpublished')],
      ]}
    />
  );
}

/** A published session as investors and other visitors see it: facts, agenda, versions and (investors) the RSVP. */
export function SessionPublicPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const [rev, setRev] = useState(0);
  const detail = useApi('/roadshow-sessions/{id}', { params: { path: { id } } }, { deps: [rev] });
  const venues = useVenues();
  const session = detail.data?.session;
  if (!session) return <LoadError error={detail.error} retry={() => void detail.reload()} />;
  return (
    <>
      <PageHeader
        title={<TitleWithStatus title={session.title} status={session.status} testId="session-title" />}
        extra={
          <>
            <LiveRoomLink session={session} />
            <DownloadButton path="/roadshow-sessions/{id}/agenda.ics" init={{ params: { path: { id: session.id } } }} filename={`session-${session.id.slice(0, 8)}.ics`} testId="session-ical">
              {t('roadshow.agenda.ical')}
            </DownloadButton>
          </>
        }
      />
      <SessionFacts session={session} venues={venues.data} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <PublishedAgenda sessionId={session.id} rev={rev} />
        </Col>
        <Col xs={24} xl={8}>
          {me.user.role === 'investor' && <RsvpCard session={session} onChange={() => setRev((r) => r + 1)} />}
          <AgendaVersions sessionId={session.id} rev={rev} />
        </Col>
      </Row>
    </>
  );
}

/** The investor's reply: a seat while there is one, else the waitlist (with its position); cancel frees it. */
function RsvpCard({ session, onChange }: { session: Session; onChange(): void }) {
  const { t, label } = useI18n();
  const [rev, setRev] = useState(0);
  const mine = useApi('/roadshow-sessions/{id}/rsvp', { params: { path: { id: session.id } } }, { deps: [rev] });
  const rsvp = mine.data && mine.data.status !== 'cancelled' ? mine.data : undefined;
  const done = () => {
    setRev((r) => r + 1);
    onChange();
  };
  const open = session.status === 'published';
  return (
    <Card title={t('roadshow.rsvp.title')} style={{ marginBottom: 16 }} data-testid="rsvp-card">
      {!isNotFound(mine.error) && <LoadError error={mine.error} retry={() => void mine.reload()} />}
      {rsvp ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space data-testid="rsvp-status" data-status={rsvp.status}>
            <Tag color={rsvp.status === 'confirmed' ? 'success' : 'warning'}>{label('roadshow.rsvpStatus', rsvp.status)}</Tag>
            {rsvp.status === 'waitlisted' && <span data-testid="waitlist-position">{t('roadshow.rsvp.position', { n: rsvp.waitlistPosition ?? '—' })}</span>}
            {rsvp.promotedAt && <Typography.Text type="secondary">{t('roadshow.rsvp.promoted', { time: formatTime(rsvp.promotedAt) })}</Typography.Text>}
          </Space>
          {open && (
            <ActionButton
              danger
              data-testid="rsvp-cancel"
              confirm={rsvp.status === 'confirmed' ? t('roadshow.rsvp.cancelConfirmSeat') : t('roadshow.rsvp.cancelConfirm')}
              action={(key) => api.post('/roadshow-sessions/{id}/rsvp/cancel', { params: { path: { id: session.id } }, idempotencyKey: key })}
              onDone={done}
            >
              {t('roadshow.rsvp.cancel')}
            </ActionButton>
          )}
        </Space>
      ) : open ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{seatsLeft(session) > 0 ? t('roadshow.rsvp.seatsLeft', { n: seatsLeft(session) }) : t('roadshow.rsvp.fullHint')}</Typography.Text>
          <ActionButton type="primary" data-testid="rsvp-button" action={(key) => api.post('/roadshow-sessions/{id}/rsvp', { params: { path: { id: session.id } }, idempotencyKey: key })} onDone={done} successMessage={t('roadshow.rsvp.sent')}>
            {seatsLeft(session) > 0 ? t('roadshow.rsvp.reply') : t('roadshow.rsvp.joinWaitlist')}
          </ActionButton>
        </Space>
      ) : (
        <Alert type="info" showIcon title={t('roadshow.rsvp.closed')} />
      )}
    </Card>
  );
}

/** The slots of an agenda, with links to the projects. */
export function AgendaSlotsTable({ slots, testId }: { slots: AgendaSlot[]; testId?: string }) {
  const { t, label } = useI18n();
  const me = useMe();
  // Investors and organisers open any scheduled project; an enterprise only its own; other roles none.
  const opens = (s: AgendaSlot) => ['investor', 'platform_admin'].includes(me.user.role) || (me.user.role === 'enterprise_user' && s.enterpriseName === me.organization.name);
  return (
    <ResponsiveTable<AgendaSlot>
      rowKey="slotId"
      size="small"
      dataSource={slots}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText: t('roadshow.agenda.empty') }}
      columns={[
        { title: '#', dataIndex: 'slotIndex', width: 48, render: (i: number) => i + 1 },
        { title: t('roadshow.session.time'), key: 'time', render: (_, s) => <RangeText from={s.startsAt} to={s.endsAt} /> },
        {
          title: t('roadshow.project.title'),
          key: 'project',
          render: (_, s) => (opens(s) ? <ProjectLink id={s.projectId} title={s.projectTitle} number={s.projectNumber} /> : `${s.projectNumber} ${s.projectTitle}`),
        },
        { title: t('roadshow.agenda.enterprise'), dataIndex: 'enterpriseName' },
        { title: t('roadshow.project.industry'), dataIndex: 'industry', render: (v: string) => label('roadshow.industry', v) },
        { title: t('roadshow.project.stage'), dataIndex: 'stage', render: (v: string) => label('roadshow.stage', v) },
      ]}
    />
  );
}

/** The latest published agenda of a session (organisers also see the draft before the first publication). */
export function PublishedAgenda({ sessionId, rev }: { sessionId: string; rev: number }) {
  const { t } = useI18n();
  const agenda = useApi('/roadshow-sessions/{id}/agenda', { params: { path: { id: sessionId } } }, { deps: [rev] });
  const a = agenda.data;
  return (
    <Card
      title={a ? `${t('roadshow.agenda.title')} · ${a.version ? t('roadshow.agenda.version', { v: a.version }) : t('roadshow.agenda.draft')}` : t('roadshow.agenda.title')}
      extra={a?.publishedAt && <Typography.Text type="secondary">{t('roadshow.agenda.publishedAt', { time: formatTime(a.publishedAt) })}</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      {isNotFound(agenda.error) ? <Empty description={t('roadshow.agenda.none')} /> : <LoadError error={agenda.error} retry={() => void agenda.reload()} />}
      {a && <AgendaSlotsTable slots={a.slots} testId="session-agenda" />}
    </Card>
  );
}

/** Every published version with its changelog (added, moved, removed). */
export function AgendaVersions({ sessionId, rev }: { sessionId: string; rev: number }) {
  const { t, label } = useI18n();
  const me = useMe();
  const opens = ['investor', 'platform_admin'].includes(me.user.role);
  const versions = useApi('/roadshow-sessions/{id}/agenda-versions', { params: { path: { id: sessionId } } }, { deps: [rev] });
  const list = [...(versions.data ?? [])].reverse();
  return (
    <Card title={t('roadshow.agenda.versions')} style={{ marginBottom: 16 }} data-testid="agenda-versions">
      <LoadError error={versions.error} retry={() => void versions.reload()} />
      {list.length === 0 && !versions.loading ? (
        <Empty description={t('roadshow.agenda.unpublished')} />
      ) : (
        <Timeline
          items={list.map((v) => ({
            children: (
              <div>
                <Typography.Text strong>{t('roadshow.agenda.version', { v: v.version })}</Typography.Text> <Typography.Text type="secondary">{formatTime(v.publishedAt)}</Typography.Text>
                <List
                  size="small"
                  split={false}
                  dataSource={v.changelog}
                  locale={{ emptyText: '—' }}
                  renderItem={(c) => (
                    <List.Item style={{ padding: '2px 0' }}>
                      <Space wrap size={4}>
                        <Tag color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'orange'}>{label('roadshow.change', c.change)}</Tag>
                        {opens ? <Link to={`/roadshow/projects/${c.projectId}`}>{c.projectTitle}</Link> : c.projectTitle}
                        <Typography.Text type="secondary">
                          {c.fromStartsAt ? formatTime(c.fromStartsAt) : ''}
                          {c.fromStartsAt && c.toStartsAt ? ' → ' : ''}
                          {c.toStartsAt ? formatTime(c.toStartsAt) : ''}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The investor's agenda: published sessions where they hold a seat, with an iCal download. */
export function MyAgendaPage() {
  const { t } = useI18n();
  const agenda = useApi('/investor-agenda');
  const agendas = agenda.data?.agendas ?? [];
  return (
    <>
      <PageHeader
        title={t('roadshow.menu.myAgenda')}
        sub={t('roadshow.myAgenda.sub')}
        extra={
          <>
            <Button onClick={() => void agenda.reload()}>{t('action.refresh')}</Button>
            <DownloadButton type="primary" path="/investor-agenda.ics" filename="my-roadshow-agenda.ics" testId="my-agenda-ical">
              {t('roadshow.agenda.ical')}
            </DownloadButton>
          </>
        }
      />
      <LoadError error={agenda.error} retry={() => void agenda.reload()} />
      {agendas.length === 0 && !agenda.loading && (
        <Card>
          <Empty description={t('roadshow.myAgenda.none')}>
            <Link to="/roadshow/sessions">{t('roadshow.menu.calendar')}</Link>
          </Empty>
        </Card>
      )}
      <div data-testid="my-agenda">
        {agendas.map((a) => (
          <Card
            key={a.session.id}
            style={{ marginBottom: 16 }}
            title={
              <Space wrap>
                <SessionLink session={a.session} />
                <SessionTypeTag type={a.session.type} />
                <Tag>{t('roadshow.agenda.version', { v: a.version })}</Tag>
              </Space>
            }
            extra={formatRange(a.session.startsAt, a.session.endsAt)}
          >
            <Typography.Paragraph type="secondary">
              {t('roadshow.session.place')}：{a.location ?? '—'}
            </Typography.Paragraph>
            <AgendaSlotsTable slots={a.slots} />
          </Card>
        ))}
      </div>
    </>
  );
}
