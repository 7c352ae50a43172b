import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, hasRegionalView, isPlatformAdmin, OrganizationKind } from '../../platform/context/actor';
import { AuditService } from '../../platform/audit/audit.service';
import { AppConfig } from '../../platform/config/app-config';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxWriter } from '../../platform/outbox/outbox-writer';
import { JobName } from '../../platform/queue/queue.registry';
import { RateLimiter } from '../../platform/throttle/rate-limiter';
import { ApprovalCase, ApprovalTask, WorkflowDefinition } from './approval.entities';
import type { FindingReasonDto } from './dto/approval.dto';
import { nextCaseStatus } from './approval-case.state';
import { ApprovalPolicy } from './approval.policy';
import { ApprovalSubjectRegistry } from './approval-subject.registry';
import { CaseEngine } from './case-engine.service';
import { ApprovalMetricsDto, CaseDetailDto, CaseDto, ListCasesQueryDto, PublicNoticeDto, RevisionChangeDto } from './dto/approval.dto';
import { toCaseDto, toTaskDto } from './approval.mapper';

/** Decision times and open work of one workflow stage; the seconds are null while nothing was decided. */
export interface StageTimes {
  definitionKey: string;
  stageKey: string;
  decided: number;
  avgSeconds: number | null;
  p50Seconds: number | null;
  p90Seconds: number | null;
  open: number;
  overdueOpen: number;
}

/** The one kind of case with a public notice (公示): provider admission. */
const PUBLIC_NOTICE_SUBJECT = 'provider_admission';
const OBJECTING_KINDS: OrganizationKind[] = ['enterprise', 'team', 'provider', 'investor'];
/** The same answer for a case that does not exist, is of another kind or is not in its notice stage: no hint. */
const noPublicNotice = () => DomainError.notFound('Public notice');

/** Applicants' and readers' side of cases: timeline, resubmission, withdrawal, objections, metrics. */
@Injectable()
export class ApprovalCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: CaseEngine,
    private readonly subjects: ApprovalSubjectRegistry,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
  ) {}

  async detail(actor: Actor, caseId: string): Promise<CaseDetailDto> {
    const kase = await this.dataSource.getRepository(ApprovalCase).findOneBy({ id: caseId });
    if (!kase) throw DomainError.notFound('Case');
    const tasks = await this.dataSource.getRepository(ApprovalTask).find({ where: { caseId }, order: { createdAt: 'ASC' } });
    if (!ApprovalPolicy.canSeeCase(actor, kase, tasks)) throw DomainError.notFound('Case');
    const definition = await this.dataSource.getRepository(WorkflowDefinition).findOneByOrFail({ id: kase.definitionId });
    const q = (sql: string) => this.dataSource.query(sql, [caseId]) as Promise<Record<string, unknown>[]>;
    const [decisions, findings, revisions, timeline] = await Promise.all([
      q(`SELECT task_id, revision, stage_index, decider_user_id, decision, comment, created_at FROM approval_decisions WHERE case_id = $1 ORDER BY created_at`),
      q(`SELECT check_key, outcome, reasons, reason_codes, revision, stage_index FROM approval_findings WHERE case_id = $1 ORDER BY revision, stage_index, check_key`),
      q(`SELECT revision, snapshot, diff, note, created_at FROM approval_revisions WHERE case_id = $1 ORDER BY revision`),
      this.audit.trailOf('approval_case', caseId),
    ]);
    return {
      case: toCaseDto(kase, definition),
      tasks: tasks.map((t) => toTaskDto(t, kase)),
      decisions: decisions.map((d) => ({
        taskId: d.task_id as string,
        revision: d.revision as number,
        stageIndex: d.stage_index as number,
        deciderUserId: d.decider_user_id as string,
        decision: d.decision as string,
        comment: d.comment as string | null,
        at: (d.created_at as Date).toISOString(),
      })),
      findings: findings.map((f) => ({ check: f.check_key as string, outcome: f.outcome as string, reasons: f.reasons as string[], reasonCodes: f.reason_codes as FindingReasonDto[], revision: f.revision as number, stageIndex: f.stage_index as number })),
      revisions: revisions.map((r) => ({ revision: r.revision as number, snapshot: r.snapshot as Record<string, unknown>, diff: r.diff as RevisionChangeDto[], note: r.note as string | null, createdAt: (r.created_at as Date).toISOString() })),
      timeline: timeline.map((e) => ({ at: e.occurredAt.toISOString(), action: e.action, actorUserId: e.actorUserId, actorRole: e.actorRole, details: e.after })),
    };
  }

  async list(actor: Actor, query: ListCasesQueryDto): Promise<CaseDto[]> {
    const qb = this.dataSource.getRepository(ApprovalCase).createQueryBuilder('c');
    if (!isPlatformAdmin(actor)) {
      if (hasRegionalView(actor)) {
        qb.where('(c.applicant_org_id = :org OR c.region_code = ANY(:scope) OR c.city_code = ANY(:scope) OR c.partner_region_code = ANY(:scope))', {
          org: actor.organizationId,
          scope: actor.regionScope,
        });
      } else {
        qb.where('c.applicant_org_id = :org', { org: actor.organizationId });
      }
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.subjectType) qb.andWhere('c.subject_type = :subjectType', { subjectType: query.subjectType });
    // Newest first, the id breaking ties, so pages by offset neither repeat nor skip a case.
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'ASC').skip(query.offset ?? 0).take(query.limit ?? 50).getMany();
    const definitions = new Map<string, WorkflowDefinition>();
    for (const id of new Set(rows.map((r) => r.definitionId))) definitions.set(id, await this.dataSource.getRepository(WorkflowDefinition).findOneByOrFail({ id }));
    return rows.map((r) => toCaseDto(r, definitions.get(r.definitionId) as WorkflowDefinition));
  }

  /** The applicant revised the subject after a return: a new revision, diffed, starts from the first stage. */
  async resubmit(actor: Actor, caseId: string, note?: string): Promise<CaseDto> {
    return this.engine.run(async (tx) => {
      const { kase, definition } = await this.engine.lockCase(tx, caseId);
      if (!kase || !ApprovalPolicy.isApplicant(actor, kase)) throw DomainError.notFound('Case');
      await this.engine.resubmit(tx, kase, actor.userId, note ?? null);
      const updated = await tx.manager.getRepository(ApprovalCase).findOneByOrFail({ id: kase.id });
      return toCaseDto(updated, definition);
    });
  }

  async withdraw(actor: Actor, caseId: string): Promise<CaseDto> {
    return this.engine.run(async (tx) => {
      const { kase, definition } = await this.engine.lockCase(tx, caseId);
      if (!kase || !ApprovalPolicy.isApplicant(actor, kase)) throw DomainError.notFound('Case');
      await this.engine.finish(tx, kase, 'withdrawn', 'withdrawn by the applicant');
      const updated = await tx.manager.getRepository(ApprovalCase).findOneByOrFail({ id: kase.id });
      return toCaseDto(updated, definition);
    });
  }

  /** Cases under public notice now (provider admission 公示), for anyone signed in to find and object to. */
  async publicNotices(): Promise<PublicNoticeDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, o.id AS provider_id, o.name, o.region_code, c.timer_due_at
         FROM approval_cases c
         JOIN workflow_definitions d ON d.id = c.definition_id
         JOIN read_organizations o ON o.id::text = c.subject_id
        WHERE c.subject_type = $1 AND c.status = 'waiting'
          AND d.stages -> c.current_stage ->> 'kind' = 'timer' AND d.stages -> c.current_stage ->> 'objectionsStop' = 'true'
        ORDER BY c.timer_due_at NULLS LAST, c.id
        LIMIT 500`,
      [PUBLIC_NOTICE_SUBJECT],
    )) as { id: string; provider_id: string; name: string; region_code: string; timer_due_at: Date | null }[];
    return rows.map((r) => ({ caseId: r.id, providerId: r.provider_id, providerName: r.name, regionCode: r.region_code, noticeEndsAt: r.timer_due_at ? r.timer_due_at.toISOString() : null }));
  }

  /**
   * An objection during a public notice (公示异议) stops the timer and opens an objection review.
   * Only provider admission notices take objections, only from users of registered organisations
   * (enterprises, providers, investors) other than the applicant, rate limited per user and per
   * organisation; any case not under public notice answers the same 404 (docs/security.md, "Objections").
   */
  async object(actor: Actor, caseId: string, reason: string): Promise<CaseDto> {
    if (!OBJECTING_KINDS.includes(actor.organizationKind)) throw DomainError.forbidden('Objections come from registered enterprises, innovation teams, providers and investors');
    await this.limiter.consume(`objection:user:${actor.userId}`, this.config.OBJECTIONS_PER_USER_PER_HOUR, 3600, 'Too many objections from this user; try again later');
    await this.limiter.consume(`objection:org:${actor.organizationId}`, this.config.OBJECTIONS_PER_ORG_PER_HOUR, 3600, 'Too many objections from this organisation; try again later');
    return this.engine.run(async (tx) => {
      // Read without a lock first: a case that is not a public notice must not even be waited on.
      const [candidate] = (await tx.manager.query(`SELECT subject_type FROM approval_cases WHERE id = $1`, [caseId])) as { subject_type: string }[];
      if (candidate?.subject_type !== PUBLIC_NOTICE_SUBJECT) throw noPublicNotice();
      const { kase, definition } = await this.engine.lockCase(tx, caseId);
      if (!kase) throw noPublicNotice();
      const stage = definition.stages[kase.currentStage];
      if (kase.status !== 'waiting' || stage?.kind !== 'timer' || !stage.objectionsStop) throw noPublicNotice();
      if (ApprovalPolicy.isApplicant(actor, kase)) throw DomainError.forbidden('The applicant cannot object to its own case');
      const status = nextCaseStatus(kase.status, 'object');
      const [objection] = (await tx.manager.query(`INSERT INTO approval_objections (case_id, raised_by, reason) VALUES ($1, $2, $3) RETURNING id`, [kase.id, actor.userId, reason])) as { id: string }[];
      await tx.manager.query(`UPDATE approval_cases SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [kase.id, status]);
      await this.outbox.cancelPending(tx.manager, [JobName.TimerElapsed], { caseId: [kase.id] });
      kase.status = status;
      tx.audit(this.engine.auditOf(kase, 'approval_case.objection_raised', { status: 'waiting' }, { status, objectionId: objection.id, reason }));
      const review = [...definition.stages.slice(0, kase.currentStage)].reverse().find((s) => s.kind === 'review');
      if (!review) throw new Error('objection review needs an earlier review stage (validated at definition time)');
      const existing = (await tx.manager.query(`SELECT 1 FROM approval_tasks WHERE case_id = $1 AND revision = $2 AND stage_index = $3 AND kind = 'objection_review'`, [kase.id, kase.revision, kase.currentStage])) as unknown[];
      if (existing.length > 0) throw DomainError.conflict('An objection to this notice is already under review');
      // Deciders of the earlier review, named after the notice stage it interrupts.
      await this.engine.createTask(tx, kase, { ...review, key: stage.key, name: stage.name, nameEn: stage.nameEn }, kase.currentStage, 'objection_review', objection.id);
      return toCaseDto({ ...kase }, definition);
    });
  }

  async metrics(actor: Actor): Promise<ApprovalMetricsDto> {
    const scoped = !isPlatformAdmin(actor);
    const params = scoped ? [actor.regionScope] : [];
    const caseScope = scoped ? 'WHERE c.region_code = ANY($1::text[]) OR c.city_code = ANY($1::text[])' : '';
    const taskScope = scoped ? 'AND t.region_code = ANY($1::text[])' : '';
    const byStatus = (await this.dataSource.query(
      `SELECT d.key, c.status, count(*)::int AS n FROM approval_cases c JOIN workflow_definitions d ON d.id = c.definition_id ${caseScope} GROUP BY d.key, c.status`,
      params,
    )) as { key: string; status: string; n: number }[];
    const [tasks] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE t.status = 'open')::int AS open, count(*) FILTER (WHERE t.status = 'open' AND t.due_at < now())::int AS overdue
         FROM approval_tasks t WHERE true ${taskScope}`,
      params,
    )) as { open: number; overdue: number }[];
    const casesByStatus: Record<string, Record<string, number>> = {};
    for (const r of byStatus) (casesByStatus[r.key] ??= {})[r.status] = r.n;
    return {
      casesByStatus,
      openTasks: tasks.open,
      overdueTasks: tasks.overdue,
      timeInStage: (await this.stageTimes(actor))
        .filter((s) => s.decided > 0)
        .map((s) => ({ definitionKey: s.definitionKey, stageKey: s.stageKey, decided: s.decided, avgSeconds: s.avgSeconds as number, p90Seconds: s.p90Seconds as number })),
    };
  }

  /**
   * Per workflow and stage: decided tasks with their seconds from creation to decision (average,
   * median, 90th percentile), and the tasks still open and overdue. Cancelled tasks are left out;
   * outside the platform, only tasks of the caller's regions count.
   */
  async stageTimes(actor: Actor): Promise<StageTimes[]> {
    const scoped = !isPlatformAdmin(actor);
    const seconds = 'EXTRACT(EPOCH FROM (t.decided_at - t.created_at))';
    const rows = (await this.dataSource.query(
      `SELECT d.key, t.stage_key, count(t.decided_at)::int AS decided,
              round(avg(${seconds}))::int AS avg_s,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}))::int AS p50_s,
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds}))::int AS p90_s,
              count(*) FILTER (WHERE t.status = 'open')::int AS open,
              count(*) FILTER (WHERE t.status = 'open' AND t.due_at < now())::int AS overdue_open
         FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id JOIN workflow_definitions d ON d.id = c.definition_id
        WHERE t.status <> 'cancelled' AND (t.decided_at IS NOT NULL OR t.status = 'open') ${scoped ? 'AND t.region_code = ANY($1::text[])' : ''}
        GROUP BY d.key, t.stage_key ORDER BY d.key, t.stage_key`,
      scoped ? [actor.regionScope] : [],
    )) as { key: string; stage_key: string; decided: number; avg_s: number | null; p50_s: number | null; p90_s: number | null; open: number; overdue_open: number }[];
    return rows.map((r) => ({
      definitionKey: r.key,
      stageKey: r.stage_key,
      decided: r.decided,
      avgSeconds: r.avg_s,
      p50Seconds: r.p50_s,
      p90Seconds: r.p90_s,
      open: r.open,
      overdueOpen: r.overdue_open,
    }));
  }
}
