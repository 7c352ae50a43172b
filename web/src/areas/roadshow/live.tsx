import { Alert, Badge, Button, Card, Col, Empty, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { presentingSlot } from '@shared/roadshow-live';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader, formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { openEventStream } from '../../app/event-stream';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FormAction } from '../../app/widgets/form-action';
import { Kpis } from '../../app/widgets/kpis';
import { RangeText, SessionLink } from './shared';

type Room = Schema<'LiveRoomDto'>;
type Question = Schema<'LiveQuestionDto'>;
type Slot = Schema<'LiveSlotDto'>;
type Player = Schema<'PlayerDto'>;

const PHASE_COLOR: Record<string, string> = { upcoming: 'blue', live: 'red', ended: 'default', cancelled: 'default' };

/** Keeps the newest version of each question. */
function upsert(list: Question[], q: Question): Question[] {
  const known = list.find((x) => x.id === q.id);
  if (known && known.version > q.version) return list;
  return known ? list.map((x) => (x.id === q.id ? q : x)) : [...list, q];
}

/**
 * 云路演直播间: the live page of a cloud or hybrid session, and its replay page once it is finished. The page loads the
 * room once and follows the session's event stream (approved questions, answers, the presenter, replays).
 */
export function LivePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [rev, setRev] = useState(0);
  const loaded = useApi('/roadshow-sessions/{id}/live', { params: { path: { id } } }, { deps: [rev] });
  const room = loaded.data;
  if (!room) return <LoadError error={loaded.error} retry={() => void loaded.reload()} />;
  return <LiveRoom key={`${room.session.id}:${rev}`} initial={room} reload={() => setRev((r) => r + 1)} t={t} />;
}

function LiveRoom({ initial, reload, t }: { initial: Room; reload(): void; t: ReturnType<typeof useI18n>['t'] }) {
  const me = useMe();
  const session = initial.session;
  const [questions, setQuestions] = useState<Question[]>(initial.questions);
  const [slots, setSlots] = useState<Slot[]>(initial.slots);
  const [organiserSlotId, setOrganiserSlotId] = useState<string | null>(initial.organiserSlotId);
  const [interested, setInterested] = useState<string[]>(initial.viewer.interestedProjectIds);
  const [connected, setConnected] = useState(false);
  const [replay, setReplay] = useState<Slot>();
  const [now, setNow] = useState(() => Date.now());
  const skew = useRef(Date.parse(initial.serverTime) - Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const stream = openEventStream(`/roadshow-sessions/${session.id}/live/events`, {
      lastEventId: initial.lastEventId,
      onStatus: setConnected,
      onEvent: (m) => {
        if (m.event.startsWith('question.')) setQuestions((list) => upsert(list, m.data as Question));
        else if (m.event === 'presenter.changed') setOrganiserSlotId((m.data as { slotId: string }).slotId);
        else if (m.event === 'replay.attached') setSlots((list) => list.map((s) => (s.slotId === (m.data as Slot).slotId ? (m.data as Slot) : s)));
        else if (m.event === 'session.finished' || m.event === 'session.cancelled') reload();
      },
    });
    return () => stream.close();
  }, [session.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const presenting = useMemo(
    () => presentingSlot(slots.map((s) => ({ id: s.slotId, startsAt: s.startsAt, endsAt: s.endsAt })), organiserSlotId, now + skew.current),
    [slots, organiserSlotId, now],
  );
  const live = initial.phase === 'live' || initial.phase === 'upcoming';
  const current = slots.find((s) => s.slotId === presenting.slotId);
  const shown = replay ?? (initial.phase === 'ended' ? slots.find((s) => s.replay) : undefined);

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="live-title">{session.title}</span>
            <Tag color={PHASE_COLOR[initial.phase]} data-testid="live-phase" data-phase={initial.phase}>
              {t(`roadshow.live.phase.${initial.phase}`)}
            </Tag>
          </Space>
        }
        sub={<RangeText from={session.startsAt} to={session.endsAt} />}
        extra={
          <Space>
            <Badge status={connected ? 'success' : 'default'} text={connected ? t('roadshow.live.connected') : t('roadshow.live.connecting')} data-testid="live-connection" data-connected={connected} />
            <SessionLink session={session} />
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title={shown ? t('roadshow.live.replayOf', { title: shown.projectTitle }) : initial.phase === 'ended' ? t('roadshow.live.replay') : t('roadshow.live.stream')}
            style={{ marginBottom: 16 }}
            data-testid="live-player"
          >
            {initial.phase === 'ended' ? shown?.replay ? <PlayerView player={shown.replay} /> : <Empty description={t('roadshow.live.noReplay')} /> : initial.player ? <PlayerView player={initial.player} /> : null}
          </Card>
          <AgendaCard sessionId={session.id} slots={slots} presentingId={presenting.slotId} phase={initial.phase} moderator={initial.viewer.moderator} onReplay={setReplay} onSlot={(s) => setSlots((list) => list.map((x) => (x.slotId === s.slotId ? s : x)))} onPresenter={setOrganiserSlotId} />
        </Col>
        <Col xs={24} xl={8}>
          {live && (
            <Card title={t('roadshow.live.nowPresenting')} style={{ marginBottom: 16 }} data-testid="now-presenting">
              {current ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong data-testid="now-presenting-title">
                    {current.projectTitle}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {current.enterpriseName} · <RangeText from={current.startsAt} to={current.endsAt} />
                  </Typography.Text>
                  {initial.viewer.investor &&
                    (interested.includes(current.projectId) ? (
                      <Tag color="success" data-testid="interested-done">
                        {t('roadshow.live.interestedDone')}
                      </Tag>
                    ) : (
                      <ActionButton
                        type="primary"
                        data-testid="interested-button"
                        successMessage={t('roadshow.live.interestedSent')}
                        action={(key) => api.post('/roadshow-sessions/{id}/live/interest', { params: { path: { id: session.id } }, body: { slotId: current.slotId }, idempotencyKey: key })}
                        onDone={() => setInterested((list) => [...list, current.projectId])}
                      >
                        {t('roadshow.live.interested')}
                      </ActionButton>
                    ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('roadshow.live.nobodyPresenting')}</Typography.Text>
              )}
            </Card>
          )}
          <QaCard
            sessionId={session.id}
            questions={questions}
            slots={slots}
            room={initial}
            myUserId={me.user.id}
            presentingSlotId={presenting.slotId}
            onChange={(q) => setQuestions((list) => upsert(list, q))}
          />
          {initial.viewer.moderator && <LiveStatsCard sessionId={session.id} questions={questions} />}
        </Col>
      </Row>
    </>
  );
}

/** An HLS stream in a <video> where the browser plays HLS itself; a provider's player in an iframe; else a link. */
function PlayerView({ player }: { player: Player }) {
  const { t } = useI18n();
  const nativeHls = useMemo(() => typeof document !== 'undefined' && document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '', []);
  const frame: React.CSSProperties = { width: '100%', aspectRatio: '16 / 9', border: 0, background: '#000', display: 'block' };
  if (player.kind === 'iframe') return <iframe src={player.url} style={frame} allow="autoplay; fullscreen; picture-in-picture" allowFullScreen sandbox="allow-scripts allow-same-origin allow-presentation" title={t('roadshow.live.stream')} data-testid="player-iframe" />;
  if (player.kind === 'hls' && nativeHls) return <video src={player.url} style={frame} controls autoPlay muted playsInline data-testid="player-video" />;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="player-link"
      title={player.kind === 'hls' ? t('roadshow.live.noNativeHls') : t('roadshow.live.linkOnly')}
      description={
        <Typography.Link href={player.url} target="_blank" rel="noreferrer">
          {player.url}
        </Typography.Link>
      }
    />
  );
}

function AgendaCard(props: {
  sessionId: string;
  slots: Slot[];
  presentingId: string | null;
  phase: string;
  moderator: boolean;
  onReplay(slot: Slot): void;
  onSlot(slot: Slot): void;
  onPresenter(slotId: string): void;
}) {
  const { t, label } = useI18n();
  return (
    <Card title={t('roadshow.live.agenda')} style={{ marginBottom: 16 }} data-testid="live-agenda">
      <List
        dataSource={props.slots}
        locale={{ emptyText: t('roadshow.agenda.empty') }}
        renderItem={(s) => {
          const now = s.slotId === props.presentingId && props.phase !== 'ended';
          return (
            <List.Item
              data-testid={`live-slot-${s.slotIndex}`}
              data-presenting={now}
              style={now ? { background: '#fff1f0', paddingInline: 8 } : { paddingInline: 8 }}
              actions={[
                props.moderator && props.phase === 'live' && !now && (
                  <ActionButton key="present" size="small" data-testid={`present-${s.slotIndex}`} action={(key) => api.post('/roadshow-sessions/{id}/live/presenter', { params: { path: { id: props.sessionId } }, body: { slotId: s.slotId }, idempotencyKey: key })} onDone={() => props.onPresenter(s.slotId)}>
                    {t('roadshow.live.setPresenting')}
                  </ActionButton>
                ),
                props.moderator && props.phase === 'ended' && (
                  <FormAction<{ url: string }, Slot>
                    key="replay"
                    label={s.replay ? t('roadshow.live.replaceReplay') : t('roadshow.live.attachReplay')}
                    title={t('roadshow.live.attachReplay')}
                    testId={`attach-replay-${s.slotIndex}`}
                    schema="AttachReplayDto"
                    buttonProps={{ size: 'small' }}
                    intro={t('roadshow.live.replayHint')}
                    submit={(v, key) => api.post('/roadshow-sessions/{id}/slots/{slotId}/replay', { params: { path: { id: props.sessionId, slotId: s.slotId } }, body: v, idempotencyKey: key })}
                    onDone={props.onSlot}
                  >
                    <Field name="url" label={t('roadshow.live.replayUrl')}>
                      <Input placeholder="https://" maxLength={500} />
                    </Field>
                  </FormAction>
                ),
                s.replay && (
                  <Button key="watch" size="small" data-testid={`watch-replay-${s.slotIndex}`} onClick={() => props.onReplay(s)}>
                    {t('roadshow.live.watchReplay')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{s.slotIndex + 1}.</span>
                    <span>{s.projectTitle}</span>
                    {now && <Tag color="red">{t('roadshow.live.presentingTag')}</Tag>}
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    <RangeText from={s.startsAt} to={s.endsAt} />
                    <span>· {s.enterpriseName}</span>
                    <span>· {label('roadshow.industry', s.industry)}</span>
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function QaCard(props: { sessionId: string; questions: Question[]; slots: Slot[]; room: Room; myUserId: string; presentingSlotId: string | null; onChange(q: Question): void }) {
  const { t } = useI18n();
  const { viewer } = props.room;
  const [form] = Form.useForm<{ body: string }>();
  const slotTitle = (id: string | null) => props.slots.find((s) => s.slotId === id)?.projectTitle ?? '—';
  const pending = props.questions.filter((q) => q.status === 'pending' && viewer.moderator);
  const published = props.questions.filter((q) => q.status === 'approved' || q.status === 'answered');
  const mine = props.questions.filter((q) => q.askedBy === props.myUserId && (q.status === 'pending' || q.status === 'rejected') && !viewer.moderator);
  const action = (q: Question, event: 'approve' | 'reject') => (key: string) => {
    const params = { path: { id: props.sessionId, questionId: q.id } };
    return event === 'approve'
      ? api.post('/roadshow-sessions/{id}/live/questions/{questionId}/approve', { params, idempotencyKey: key })
      : api.post('/roadshow-sessions/{id}/live/questions/{questionId}/reject', { params, body: {}, idempotencyKey: key });
  };
  return (
    <Card title={t('roadshow.live.qa')} style={{ marginBottom: 16 }} data-testid="live-qa">
      {viewer.canAsk ? (
        <ApiForm<{ body: string }, Question>
          form={form}
          schema="AskQuestionDto"
          testId="ask-form"
          submitLabel={t('roadshow.live.ask')}
          successMessage={t('roadshow.live.askSent')}
          submit={(v, key) => api.post('/roadshow-sessions/{id}/live/questions', { params: { path: { id: props.sessionId } }, body: { body: v.body, ...(props.presentingSlotId ? { slotId: props.presentingSlotId } : {}) }, idempotencyKey: key })}
          onDone={(q) => {
            form.resetFields();
            props.onChange(q);
          }}
        >
          <Field name="body" label={props.presentingSlotId ? t('roadshow.live.askAbout', { title: slotTitle(props.presentingSlotId) }) : t('roadshow.live.askLabel')}>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="ask-body" />
          </Field>
        </ApiForm>
      ) : (
        <Typography.Paragraph type="secondary">{t('roadshow.live.askClosed')}</Typography.Paragraph>
      )}
      {pending.length > 0 && (
        <>
          <Typography.Title level={5}>{t('roadshow.live.toModerate', { n: pending.length })}</Typography.Title>
          <List
            size="small"
            data-testid="moderation-queue"
            dataSource={pending}
            renderItem={(q) => (
              // The decisions go under the question, not beside it: the side column is narrow.
              <List.Item data-testid={`pending-${q.id}`}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <List.Item.Meta title={q.body} description={`${q.askerOrganization} · ${slotTitle(q.slotId)} · ${formatTime(q.createdAt)}`} />
                  <Space size="small">
                    <ActionButton size="small" type="primary" data-testid="approve-question" disabled={q.askedBy === props.myUserId} action={action(q, 'approve')} onDone={(r) => props.onChange(r as Question)}>
                      {t('roadshow.live.approve')}
                    </ActionButton>
                    <ActionButton size="small" danger data-testid="reject-question" disabled={q.askedBy === props.myUserId} action={action(q, 'reject')} onDone={(r) => props.onChange(r as Question)}>
                      {t('roadshow.live.reject')}
                    </ActionButton>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {mine.length > 0 && (
        <List
          size="small"
          header={t('roadshow.live.mine')}
          dataSource={mine}
          data-testid="my-questions"
          renderItem={(q) => (
            <List.Item data-testid={`mine-${q.id}`} data-status={q.status}>
              <List.Item.Meta title={q.body} description={q.rejectReason ? t('roadshow.live.rejectedBecause', { reason: q.rejectReason }) : undefined} />
              <Tag color={q.status === 'rejected' ? 'error' : 'processing'}>{t(`roadshow.live.status.${q.status}`)}</Tag>
            </List.Item>
          )}
        />
      )}
      <List
        size="small"
        header={t('roadshow.live.published')}
        dataSource={[...published].reverse()}
        data-testid="published-questions"
        locale={{ emptyText: t('roadshow.live.noQuestions') }}
        renderItem={(q) => (
          <List.Item data-testid={`question-${q.id}`} data-status={q.status}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>{q.body}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {q.askerOrganization} · {slotTitle(q.slotId)}
              </Typography.Text>
              {q.answer ? (
                <Typography.Paragraph style={{ margin: 0, background: '#f6ffed', padding: '4px 8px' }} data-testid="question-answer">
                  {t('roadshow.live.answer')}：{q.answer}
                </Typography.Paragraph>
              ) : (
                viewer.presenterProjectIds.includes(q.projectId) && (
                  <FormAction<{ answer: string }, Question>
                    label={t('roadshow.live.answerAction')}
                    title={q.body}
                    testId={`answer-${q.id}`}
                    schema="AnswerQuestionDto"
                    buttonProps={{ size: 'small', type: 'primary' }}
                    submit={(v, key) => api.post('/roadshow-sessions/{id}/live/questions/{questionId}/answer', { params: { path: { id: props.sessionId, questionId: q.id } }, body: v, idempotencyKey: key })}
                    onDone={props.onChange}
                  >
                    <Field name="answer" label={t('roadshow.live.answer')}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Field>
                  </FormAction>
                )
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The organisers' figures: attendance (each person once) and the questions, refreshed as questions move. */
function LiveStatsCard({ sessionId, questions }: { sessionId: string; questions: Question[] }) {
  const { t } = useI18n();
  const stats = useApi('/roadshow-sessions/{id}/live/stats', { params: { path: { id: sessionId } } }, { deps: [questions.map((q) => `${q.id}:${q.version}`).join()], pollMs: 30_000 });
  const s = stats.data;
  return (
    <Card title={t('roadshow.live.stats')} data-testid="live-stats">
      <LoadError error={stats.error} retry={() => void stats.reload()} />
      {s && (
        <Kpis
          narrow
          items={[
            { title: t('roadshow.live.attendees'), value: s.attendees, testId: 'kpi-attendees' },
            { title: t('roadshow.live.asked'), value: s.questionsAsked, testId: 'kpi-asked' },
            { title: t('roadshow.live.approved'), value: s.questionsApproved, testId: 'kpi-approved' },
            { title: t('roadshow.live.answered'), value: s.questionsAnswered, testId: 'kpi-answered' },
          ]}
        />
      )}
    </Card>
  );
}
