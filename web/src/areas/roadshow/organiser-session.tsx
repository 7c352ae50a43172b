import { Alert, Button, Card, Col, Empty, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useMe } from '../../app/auth';
import { AgendaVersions, PublishedAgenda, SessionFacts } from './sessions';
import { DownloadButton, formatRange, ProjectLink, TitleWithStatus, useVenues, RangeText, LiveRoomLink, useReasonText, useRegions } from './shared';
import { SCHEDULABLE } from './types';
import type { Rsvp, ScheduleResult, Session, SessionDetail, Slot, SlotChange, Warning } from './types';

/**
 * Projects the scheduler and manual edits may place (screened, coached, scheduled), by id. A city organiser gets its
 * city's: its own projects and those it accepted from other cities (GET /roadshow-city-projects).
 */
export function useSchedulableProjects() {
  const city = useMe().user.role === 'roadshow_organiser';
  // null waits: only one of the two sources loads.
  const screened = useApi('/roadshow-projects', city ? null : { params: { query: { status: 'screened', limit: 500 } } });
  const coached = useApi('/roadshow-projects', city ? null : { params: { query: { status: 'coached', limit: 500 } } });
  const scheduled = useApi('/roadshow-projects', city ? null : { params: { query: { status: 'scheduled', limit: 500 } } });
  const own = useApi('/roadshow-city-projects', city ? {} : null);
  const all: { id: string; title: string; number: string; industry: string; status: string }[] = city ? (own.data ?? []) : [...(screened.data ?? []), ...(coached.data ?? []), ...(scheduled.data ?? [])];
  return { all, byId: new Map(all.map((p) => [p.id, p])), loading: city ? own.loading : screened.loading || coached.loading || scheduled.loading };
}

/** The organiser's workbench for one session: slots, the scheduler, publishing, agenda versions and RSVPs. */
export function SessionAdminPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [rev, setRev] = useState(0);
  const bump = () => setRev((r) => r + 1);
  const detail = useApi('/roadshow-sessions/{id}', { params: { path: { id } } }, { deps: [rev] });
  const venues = useVenues();
  const session = detail.data?.session;
  if (!session || !detail.data) return <LoadError error={detail.error} retry={() => void detail.reload()} />;
  const editable = session.status === 'draft' || session.status === 'published';
  return (
    <>
      <PageHeader
        title={<TitleWithStatus title={session.title} status={session.status} testId="session-title" />}
        sub={t('roadshow.session.adminSub')}
        extra={
          <>
            <LiveRoomLink session={session} />
            {editable && (
              <ActionButton
                type="primary"
                data-testid="session-publish"
                confirm={session.status === 'draft' ? t('roadshow.session.publishConfirm') : t('roadshow.session.republishConfirm')}
                action={(key) => api.post('/roadshow-sessions/{id}/publish', { params: { path: { id: session.id } }, idempotencyKey: key })}
                onDone={bump}
                successMessage={t('roadshow.session.published')}
              >
                {session.status === 'draft' ? t('roadshow.session.publish') : t('roadshow.session.republish')}
              </ActionButton>
            )}
            {session.status === 'published' && (
              <ActionButton
                data-testid="session-finish"
                confirm={t('roadshow.session.finishConfirm')}
                action={(key) => api.post('/roadshow-sessions/{id}/finish', { params: { path: { id: session.id } }, idempotencyKey: key })}
                onDone={bump}
              >
                {t('roadshow.session.finish')}
              </ActionButton>
            )}
            {editable && (
              <ActionButton
                danger
                data-testid="session-cancel"
                confirm={t('roadshow.session.cancelConfirm')}
                action={(key) => api.post('/roadshow-sessions/{id}/cancel', { params: { path: { id: session.id } }, idempotencyKey: key })}
                onDone={bump}
              >
                {t('roadshow.session.cancel')}
              </ActionButton>
            )}
            {session.agendaVersion > 0 && (
              <DownloadButton path="/roadshow-sessions/{id}/agenda.ics" init={{ params: { path: { id: session.id } } }} filename={`session-${session.id.slice(0, 8)}.ics`}>
                {t('roadshow.agenda.ical')}
              </DownloadButton>
            )}
          </>
        }
      />
      <SessionFacts session={session} venues={venues.data} />
      {session.type === 'alliance' && <CoHostCard session={session} editable={editable} onChange={bump} />}
      {editable && (
        <Card title={t('roadshow.scheduler.title')} style={{ marginBottom: 16 }}>
          <SchedulerPanel sessions={[session]} onApplied={bump} />
        </Card>
      )}
      <SlotGrid detail={detail.data} editable={editable} onChange={bump} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <PublishedAgenda sessionId={session.id} rev={rev} />
          <RsvpList sessionId={session.id} rev={rev} />
        </Col>
        <Col xs={24} xl={10}>
          <AgendaVersions sessionId={session.id} rev={rev} />
        </Col>
      </Row>
    </>
  );
}

/** Runs the automatic scheduler (preview or apply) and shows every placement and every project left out, with reasons. */
export function SchedulerPanel({ sessions, onApplied }: { sessions: Pick<Session, 'id' | 'title'>[]; onApplied?(): void }) {
  const { t, label } = useI18n();
  const projects = useSchedulableProjects();
  const why = useReasonText();
  const [result, setResult] = useState<ScheduleResult>();
  const run = (apply: boolean) => (key: string) => api.post('/roadshow-scheduling/runs', { body: { sessionIds: sessions.map((s) => s.id), apply }, idempotencyKey: key });
  const title = (projectId: string) => {
    const p = projects.byId.get(projectId);
    return p ? <ProjectLink id={p.id} title={p.title} number={p.number} /> : <ProjectLink id={projectId} title={projectId.slice(0, 8)} />;
  };
  const sessionTitle = (sessionId: string) => sessions.find((s) => s.id === sessionId)?.title ?? sessionId.slice(0, 8);
  return (
    <div data-testid="scheduler">
      <Typography.Paragraph type="secondary">{t('roadshow.scheduler.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <ActionButton data-testid="scheduler-preview" disabled={!sessions.length} action={run(false)} onDone={(r) => setResult(r as ScheduleResult)} successMessage={t('roadshow.scheduler.previewed')}>
          {t('roadshow.scheduler.preview')}
        </ActionButton>
        <ActionButton
          type="primary"
          data-testid="scheduler-apply"
          disabled={!sessions.length}
          confirm={t('roadshow.scheduler.applyConfirm')}
          action={run(true)}
          onDone={(r) => {
            setResult(r as ScheduleResult);
            onApplied?.();
          }}
          successMessage={t('roadshow.scheduler.applied')}
        >
          {t('roadshow.scheduler.apply')}
        </ActionButton>
      </Space>
      {result && (
        <div data-testid="scheduler-result" data-applied={result.applied}>
          <Alert type={result.applied ? 'success' : 'info'} showIcon style={{ marginBottom: 16 }} title={result.applied ? t('roadshow.scheduler.resultApplied') : t('roadshow.scheduler.resultPreview')} />
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}><Statistic title={t('roadshow.scheduler.projects')} value={result.stats.projects} /></Col>
            <Col span={6}><Statistic title={t('roadshow.scheduler.placed')} value={result.stats.placed} /></Col>
            <Col span={6}><Statistic title={t('roadshow.scheduler.freeBefore')} value={result.stats.freeSlotsBefore} /></Col>
            <Col span={6}><Statistic title={t('roadshow.scheduler.freeAfter')} value={result.stats.freeSlotsAfter} /></Col>
          </Row>
          <Typography.Title level={5}>{t('roadshow.scheduler.placements')}</Typography.Title>
          <Table
            rowKey={(p) => `${p.sessionId}-${p.slotIndex}`}
            size="small"
            pagination={false}
            dataSource={result.placements}
            data-testid="scheduler-placements"
            locale={{ emptyText: t('roadshow.scheduler.noPlacements') }}
            columns={[
              { title: t('roadshow.project.title'), key: 'project', render: (_, p) => title(p.projectId) },
              ...(sessions.length > 1 ? [{ title: t('roadshow.session.title'), key: 'session', render: (_: unknown, p: { sessionId: string }) => sessionTitle(p.sessionId) }] : []),
              { title: t('roadshow.slot.index'), dataIndex: 'slotIndex', render: (i: number) => i + 1 },
              { title: t('roadshow.session.time'), key: 'time', render: (_, p) => <RangeText from={p.startsAt} to={p.endsAt} /> },
              {
                title: t('roadshow.scheduler.explanation'),
                key: 'why',
                render: (_, p) => (
                  <Space orientation="vertical" size={2}>
                    {p.reasonCodes.map((r) => (
                      <Typography.Text key={r.code}>{why(r)}</Typography.Text>
                    ))}
                    {p.warningCodes.map((w) => (
                      <Typography.Text key={w.code} type="warning">
                        ⚠ {why(w)}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          {result.unplaced.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('roadshow.scheduler.unplaced')}
              </Typography.Title>
              <Table
                rowKey="projectId"
                size="small"
                pagination={false}
                dataSource={result.unplaced}
                data-testid="scheduler-unplaced"
                columns={[
                  { title: t('roadshow.project.title'), key: 'project', render: (_, u) => title(u.projectId) },
                  { title: t('roadshow.scheduler.code'), dataIndex: 'code', render: (c: string) => <Tag color="orange">{label('roadshow.unplaced', c)}</Tag> },
                  { title: t('roadshow.scheduler.reason'), key: 'reason', render: (_, u) => why(u) },
                ]}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}

interface GridRow {
  index: number;
  startsAt: string;
  endsAt: string;
  slot?: Slot;
}

/** The session's slot grid: assign a project to a free slot, move or remove a placed one; soft issues come back as warnings. */
function SlotGrid({ detail, editable, onChange }: { detail: SessionDetail; editable: boolean; onChange(): void }) {
  const { t, label } = useI18n();
  const { session, slots } = detail;
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [assigning, setAssigning] = useState<number>();
  const [moving, setMoving] = useState<Slot>();
  const projects = useSchedulableProjects();
  const why = useReasonText();
  const length = (session.pitchMinutes + session.qaMinutes) * 60_000;
  const rows: GridRow[] = Array.from({ length: session.slotCount }, (_, index) => {
    const start = Date.parse(session.startsAt) + index * length;
    return { index, startsAt: new Date(start).toISOString(), endsAt: new Date(start + length).toISOString(), slot: slots.find((s) => s.slotIndex === index) };
  });
  const changed = (result: unknown) => {
    setWarnings((result as SlotChange).warnings ?? []);
    setAssigning(undefined);
    setMoving(undefined);
    onChange();
  };
  return (
    <Card title={t('roadshow.slot.grid', { n: slots.length, total: session.slotCount })} style={{ marginBottom: 16 }}>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setWarnings([])}
          style={{ marginBottom: 16 }}
          title={t('roadshow.slot.warnings')}
          description={warnings.map((w) => `${label('roadshow.warning', w.code)}：${why(w)}`).join('；')}
          data-testid="slot-warnings"
        />
      )}
      <Table<GridRow>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="slot-grid"
        locale={{ emptyText: <Empty /> }}
        columns={[
          { title: '#', dataIndex: 'index', width: 48, render: (i: number) => i + 1 },
          { title: t('roadshow.session.time'), key: 'time', width: 220, render: (_, r) => <RangeText from={r.startsAt} to={r.endsAt} /> },
          {
            title: t('roadshow.project.title'),
            key: 'project',
            render: (_, r) => (r.slot ? <ProjectLink id={r.slot.projectId} title={r.slot.projectTitle} number={r.slot.projectNumber} /> : <Typography.Text type="secondary">{t('roadshow.slot.free')}</Typography.Text>),
          },
          { title: t('roadshow.slot.placedBy'), key: 'by', render: (_, r) => r.slot && <Tag>{label('roadshow.placedBy', r.slot.placedBy)}</Tag> },
          {
            title: t('roadshow.scheduler.explanation'),
            key: 'why',
            render: (_, r) => r.slot && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.slot.explanationCodes.length ? r.slot.explanationCodes.map(why).join('；') : r.slot.explanation.join('；')}</Typography.Text>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) =>
              editable &&
              (r.slot ? (
                <Space>
                  <Button size="small" onClick={() => setMoving(r.slot)} data-testid={`slot-move-${r.index}`}>
                    {t('roadshow.slot.move')}
                  </Button>
                  <ActionButton
                    size="small"
                    danger
                    confirm={t('roadshow.slot.removeConfirm')}
                    action={(key) => api.post('/roadshow-sessions/{id}/slots/{slotId}/remove', { params: { path: { id: session.id, slotId: r.slot!.id } }, idempotencyKey: key })}
                    onDone={changed}
                  >
                    {t('roadshow.action.remove')}
                  </ActionButton>
                </Space>
              ) : (
                <Button size="small" onClick={() => setAssigning(r.index)} data-testid={`slot-assign-${r.index}`}>
                  {t('roadshow.slot.assign')}
                </Button>
              )),
          },
        ]}
      />
      <Modal open={assigning !== undefined} title={t('roadshow.slot.assignTitle', { n: (assigning ?? 0) + 1 })} footer={null} onCancel={() => setAssigning(undefined)} destroyOnHidden>
        <ApiForm<{ projectId: string; slotIndex: number }, SlotChange>
          schema="AssignSlotDto"
          testId="slot-assign-form"
          initialValues={{ slotIndex: assigning }}
          submit={(values, key) => api.post('/roadshow-sessions/{id}/slots', { params: { path: { id: session.id } }, body: values, idempotencyKey: key })}
          onDone={changed}
        >
          <Field name="projectId" label={t('roadshow.project.title')}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={projects.loading}
              options={projects.all.filter((p) => SCHEDULABLE.includes(p.status)).map((p) => ({ value: p.id, label: `${p.number} ${p.title}（${label('roadshow.industry', p.industry)}）` }))}
            />
          </Field>
          <Field name="slotIndex" label={t('roadshow.slot.index0')}>
            <InputNumber min={0} max={session.slotCount - 1} />
          </Field>
        </ApiForm>
      </Modal>
      <Modal open={!!moving} title={t('roadshow.slot.moveTitle', { title: moving?.projectTitle ?? '' })} footer={null} onCancel={() => setMoving(undefined)} destroyOnHidden>
        {moving && (
          <ApiForm<{ slotIndex: number }, SlotChange>
            schema="MoveSlotDto"
            testId="slot-move-form"
            initialValues={{ slotIndex: moving.slotIndex }}
            submit={(values, key) => api.post('/roadshow-sessions/{id}/slots/{slotId}/move', { params: { path: { id: session.id, slotId: moving.id } }, body: values, idempotencyKey: key })}
            onDone={changed}
          >
            <Field name="slotIndex" label={t('roadshow.slot.index0')}>
              <Select options={rows.map((r) => ({ value: r.index, label: `${r.index + 1} · ${formatRange(r.startsAt, r.endsAt)}${r.slot && r.slot.id !== moving.id ? ` · ${r.slot.projectTitle}` : ''}` }))} />
            </Field>
          </ApiForm>
        )}
      </Modal>
    </Card>
  );
}

/** Every RSVP of the session: confirmed, then the waitlist in order, then cancelled. */
function RsvpList({ sessionId, rev }: { sessionId: string; rev: number }) {
  const { t, label } = useI18n();
  const rsvps = useApi('/roadshow-sessions/{id}/rsvps', { params: { path: { id: sessionId } } }, { deps: [rev] });
  const users = useApi('/admin/users', { params: { query: { role: 'investor', pageSize: 200 } } });
  const who = (userId: string) => {
    const u = users.data?.items.find((x) => x.id === userId);
    return u ? `${u.displayName} · ${u.organizationName}` : userId.slice(0, 8);
  };
  const counts = (rsvps.data ?? []).reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
  return (
    <Card
      title={t('roadshow.rsvp.list')}
      extra={<Typography.Text type="secondary">{t('roadshow.rsvp.counts', { confirmed: counts.confirmed ?? 0, waitlisted: counts.waitlisted ?? 0 })}</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      <LoadError error={rsvps.error} retry={() => void rsvps.reload()} />
      <Table<Rsvp>
        rowKey="id"
        size="small"
        loading={rsvps.loading}
        dataSource={rsvps.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="rsvp-list"
        locale={{ emptyText: t('roadshow.rsvp.none') }}
        columns={[
          { title: t('roadshow.rsvp.who'), dataIndex: 'userId', render: who },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'confirmed' ? 'success' : s === 'waitlisted' ? 'warning' : 'default'}>{label('roadshow.rsvpStatus', s)}</Tag> },
          { title: t('roadshow.rsvp.positionCol'), dataIndex: 'waitlistPosition', render: (n: number | null) => n ?? '—' },
          { title: t('roadshow.rsvp.at'), dataIndex: 'createdAt', render: formatTime },
          { title: t('roadshow.rsvp.promotedAt'), dataIndex: 'promotedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
        ]}
      />
    </Card>
  );
}


/** The co-host cities of an alliance session and their answers; the host side invites and withdraws. */
function CoHostCard({ session, editable, onChange }: { session: Session; editable: boolean; onChange(): void }) {
  const { t } = useI18n();
  const regions = useRegions();
  const [rev, setRev] = useState(0);
  const invitations = useApi('/roadshow-sessions/{id}/cohost-invitations', { params: { path: { id: session.id } } }, { deps: [rev] });
  const [city, setCity] = useState<string>();
  const taken = new Set((invitations.data ?? []).filter((i) => i.status === 'invited' || i.status === 'accepted').map((i) => i.cityCode));
  const changed = () => {
    setRev((r) => r + 1);
    onChange();
  };
  return (
    <Card title={t('roadshow.cohost.title')} style={{ marginBottom: 16 }} data-testid="cohost-card">
      <LoadError error={invitations.error} retry={() => void invitations.reload()} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={invitations.data ?? []}
        data-testid="cohost-table"
        columns={[
          { title: t('roadshow.cohost.city'), dataIndex: 'cityCode', render: (c: string) => regions.name(c) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="roadshow.cohostStatus" /> },
          { title: t('roadshow.cohost.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, i) =>
              editable && (i.status === 'invited' || i.status === 'accepted') ? (
                <ActionButton
                  size="small"
                  confirm={t('roadshow.cohost.withdrawConfirm')}
                  action={(key) => api.post('/roadshow-sessions/{id}/cohost-invitations/{cityCode}/withdraw', { params: { path: { id: session.id, cityCode: i.cityCode } }, idempotencyKey: key })}
                  onDone={changed}
                >
                  {t('roadshow.cohost.withdraw')}
                </ActionButton>
              ) : null,
          },
        ]}
      />
      {editable && (
        <Space style={{ marginTop: 12 }} wrap>
          <Select
            style={{ minWidth: 200 }}
            value={city}
            onChange={setCity}
            data-testid="cohost-city"
            options={regions.options((r) => r.isG60 && r.code !== session.hostCityCode && !taken.has(r.code))}
          />
          <ActionButton
            disabled={!city}
            data-testid="cohost-invite"
            action={(key) => api.post('/roadshow-sessions/{id}/cohost-invitations', { params: { path: { id: session.id } }, body: { cityCode: city! }, idempotencyKey: key })}
            onDone={() => {
              setCity(undefined);
              changed();
            }}
            successMessage={t('roadshow.cohost.invited')}
          >
            {t('roadshow.cohost.invite')}
          </ActionButton>
        </Space>
      )}
    </Card>
  );
}
