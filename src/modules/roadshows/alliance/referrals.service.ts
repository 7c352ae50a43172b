import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import { CITY_OWN_PROJECT_SQL, CITY_PROJECT_SQL } from '../sessions/city-projects';
import { notifyCityOrganisers } from '../sessions/city-organisers';
import { REFERRAL_STATES, ReferralEvent, ReferralStatus } from '../shared/alliance.state';
import { SCHEDULABLE_STATUSES } from '../shared/roadshow.state';
import { organiserCity } from '../shared/session-organisers';
import type { NotificationKind, NotificationParams } from '../../../../packages/shared/notification-kinds';
import { CityProjectDto, CreateReferralDto, ReferralDto } from './dto/alliance.dto';

describeConstraint('roadshow_referrals_open', ErrorCode.AlreadyExists, 'This project is already referred to that city (pending or accepted)');

interface ReferralRow {
  id: string;
  project_id: string;
  project_number: string;
  project_title: string;
  industry: string;
  from_city_code: string;
  to_city_code: string;
  session_id: string | null;
  session_title: string | null;
  status: ReferralStatus;
  note: string | null;
  decline_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

const SELECT = `
  SELECT f.id, f.project_id, p.number AS project_number, p.title AS project_title, p.industry, f.from_city_code, f.to_city_code,
         f.session_id, s.title AS session_title, f.status, f.note, f.decline_reason, f.decided_at, f.created_at
    FROM roadshow_referrals f JOIN roadshow_projects p ON p.id = f.project_id LEFT JOIN roadshow_sessions s ON s.id = f.session_id`;

/**
 * Referrals between alliance cities (项目推荐, docs/domain.md, "The nine-city alliance"): a city refers one of its
 * projects (or one referred to it) to another city, for one of that city's sessions or its next one; the receiving
 * city accepts (the project becomes schedulable in its sessions: sessions/city-projects.ts) or declines with a
 * reason; the referring city withdraws while nobody has answered. Each move: state table, audit, notification.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly directory: OrganizationDirectory,
  ) {}

  async refer(actor: Actor, dto: CreateReferralDto): Promise<ReferralDto> {
    const from = organiserCity(actor);
    if (!from) throw DomainError.forbidden('A city’s roadshow organisers refer its projects');
    if (!this.regions.get(dto.toCityCode)?.isG60) throw DomainError.invalid('toCityCode', `${dto.toCityCode} is not a G60 alliance city`);
    if (dto.toCityCode === from) throw DomainError.invalid('toCityCode', 'a city does not refer a project to itself');
    return this.uow.run(async (tx) => {
      const [project] = (await tx.manager.query(`SELECT p.id, p.status, ${CITY_PROJECT_SQL('p', '$2', `'{}'::uuid[]`)} AS mine FROM roadshow_projects p WHERE p.id = $1 FOR UPDATE`, [dto.projectId, from])) as {
        id: string;
        status: string;
        mine: boolean;
      }[];
      if (!project) throw DomainError.invalid('projectId', 'no such project');
      if (!project.mine) throw DomainError.forbidden('A city refers its own projects and those referred to it that it accepted');
      if (!SCHEDULABLE_STATUSES.includes(project.status as never)) throw DomainError.conflict(`Only screened projects not yet presented are referred; this one is ${project.status}`, { status: project.status });
      if (dto.sessionId) {
        const [session] = (await tx.manager.query(`SELECT host_city_code, status FROM roadshow_sessions WHERE id = $1`, [dto.sessionId])) as { host_city_code: string; status: string }[];
        if (!session || session.host_city_code !== dto.toCityCode) throw DomainError.invalid('sessionId', `not a session hosted by ${dto.toCityCode}`);
        if (!['draft', 'published'].includes(session.status)) throw DomainError.conflict(`The session is ${session.status}`, { status: session.status });
      }
      const [row] = (await tx.manager.query(
        `INSERT INTO roadshow_referrals (project_id, from_city_code, to_city_code, session_id, status, note, referred_by) VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id`,
        [dto.projectId, from, dto.toCityCode, dto.sessionId ?? null, dto.note ?? null, actor.userId],
      )) as { id: string }[];
      tx.audit({ action: 'roadshow_referral.pending', subjectType: 'roadshow_referral', subjectId: row.id, regionCode: from, after: { projectId: dto.projectId, from, to: dto.toCityCode, sessionId: dto.sessionId ?? null } });
      const referral = await this.one(tx, row.id);
      await this.notify(tx, actor, dto.toCityCode, referral, 'roadshow.referral_received', `项目推荐：${referral.projectTitle}`, `${from} 向贵市推荐路演项目「${referral.projectTitle}」，请在城市路演页面答复。`, { fromCityCode: from });
      return referral;
    });
  }

  /** The receiving city accepts, or declines with a reason; the referring city withdraws. 403 for any other city. */
  async move(actor: Actor, id: string, event: ReferralEvent, reason?: string): Promise<ReferralDto> {
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT id, status, from_city_code, to_city_code FROM roadshow_referrals WHERE id = $1 FOR UPDATE`, [id])) as {
        id: string;
        status: ReferralStatus;
        from_city_code: string;
        to_city_code: string;
      }[];
      if (!row) throw DomainError.notFound('Referral');
      const side = event === 'withdraw' ? row.from_city_code : row.to_city_code;
      if (organiserCity(actor) !== side) throw DomainError.forbidden(event === 'withdraw' ? 'The referring city withdraws its referral' : 'The receiving city answers a referral');
      const to = REFERRAL_STATES.next(row.status, event);
      await tx.manager.query(
        `UPDATE roadshow_referrals SET status = $2, decline_reason = $3, decided_by = $4, decided_at = now(), version = version + 1 WHERE id = $1`,
        [id, to, event === 'decline' ? reason : null, actor.userId],
      );
      tx.audit({ action: REFERRAL_STATES.emits(event), subjectType: 'roadshow_referral', subjectId: id, regionCode: side, before: { status: row.status }, after: { status: to, reason: reason ?? null } });
      const referral = await this.one(tx, id);
      const other = event === 'withdraw' ? row.to_city_code : row.from_city_code;
      const verdict = { accept: '接受了', decline: '谢绝了', withdraw: '撤回了' }[event];
      await this.notify(tx, actor, other, referral, `roadshow.referral_${to as Exclude<typeof to, 'pending'>}`, `项目推荐答复：${referral.projectTitle}`, `${side} ${verdict}项目「${referral.projectTitle}」的推荐。${reason ? `理由：${reason}` : ''}`, {
        byCityCode: side, reason: reason ?? null, ...(reason ? { variant: 'reason' } : {}),
      });
      return referral;
    });
  }

  /** My city's referrals in and out (the platform: every city's). */
  async list(actor: Actor, direction: 'in' | 'out' | undefined, status: string | undefined): Promise<ReferralDto[]> {
    const city = organiserCity(actor);
    if (!city && !isPlatformAdmin(actor)) throw DomainError.forbidden();
    const side = direction === 'in' ? 'f.to_city_code = $1' : direction === 'out' ? 'f.from_city_code = $1' : '(f.to_city_code = $1 OR f.from_city_code = $1)';
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE ($1::text IS NULL OR ${side}) AND ($2::text IS NULL OR f.status = $2) ORDER BY f.created_at DESC, f.id LIMIT 500`,
      [city, status ?? null],
    )) as ReferralRow[];
    return rows.map(toDto);
  }

  /** The projects a city may schedule and refer: its own screened ones and those it accepted from other cities. */
  async cityProjects(actor: Actor, cityCode: string | undefined): Promise<CityProjectDto[]> {
    const city = organiserCity(actor) ?? cityCode;
    if (!city) throw DomainError.invalid('cityCode', 'name the city');
    if (organiserCity(actor) && cityCode && cityCode !== city) throw DomainError.forbidden('A city lists its own projects');
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.number, p.title, p.industry, p.stage, p.region_code, p.status,
              CASE WHEN ${CITY_OWN_PROJECT_SQL('p', '$1')} THEN 'own' ELSE 'referred' END AS source
         FROM roadshow_projects p
        WHERE p.status = ANY ($2::text[]) AND ${CITY_PROJECT_SQL('p', '$1', `ARRAY(SELECT id FROM roadshow_sessions WHERE host_city_code = $1)`)}
        ORDER BY p.created_at, p.id LIMIT 1000`,
      [city, SCHEDULABLE_STATUSES],
    )) as { id: string; number: string; title: string; industry: string; stage: string; region_code: string; status: string; source: string }[];
    return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, industry: r.industry, stage: r.stage, regionCode: r.region_code, status: r.status, source: r.source }));
  }

  private async notify(tx: Transaction, actor: Actor, cityCode: string, referral: ReferralDto, kind: NotificationKind, title: string, body: string, params: NotificationParams): Promise<void> {
    await notifyCityOrganisers(tx, this.directory, actor, cityCode, {
      kind, title, body, subjectType: 'roadshow_referral', subjectId: referral.id, dedupKey: `${kind}:${referral.id}`,
      params: { projectTitle: referral.projectTitle, ...params },
    });
  }

  private async one(tx: Transaction, id: string): Promise<ReferralDto> {
    const [row] = (await tx.manager.query(`${SELECT} WHERE f.id = $1`, [id])) as ReferralRow[];
    return toDto(row);
  }
}

function toDto(r: ReferralRow): ReferralDto {
  return {
    id: r.id,
    projectId: r.project_id,
    projectNumber: r.project_number,
    projectTitle: r.project_title,
    industry: r.industry,
    fromCityCode: r.from_city_code,
    toCityCode: r.to_city_code,
    sessionId: r.session_id,
    sessionTitle: r.session_title,
    status: r.status,
    note: r.note,
    declineReason: r.decline_reason,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}
