import { LockOutlined } from '@ant-design/icons';
import { codedText } from '../../app/finding-reasons';
import { Alert, Button, Card, Col, Descriptions, Drawer, Empty, Form, List, Row, Select, Space, Steps, Tag, Typography, message } from 'antd';
import { useReducer, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, newIdempotencyKey } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, History, Money, PageHeader, StatusTag, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { ActionButton, ApiForm, DateInput, Field, MoneyInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { CoachingCard, FollowUpsCard, ScreeningRoundsCard } from './review-project';
import { FileDrop } from '../../app/widgets/file-drop';
import { AvailabilityFields, ProjectFields } from './project-form';
import { DownloadButton, formatRange, isAllianceCity, isNotFound, NoteField, SessionLink, SessionTypeTag, TitleWithStatus, useRegions } from './shared';
import { CHAIN, MANUAL_EVENTS, MANUAL_EVENT_FROM } from './types';
import type { DeckInvitation, Interest, Outcome, Project } from './types';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

const MAX_DECK_BYTES = 20 * 1024 * 1024;

/** Where a project stands on the chain, for the Steps component. */
function chainPosition(status: string): { current: number; state: 'wait' | 'process' | 'finish' | 'error' } {
  const index = (CHAIN as readonly string[]).indexOf(status);
  if (index >= 0) return { current: index, state: 'finish' };
  if (status === 'screening') return { current: 1, state: 'process' };
  if (status === 'returned' || status === 'rejected') return { current: 1, state: 'error' };
  return { current: 0, state: 'error' }; // withdrawn
}

/** The chain as Steps; stages the project went past without entering (coaching, matching are optional) show as skipped. */
export function ChainSteps({ status, reached }: { status: string; reached?: Set<string> }) {
  const { label, t } = useI18n();
  const { current, state } = chainPosition(status);
  return (
    <Card style={{ marginBottom: 16 }}>
      <div data-testid="project-steps" data-status={status}>
        <Steps
          size="small"
          current={current}
          status={state}
          items={CHAIN.map((s, i) => {
            const skipped = !!reached && i < current && !reached.has(s);
            return {
              title: label('status', s),
              status: skipped ? ('wait' as const) : undefined,
              description: i === current && state !== 'finish' ? label('status', status) : skipped ? t('roadshow.chain.skipped') : undefined,
            };
          })}
        />
      </div>
    </Card>
  );
}

/** One roadshow project: the enterprise's, the organiser's and the investor's view of it. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, label } = i18n;
  const me = useMe();
  const regions = useRegions();
  const [rev, bump] = useReducer((x: number) => x + 1, 0);
  const project = useApi('/roadshow-projects/{id}', { params: { path: { id } } }, { deps: [rev] });
  const timeline = useApi('/roadshow-projects/{id}/timeline', { params: { path: { id } } }, { deps: [rev] });
  const role = me.user.role;
  const p = project.data;
  if (!p) return <LoadError error={project.error} retry={() => void project.reload()} />;
  return (
    <>
      <PageHeader
        title={<TitleWithStatus title={p.title} status={p.status} testId="project-title" />}
        sub={`${p.number} · ${t('roadshow.project.statusSince', { time: formatTime(p.statusChangedAt) })}`}
        extra={
          <>
            {role === 'enterprise_user' && <OwnerActions project={p} onChange={bump} />}
            {role === 'platform_admin' && p.screeningCaseId && (
              <Link to={`/review/cases/${p.screeningCaseId}`} data-testid="screening-case-link">
                {t('roadshow.project.screeningCase')}
              </Link>
            )}
            <Button onClick={bump}>{t('action.refresh')}</Button>
          </>
        }
      />
      <ChainSteps status={p.status} reached={timeline.data && new Set(timeline.data.entries.map((e) => e.toStatus))} />
      {p.decisionReason && ['returned', 'rejected'].includes(p.status) && (
        <Alert type={p.status === 'rejected' ? 'error' : 'warning'} showIcon style={{ marginBottom: 16 }} title={t('roadshow.project.decisionReason')} description={p.decisionReason} />
      )}
      <Facts
        title={t('roadshow.project.facts')}
        items={[
          [t('roadshow.project.industry'), label('roadshow.industry', p.industry)],
          [t('roadshow.project.stage'), label('roadshow.stage', p.stage)],
          [t('roadshow.project.ask'), <Money key="ask" fen={p.financingAskFen} strong />],
          [t('roadshow.project.region'), regions.name(p.regionCode)],
          [t('common.createdAt'), formatTime(p.createdAt)],
          [t('roadshow.project.availability'), p.availability.length ? p.availability.map((w) => formatRange(w.from, w.to)).join('；') : t('roadshow.project.anyTime')],
          [t('roadshow.project.summary'), p.summary || '—'],
          [t('roadshow.project.team'), p.team.map((m) => `${m.name}（${m.role}）`).join('，') || '—'],
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <DeckCard project={p} onChange={bump} />
          <AgendaCard projectId={p.id} rev={rev} />
          <InterestsCard projectId={p.id} rev={rev} />
          <OutcomeCard projectId={p.id} rev={rev} />
          {role !== 'investor' && <ScreeningRoundsCard project={p} rev={rev} />}
        </Col>
        <Col xs={24} xl={10}>
          {role === 'platform_admin' && <OrganiserPanel project={p} onChange={bump} />}
          {role === 'investor' && <InvestorPanel project={p} rev={rev} onChange={bump} />}
          {role !== 'investor' && <CoachingCard project={p} rev={rev} onChange={bump} />}
          {role !== 'investor' && <FollowUpsCard project={p} rev={rev} />}
          <Card title={t('roadshow.project.timeline')} style={{ marginBottom: 16 }} data-testid="project-timeline">
            <LoadError error={timeline.error} retry={() => void timeline.reload()} />
            <History
              items={(timeline.data?.entries ?? []).map((e) => ({
                at: e.at,
                title: `${label('roadshow.event', e.event)} → ${label('status', e.toStatus)}`,
                // A landing's region by its name in the reader's language, not its code.
                detail: codedText(e.noteCode && typeof e.noteCode.params.regionCode === 'string' ? { ...e.noteCode, params: { ...e.noteCode.params, regionCode: regions.name(e.noteCode.params.regionCode) } } : e.noteCode, e.note, i18n),
                color: ['rejected', 'withdrawn'].includes(e.toStatus) ? 'red' : e.toStatus === 'returned' ? 'orange' : 'blue',
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** The enterprise submits for screening, withdraws, edits, and declares availability. */
function OwnerActions({ project, onChange }: { project: Project; onChange(): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<'details' | 'availability'>();
  const editable = ['collected', 'returned'].includes(project.status);
  const availabilityEditable = !['presented', 'matched', 'landed', 'tracked', 'rejected', 'withdrawn'].includes(project.status);
  return (
    <>
      {editable && (
        <ActionButton
          type="primary"
          data-testid="submit-screening"
          confirm={project.deck ? t('roadshow.project.submitConfirm') : t('roadshow.project.submitWithoutDeck')}
          action={(key) => api.post('/roadshow-projects/{id}/submit', { params: { path: { id: project.id } }, idempotencyKey: key })}
          onDone={onChange}
          successMessage={t('roadshow.project.submitted')}
        >
          {project.status === 'returned' ? t('roadshow.project.resubmit') : t('roadshow.project.submit')}
        </ActionButton>
      )}
      {editable && <Button onClick={() => setEditing('details')}>{t('roadshow.project.edit')}</Button>}
      {availabilityEditable && <Button onClick={() => setEditing('availability')}>{t('roadshow.project.editAvailability')}</Button>}
      {['collected', 'screening', 'returned'].includes(project.status) && (
        <ActionButton
          danger
          confirm={t('roadshow.project.withdrawConfirm')}
          action={(key) => api.post('/roadshow-projects/{id}/withdraw', { params: { path: { id: project.id } }, idempotencyKey: key })}
          onDone={onChange}
        >
          {t('roadshow.project.withdraw')}
        </ActionButton>
      )}
      <Drawer size={720} open={!!editing} onClose={() => setEditing(undefined)} title={editing === 'details' ? t('roadshow.project.edit') : t('roadshow.project.editAvailability')} destroyOnHidden>
        {editing === 'details' && (
          <ApiForm
            schema="UpdateProjectDto"
            initialValues={{ title: project.title, summary: project.summary, industry: project.industry, stage: project.stage, financingAskFen: project.financingAskFen, team: project.team }}
            submit={(values, key) => api.post('/roadshow-projects/{id}', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
            onDone={() => {
              setEditing(undefined);
              onChange();
            }}
            successMessage={t('action.done')}
          >
            <ProjectFields withRegion={false} />
          </ApiForm>
        )}
        {editing === 'availability' && (
          <ApiForm<{ availability?: Project['availability'] }, Project>
            schema="SetAvailabilityDto"
            initialValues={{ availability: project.availability }}
            submit={(values, key) => api.post('/roadshow-projects/{id}/availability', { params: { path: { id: project.id } }, body: { availability: values.availability ?? [] }, idempotencyKey: key })}
            onDone={() => {
              setEditing(undefined);
              onChange();
            }}
            successMessage={t('action.done')}
          >
            <AvailabilityFields />
          </ApiForm>
        )}
      </Drawer>
    </>
  );
}

/**
 * The confidential pitch deck: the enterprise uploads it (PDF or .pptx, at most 20 MiB) with
 * progress; the owner, organisers and invited investors may download it.
 */
function DeckCard({ project, onChange }: { project: Project; onChange(): void }) {
  const { t } = useI18n();
  const me = useMe();
  const [percent, setPercent] = useState<number>();
  const [locked, setLocked] = useState(false);
  const key = useRef(newIdempotencyKey());
  const owner = me.user.role === 'enterprise_user';
  const deck = project.deck;
  const upload = async (file: File) => {
    if (file.size > MAX_DECK_BYTES) {
      void message.error(t('roadshow.deck.tooLarge'));
      return;
    }
    setPercent(0);
    try {
      await api.upload('/roadshow-projects/{id}/deck', { path: { id: project.id } }, { field: 'deck', file }, { idempotencyKey: key.current, onProgress: setPercent });
      key.current = newIdempotencyKey();
      void message.success(t('roadshow.deck.uploaded'));
      onChange();
    } catch (err) {
      key.current = newIdempotencyKey();
      void message.error(errorText(err, t), 6);
      setPercent(undefined);
    }
  };
  return (
    <Card title={<Space><LockOutlined />{t('roadshow.deck.title')}</Space>} style={{ marginBottom: 16 }} data-testid="deck-card">
      {deck ? (
        <Descriptions size="small" column={1} data-testid="deck-info">
          <Descriptions.Item label={t('roadshow.deck.file')}>{deck.fileName}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.deck.size')}>{t('roadshow.deck.kib', { n: Math.max(1, Math.round(deck.sizeBytes / 1024)) })}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.deck.uploadedAt')}>{formatTime(deck.uploadedAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">{t('roadshow.deck.none')}</Typography.Paragraph>
      )}
      {deck && !locked && (
        <DownloadButton
          path="/roadshow-projects/{id}/deck"
          init={{ params: { path: { id: project.id } } }}
          filename={deck.fileName}
          testId="deck-download"
          onRefused={(err) => (isNotFound(err) ? setLocked(true) : void message.error(errorText(err, t), 6))}
        >
          {t('roadshow.deck.download')}
        </DownloadButton>
      )}
      {locked && <Alert type="info" showIcon title={t('roadshow.deck.locked')} data-testid="deck-locked" />}
      {owner && !['rejected', 'withdrawn'].includes(project.status) && (
        <div style={{ marginTop: 16 }} data-testid="deck-upload">
          <FileDrop
            accept=".pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation"
            multiple={false}
            showUploadList={false}
            disabled={percent !== undefined && percent < 100}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            text={deck ? t('roadshow.deck.replace') : t('roadshow.deck.upload')}
            hint={t('roadshow.deck.hint')}
            percent={percent}
            progressTestId="deck-progress"
          />
        </div>
      )}
    </Card>
  );
}

/** The project's published slots, with an iCal download. */
function AgendaCard({ projectId, rev }: { projectId: string; rev: number }) {
  const { t } = useI18n();
  const agenda = useApi('/roadshow-projects/{id}/agenda', { params: { path: { id: projectId } } }, { deps: [rev] });
  const rows = (agenda.data?.agendas ?? []).flatMap((a) => a.slots.map((s) => ({ ...s, agenda: a })));
  return (
    <Card
      title={t('roadshow.project.agenda')}
      style={{ marginBottom: 16 }}
      data-testid="project-agenda"
      extra={
        rows.length > 0 && (
          <DownloadButton path="/roadshow-projects/{id}/agenda.ics" init={{ params: { path: { id: projectId } } }} filename={`roadshow-${projectId.slice(0, 8)}.ics`} testId="project-ical">
            {t('roadshow.agenda.ical')}
          </DownloadButton>
        )
      }
    >
      <LoadError error={agenda.error} retry={() => void agenda.reload()} />
      <List
        loading={agenda.loading}
        dataSource={rows}
        locale={{ emptyText: t('roadshow.project.noAgenda') }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <SessionLink session={r.agenda.session} />
                  <SessionTypeTag type={r.agenda.session.type} />
                  <Tag>{t('roadshow.agenda.version', { v: r.agenda.version })}</Tag>
                </Space>
              }
              description={
                <>
                  <div>{t('roadshow.agenda.slotAt', { n: r.slotIndex + 1, time: formatRange(r.startsAt, r.endsAt) })}</div>
                  <div>{r.agenda.location ?? '—'}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Investor interest in the project: the enterprise and organisers see every investor's, an investor its own. */
function InterestsCard({ projectId, rev }: { projectId: string; rev: number }) {
  const { t } = useI18n();
  const me = useMe();
  const interests = useApi('/roadshow-projects/{id}/interests', { params: { path: { id: projectId } } }, { deps: [rev] });
  const orgs = useApi('/organizations', me.user.role === 'platform_admin' ? { params: { query: { kind: 'investor', limit: 200 } } } : null);
  const investorName = (id: string, index: number) => orgs.data?.find((o) => o.id === id)?.name ?? (me.organization.id === id ? me.organization.name : t('roadshow.interest.investorN', { n: index + 1 }));
  return (
    <Card title={me.user.role === 'investor' ? t('roadshow.project.myInterests') : t('roadshow.project.interests')} style={{ marginBottom: 16 }} data-testid="project-interests">
      <LoadError error={interests.error} retry={() => void interests.reload()} />
      <ResponsiveTable<Interest>
        rowKey="id"
        size="small"
        loading={interests.loading}
        dataSource={interests.data ?? []}
        pagination={false}
        locale={{ emptyText: t('roadshow.interest.none') }}
        columns={[
          { title: t('roadshow.interest.investor'), key: 'org', render: (_, r, i) => investorName(r.investorOrgId, i) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('roadshow.interest.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
        ]}
      />
    </Card>
  );
}

function OutcomeCard({ projectId, rev }: { projectId: string; rev: number }) {
  const { t } = useI18n();
  const regions = useRegions();
  const outcome = useApi('/roadshow-projects/{id}/outcome', { params: { path: { id: projectId } } }, { deps: [rev] });
  const o = outcome.data;
  return (
    <Card title={t('roadshow.outcome.title')} style={{ marginBottom: 16 }} data-testid="project-outcome">
      {!isNotFound(outcome.error) && <LoadError error={outcome.error} retry={() => void outcome.reload()} />}
      {o ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('roadshow.outcome.landed')}>
            {o.landingCityCode ? <Tag color="success">{t('roadshow.outcome.landedIn', { city: regions.name(o.landingCityCode) })}</Tag> : <Tag>{t('roadshow.outcome.landedNo')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('roadshow.outcome.landingRegion')}>{regions.name(o.landingRegionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.outcome.landedOn')}>{o.landedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('roadshow.outcome.financing')}>
            <Money fen={o.financingRaisedFen} strong />
          </Descriptions.Item>
          <Descriptions.Item label={t('roadshow.interest.note')}>{o.note ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatTime(o.updatedAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        !outcome.loading && <Empty description={t('roadshow.outcome.none')} />
      )}
    </Card>
  );
}

type OutcomeValues = Schema<'RecordOutcomeDto'>;

/** The roadshow centre moves the project along the chain, records its outcome and invites investors to the deck. */
function OrganiserPanel({ project, onChange }: { project: Project; onChange(): void }) {
  const { t, label } = useI18n();
  const regions = useRegions();
  // The landing city (one of the G60 alliance cities); none: not landed yet.
  const [landingCity, setLandingCity] = useState<string>();
  const [form] = Form.useForm<OutcomeValues>();
  const [investorQuery, setInvestorQuery] = useState('');
  const investors = useApi('/organizations', { params: { query: { kind: 'investor', q: investorQuery, limit: 50 } } });
  const suggested = MANUAL_EVENTS.find((e) => MANUAL_EVENT_FROM[e].includes(project.status));
  return (
    <>
      <Card title={t('roadshow.transition.title')} style={{ marginBottom: 16 }}>
        <ApiForm<Schema<'ProjectTransitionDto'>, Project>
          key={`${project.status}-${project.version}`}
          schema="ProjectTransitionDto"
          testId="transition-form"
          initialValues={{ event: suggested }}
          submit={(values, key) => api.post('/roadshow-projects/{id}/transitions', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
          onDone={onChange}
          successMessage={t('action.done')}
          submitLabel={t('roadshow.transition.apply')}
        >
          <Field name="event" label={t('roadshow.transition.event')}>
            <Select
              data-testid="transition-event"
              options={MANUAL_EVENTS.map((e) => ({ value: e, label: `${label('roadshow.event', e)}${MANUAL_EVENT_FROM[e].includes(project.status) ? '' : ` ${t('roadshow.transition.notNow')}`}` }))}
            />
          </Field>
          <NoteField />
        </ApiForm>
      </Card>
      <Card title={t('roadshow.outcome.record')} style={{ marginBottom: 16 }}>
        <ApiForm<OutcomeValues, Outcome>
          schema="RecordOutcomeDto"
          testId="outcome-form"
          onValuesChange={(changed, all) => {
            setLandingCity(all.landingCityCode ?? undefined);
            if ('landingCityCode' in changed) form.setFieldValue('landingRegionCode', undefined);
          }}
          form={form}
          submit={(v, key) =>
            api.post('/roadshow-projects/{id}/outcome', {
              params: { path: { id: project.id } },
              body: v.landingCityCode ? v : { financingRaisedFen: v.financingRaisedFen, note: v.note },
              idempotencyKey: key,
            })
          }
          onDone={onChange}
          successMessage={t('roadshow.outcome.recorded')}
        >
          <Field name="landingCityCode" label={t('roadshow.outcome.landingCity')}>
            <Select allowClear placeholder={t('roadshow.outcome.landedNo')} options={regions.options(isAllianceCity)} data-testid="outcome-city" />
          </Field>
          <Field name="landingRegionCode" label={t('roadshow.outcome.landingRegion')} hidden={!landingCity}>
            <Select allowClear options={regions.options((r) => r.parentCode === landingCity)} data-testid="outcome-district" />
          </Field>
          <Field name="landedOn" label={t('roadshow.outcome.landedOn')} hidden={!landingCity}>
            <DateInput />
          </Field>
          <Field name="financingRaisedFen" label={t('roadshow.outcome.financing')}>
            <MoneyInput />
          </Field>
          <NoteField />
        </ApiForm>
      </Card>
      <Card title={t('roadshow.invite.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('roadshow.invite.hint')}</Typography.Paragraph>
        <ApiForm<{ investorOrganizationId: string }, DeckInvitation>
          schema="DeckInvitationDto"
          testId="deck-invite-form"
          submit={(values, key) => api.post('/roadshow-projects/{id}/deck-invitations', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
          onDone={(r) => void message.success(t('roadshow.invite.done', { time: formatTime(r.invitedAt) }))}
          submitLabel={t('roadshow.invite.send')}
        >
          <Field name="investorOrganizationId" label={t('roadshow.invite.investor')}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setInvestorQuery}
              loading={investors.loading}
              options={(investors.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="deck-invite-investor"
            />
          </Field>
        </ApiForm>
      </Card>
    </>
  );
}

/** An investor follows the project, reads the deck when invited, and registers interest. */
function InvestorPanel({ project, rev, onChange }: { project: Project; rev: number; onChange(): void }) {
  const { t } = useI18n();
  const profile = useApi('/investor-profile', undefined, { deps: [rev] });
  const mine = useApi('/roadshow-projects/{id}/interests', { params: { path: { id: project.id } } }, { deps: [rev] });
  const following = profile.data?.followedProjectIds.includes(project.id) ?? false;
  const interest = mine.data?.[0];
  return (
    <Card title={t('roadshow.investor.panel')} style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <FollowButton projectId={project.id} following={following} onDone={() => void profile.reload()} />
        {interest ? (
          <Space data-testid="my-interest">
            {t('roadshow.interest.mine')}
            <StatusTag status={interest.status} />
            <Link to="/roadshow/pipeline">{t('roadshow.interest.openPipeline')}</Link>
          </Space>
        ) : (
          !mine.loading && (
            <ApiForm<{ note?: string }, Interest>
              schema="InterestNoteDto"
              testId="interest-form"
              submit={(values, key) => api.post('/roadshow-projects/{id}/interests', { params: { path: { id: project.id } }, body: values, idempotencyKey: key })}
              onDone={onChange}
              successMessage={t('roadshow.interest.registered')}
              submitLabel={t('roadshow.interest.express')}
            >
              <NoteField />
            </ApiForm>
          )
        )}
      </Space>
    </Card>
  );
}

export function FollowButton({ projectId, following, onDone }: { projectId: string; following: boolean; onDone(): void }) {
  const { t } = useI18n();
  return (
    <ActionButton
      size="small"
      type={following ? 'default' : 'primary'}
      ghost={!following}
      data-testid={`follow-${projectId}`}
      data-following={following}
      action={(key) => api.post(following ? '/roadshow-projects/{id}/unfollow' : '/roadshow-projects/{id}/follow', { params: { path: { id: projectId } }, idempotencyKey: key })}
      onDone={onDone}
      successMessage={following ? t('roadshow.follow.removed') : t('roadshow.follow.added')}
    >
      {following ? t('roadshow.follow.unfollow') : t('roadshow.follow.follow')}
    </ActionButton>
  );
}
