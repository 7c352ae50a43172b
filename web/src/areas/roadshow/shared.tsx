import { Button, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { StatusTag, formatTime } from '../../app/common';
import { useApi } from '../../app/data';
import { Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { INDUSTRIES, Region, SESSION_TYPES, STAGES, Session, Venue } from './types';
export { useRegions } from '../../app/regions';
export { DownloadButton } from '../../app/widgets/download-button';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai wall-clock time of an instant, as `YYYY-MM-DDTHH:mm:ss`. */
export function shanghaiWall(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}

/** Shanghai calendar day of an instant (`YYYY-MM-DD`). */
export function shanghaiDay(iso: string): string {
  return shanghaiWall(iso).slice(0, 10);
}

/** "2030/3/10 09:00:00 – 10:00" (the end without its date when on the same day). */
export function formatRange(from: string, to: string): string {
  const end = shanghaiDay(from) === shanghaiDay(to) ? shanghaiWall(to).slice(11, 16) : formatTime(to);
  return `${formatTime(from)} – ${end}`;
}

/** A time window in a table cell, on one line. */
export function RangeText({ from, to }: { from: string; to: string }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{formatRange(from, to)}</span>;
}

/** A date and time picked as Shanghai wall-clock time, held as the API's instant with its offset (`…+08:00`). */
export function DateTimeInput(props: { value?: string; onChange?(value: string | undefined): void; id?: string }) {
  const value = props.value && !Number.isNaN(Date.parse(props.value)) ? dayjs(shanghaiWall(props.value)) : null;
  return (
    <DatePicker
      id={props.id}
      showTime={{ format: 'HH:mm', minuteStep: 5 }}
      format="YYYY-MM-DD HH:mm"
      value={value}
      onChange={(d) => props.onChange?.(d ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00` : undefined)}
      style={{ width: '100%' }}
    />
  );
}

/** Cities that may host a session or a venue: cities, municipalities and the G60 member district (Songjiang). */
export const isHostCity = (r: Region) => r.kind === 'city' || r.kind === 'municipality' || r.isG60;
/** Districts and counties of Jiaxing, where a landing counts. */
export const isJiaxingDistrict = (r: Region) => r.parentCode === '330400';

export function useEnumOptions() {
  const { label } = useI18n();
  return {
    industries: INDUSTRIES.map((v) => ({ value: v, label: label('roadshow.industry', v) })),
    stages: STAGES.map((v) => ({ value: v, label: label('roadshow.stage', v) })),
    sessionTypes: SESSION_TYPES.map((v) => ({ value: v, label: label('roadshow.sessionType', v) })),
  };
}

const TYPE_COLORS: Record<string, string> = { custom: 'blue', alliance: 'purple', cloud: 'geekblue' };

export function SessionTypeTag({ type }: { type: string }) {
  const { label } = useI18n();
  return (
    <Tag color={TYPE_COLORS[type]} data-session-type={type}>
      {label('roadshow.sessionType', type)}
    </Tag>
  );
}

export function IndustryTags({ values }: { values: string[] }) {
  const { label, t } = useI18n();
  if (!values.length) return <Typography.Text type="secondary">{t('roadshow.session.anyIndustry')}</Typography.Text>;
  return (
    <>
      {values.map((v) => (
        <Tag key={v}>{label('roadshow.industry', v)}</Tag>
      ))}
    </>
  );
}

/** True when a failed load is the API's 404 (nothing recorded yet, or not yours to see). */
export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

/** Where a session takes place: the venue (name, address) or the stream link. */
export function SessionPlace({ session, venues }: { session: Session; venues: Venue[] | undefined }) {
  const { t } = useI18n();
  if (session.streamUrl) {
    return (
      <Typography.Link href={session.streamUrl} target="_blank" rel="noreferrer">
        {t('roadshow.session.stream')}
      </Typography.Link>
    );
  }
  const venue = venues?.find((v) => v.id === session.venueId);
  return <>{venue ? [venue.name, venue.address].filter(Boolean).join('，') : '—'}</>;
}

export function useVenues() {
  return useApi('/roadshow-venues');
}

/** Seats left in a session (never negative). */
export const seatsLeft = (s: Session) => Math.max(0, s.capacity - s.seatsTaken);

/** A link to a project's page, showing its number and title. */
export function ProjectLink({ id, title, number }: { id: string; title: string; number?: string }) {
  return (
    <Link to={`/roadshow/projects/${id}`}>
      {number ? <Typography.Text type="secondary">{number} </Typography.Text> : null}
      {title}
    </Link>
  );
}

export function SessionLink({ session }: { session: Pick<Session, 'id' | 'title'> }) {
  return <Link to={`/roadshow/sessions/${session.id}`}>{session.title}</Link>;
}

/** The optional free-text note most roadshow requests carry (at most 2,000 characters). */
export function NoteField({ name = 'note', label, rows = 2 }: { name?: string; label?: string; rows?: number }) {
  const { t } = useI18n();
  return (
    <Field name={name} label={label ?? t('roadshow.interest.note')}>
      <Input.TextArea rows={rows} maxLength={2000} />
    </Field>
  );
}

/** A page title with the record's lifecycle state beside it. */
export function TitleWithStatus({ title, status, testId }: { title: string; status: string; testId: string }) {
  return (
    <Space>
      <span data-testid={testId}>{title}</span>
      <StatusTag status={status} />
    </Space>
  );
}

/** Two DateTimeInput fields for a time window (the API checks that the end comes after the start). */
export function TimeWindowFields(props: { from: string | (string | number)[]; to: string | (string | number)[]; fromLabel: string; toLabel: string }) {
  return (
    <Space size="large" wrap align="baseline">
      <Field name={props.from} label={props.fromLabel}>
        <DateTimeInput />
      </Field>
      <Field name={props.to} label={props.toLabel}>
        <DateTimeInput />
      </Field>
    </Space>
  );
}

/**
 * A multiple choice of industries where the API requires the list but accepts it empty ("any
 * industry"). A schema Field would mark it required, and antd's required rule refuses an empty list.
 */
export function IndustriesField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  const options = useEnumOptions();
  return (
    <Form.Item name={name} label={label} extra={extra}>
      <Select mode="multiple" options={options.industries} allowClear />
    </Form.Item>
  );
}

/** The way into a cloud or hybrid session's live page (its replay page once finished). */
export function LiveRoomLink({ session }: { session: Pick<Session, 'id' | 'status' | 'hasLivePage'> }) {
  const { t } = useI18n();
  if (!session.hasLivePage || !['published', 'finished'].includes(session.status)) return null;
  return (
    <Link to={`/roadshow/sessions/${session.id}/live`} data-testid="live-room-link">
      <Button type="primary" danger={session.status === 'published'}>
        {session.status === 'finished' ? t('roadshow.live.enterReplay') : t('roadshow.live.enter')}
      </Button>
    </Link>
  );
}

/** A reason code of the scheduler (or a soft-rule warning) with its parameters, as the server sends it. */
export interface ReasonCode {
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Words a reason code in the reader's language (`roadshow.why.<code>`): industries become their names, the
 * ranking note of slots_full a phrase of its own. The server's English sentence is never shown.
 */
export function useReasonText(): (r: ReasonCode) => string {
  const { t, label } = useI18n();
  return (r) => {
    const p = r.params ?? {};
    const vars: Record<string, string | number> = { ...p };
    if (typeof p.industry === 'string') vars.industry = label('roadshow.industry', p.industry);
    if (typeof p.themes === 'string') vars.themes = p.themes.split(', ').filter(Boolean).map((i) => label('roadshow.industry', i)).join('、');
    if (r.code === 'short_gap') vars.of = t(`roadshow.why.of.${p.of === 'project' ? 'project' : 'enterprise'}`);
    if (r.code === 'slots_full') vars.busy = p.busyElsewhere ? t('roadshow.why.busyElsewhere') : '';
    return t(`roadshow.why.${r.code}`, vars);
  };
}

/** The G60 alliance cities (GET /regions' isG60), for the alliance pages' pickers. */
export const isAllianceCity = (r: Region) => r.isG60;
