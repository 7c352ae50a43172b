import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Schema } from '../api';
import { History, StatusTag, type TimelineItem } from '../common';
import { LoadError, useApi } from '../data';
import { findingReasonText } from '../finding-reasons';
import { useReasonWords } from '../reason-words';

export type CaseDetail = Schema<'CaseDetailDto'>;

const COLORS: Record<string, string> = {
  'approval_task.approved': 'green', 'approval_case.approved': 'green', 'approval_task.rejected': 'red', 'approval_case.rejected': 'red',
  'approval_task.returned': 'orange', 'approval_case.returned': 'orange', 'approval_case.withdrawn': 'gray',
};

const HIDDEN = ['approval_task.claimed', 'approval_task.released', 'approval_case.stage_entered'];

/** The comment a decider left when returning or rejecting: what the applicant must act on. */
export function lastDecisionComment(detail: CaseDetail | undefined): string | null {
  const decided = [...(detail?.decisions ?? [])].reverse().find((d) => d.decision !== 'approve' && d.comment);
  return decided?.comment ?? null;
}

/**
 * The approval case behind an application, claim or admission: every step the workflow took, who decided,
 * their comments, and the automatic pre-check results. Polls while the case is still moving.
 */
export function CaseTimeline({ caseId, extra, pollMs }: { caseId: string | null | undefined; extra?: TimelineItem[]; pollMs?: number }) {
  const i18n = useReasonWords();
  const { t, label, lang } = i18n;
  const detail = useApi('/approval-cases/{id}', caseId ? { params: { path: { id: caseId } } } : null, { pollMs });
  const stageName = (key: unknown) => {
    const task = detail.data?.tasks.find((x) => x.stageKey === key);
    return task ? i18n.pick(task.stageName, task.stageNameEn) : key ? String(key) : '';
  };
  const items: TimelineItem[] = [...(extra ?? [])];
  for (const e of detail.data?.timeline ?? []) {
    const d = e.details ?? {};
    // Claiming a task and entering a stage are bookkeeping; the task's creation says the same to the applicant.
    if (HIDDEN.includes(e.action)) continue;
    const title = t(`case.${e.action.replace('.', '_')}`, { stage: stageName(d.stageKey ?? d.stage) });
    const notes: ReactNode[] = [];
    if (e.actorRole && e.actorRole !== 'system') notes.push(<Tag key="role">{label('role', e.actorRole)}</Tag>);
    if (typeof d.comment === 'string' && d.comment) notes.push(<span key="c">{t('case.comment', { text: d.comment })}</span>);
    if (typeof d.reason === 'string' && d.reason && e.action !== 'approval_case.approved') notes.push(<span key="r">{d.reason}</span>);
    if (typeof d.note === 'string' && d.note) notes.push(<span key="n">{t('case.note', { text: d.note })}</span>);
    if (e.action === 'approval_case.prechecked') notes.push(<span key="p">{t('case.precheckSummary', { pass: Number(d.pass ?? 0), warn: Number(d.warn ?? 0), fail: Number(d.fail ?? 0) })}</span>);
    items.push({ at: e.at, title: title.startsWith('case.') ? e.action : title, detail: notes.length ? <Space wrap>{notes}</Space> : undefined, color: COLORS[e.action] });
  }
  items.sort((a, b) => a.at.localeCompare(b.at));
  const latestRevision = Math.max(0, ...(detail.data?.findings ?? []).map((f) => f.revision));
  const findings = (detail.data?.findings ?? []).filter((f) => f.revision === latestRevision);
  return (
    <Card
      title={t('case.title')}
      extra={detail.data && <StatusTag status={detail.data.case.status} />}
      style={{ marginBottom: 16 }}
      data-testid="case-timeline"
    >
      <LoadError error={detail.error} retry={() => void detail.reload()} />
      <History items={items} />
      {findings.length > 0 && (
        <>
          <Typography.Text strong>{t('case.findings')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Space wrap>
              {findings.map((f) => (
                <Tag key={f.check} color={f.outcome === 'pass' ? 'green' : f.outcome === 'warn' ? 'gold' : 'red'} title={(f.reasonCodes.length ? f.reasonCodes.map((r) => findingReasonText(r, i18n)) : f.reasons).join(lang === 'en' ? '; ' : '；')}>
                  {t(`case.check.${f.check}`).startsWith('case.check.') ? f.check : t(`case.check.${f.check}`)} · {label('status', f.outcome)}
                </Tag>
              ))}
            </Space>
          </div>
        </>
      )}
    </Card>
  );
}
