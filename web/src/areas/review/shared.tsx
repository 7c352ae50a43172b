import { Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../../app/auth';
import { formatTime } from '../../app/common';
import { useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import type { Task } from './types';
export { RegionName, useRegions } from '../../app/regions';
export { DownloadButton } from '../../app/widgets/download-button';

/** The inbox of a role: finance has its own entry so that its home stays the settlement list. */
export function inboxPath(role: Role): string {
  return role === 'finance' ? '/review/finance/tasks' : '/review/tasks';
}

/** An organisation's name (the API answers 404 outside the reader's scope: the id is shown then). */
export function OrgName({ id }: { id: string | null | undefined }) {
  const org = useApi('/organizations/{id}', id ? { params: { path: { id } } } : null);
  if (!id) return <>—</>;
  return <>{org.data?.name ?? <Typography.Text type="secondary" copyable={{ text: id }}>{id.slice(0, 8)}</Typography.Text>}</>;
}

export function ProgramLink({ id }: { id: string }) {
  const program = useApi('/programs/{id}', { params: { path: { id } } });
  return <Link to={`/review/programmes/${id}`}>{program.data?.name ?? id.slice(0, 8)}</Link>;
}

/** "50" → 5000 bp, "33.33" → 3333; exact (no floats), NaN when not a percentage with ≤ 2 decimals. */
export function parsePercent(text: string): number | undefined {
  const clean = text.replace(/[%\s]/g, '');
  if (clean === '') return undefined;
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function bpToPercentText(bp: number | undefined): string {
  if (bp === undefined || bp === null || !Number.isFinite(bp)) return '';
  const rest = bp % 100;
  return rest ? `${Math.floor(bp / 100)}.${String(rest).padStart(2, '0').replace(/0$/, '')}` : String(bp / 100);
}

/** A ratio typed as a percentage, held (and sent) as integer basis points. */
export function PercentInput(props: { value?: number; onChange?(bp: number | undefined): void; id?: string; placeholder?: string }) {
  const [text, setText] = useState(bpToPercentText(props.value));
  useEffect(() => {
    const current = parsePercent(text);
    if (props.value !== current && !(Number.isNaN(props.value) && Number.isNaN(current))) setText(bpToPercentText(props.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={props.id}
        inputMode="decimal"
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange?.(parsePercent(e.target.value));
        }}
      />
      <Space.Addon>%</Space.Addon>
    </Space.Compact>
  );
}

/** Rules of a ratio in basis points entered as a percentage (0–100 %, at most two decimals). */
export function usePercentRules(required: boolean): Rule[] {
  const { t } = useI18n();
  return [
    ...(required ? [{ required: true, message: t('form.required') }] : []),
    {
      validator: async (_: unknown, value: number | undefined) => {
        if (value === undefined || value === null) return;
        if (!Number.isInteger(value) || value < 0 || value > 10_000) throw new Error(t('review.percent.invalid'));
      },
    },
  ];
}

export interface FilterDef {
  key: string;
  label: string;
  /** A choice list; without it the filter is a text search, or a check box with `toggle`. */
  options?: { value: string | number; label: ReactNode }[];
  toggle?: boolean;
  width?: number;
}

export type FilterValues = Record<string, string | number | boolean | undefined>;

/** A row of list filters above a table. */
export function Filters({ defs, value, onChange, extra }: { defs: FilterDef[]; value: FilterValues; onChange(next: FilterValues): void; extra?: ReactNode }) {
  const set = (key: string, v: string | number | boolean | undefined) => onChange({ ...value, [key]: v === '' || v === false ? undefined : v });
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="filters">
      {defs.map((d) => (
        <span key={d.key} data-testid={`filter-${d.key}`}>
          {d.options ? (
            <Select allowClear placeholder={d.label} aria-label={d.label} style={{ width: d.width ?? 180 }} value={value[d.key] as string | undefined} options={d.options} onChange={(v) => set(d.key, v)} />
          ) : d.toggle ? (
            <Checkbox checked={!!value[d.key]} onChange={(e) => set(d.key, e.target.checked)}>
              {d.label}
            </Checkbox>
          ) : (
            <Input.Search allowClear placeholder={d.label} style={{ width: d.width ?? 220 }} defaultValue={value[d.key] as string | undefined} onSearch={(v) => set(d.key, v.trim())} />
          )}
        </span>
      ))}
      {extra}
    </Space>
  );
}

/** Choice options for enum values shown through `label(group, value)`. */
export function useEnumOptions(group: string, values: readonly string[]) {
  const { label } = useI18n();
  return values.map((v) => ({ value: v, label: label(group, v) }));
}

/** The SLA state of a task: due time, with an overdue or due-soon badge while it is open. */
export function DueCell({ task }: { task: Pick<Task, 'dueAt' | 'overdue' | 'escalatedToRole' | 'status'> }) {
  const { t, label } = useI18n();
  if (!task.dueAt) return <>—</>;
  const open = task.status === 'open';
  const soon = open && !task.overdue && new Date(task.dueAt).getTime() - Date.now() < 24 * 3600 * 1000;
  return (
    <Space size={4} wrap>
      <span>{formatTime(task.dueAt)}</span>
      {open && task.overdue && (
        <Tag color="red" data-testid="overdue-badge">
          {t('review.sla.overdue')}
        </Tag>
      )}
      {soon && (
        <Tag color="orange" data-testid="due-soon-badge">
          {t('review.sla.dueSoon')}
        </Tag>
      )}
      {open && task.escalatedToRole && <Tag color="volcano">{t('review.sla.escalated', { role: label('role', task.escalatedToRole) })}</Tag>}
    </Space>
  );
}

/** A comment field; rejecting or returning needs one (the API refuses without). */
export function CommentField({ required }: { required: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="comment"
      label={t('review.decision.comment')}
      rules={[...(required ? [{ required: true, whitespace: true, message: t('review.decision.commentRequired') }] : []), { max: 2000, message: t('form.maxLength', { max: 2000 }) }]}
    >
      <Input.TextArea rows={3} placeholder={t('review.decision.commentPlaceholder')} data-testid="decision-comment" />
    </Form.Item>
  );
}
