import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { FollowDto, InvestorProfileDto, RecommendationDto, UpsertInvestorProfileDto } from './dto/investor.dto';
import { ProjectsService } from '../projects/projects.service';
import { InvestorProfile, RoadshowProject } from '../shared/roadshow.entities';
import { toProjectDto } from '../projects/project.mapper';
import { VISIBLE_TO_INVESTORS } from '../shared/roadshow.state';

/** Investor profiles (投资机构画像), follows and recommendations by focus. */
@Injectable()
export class InvestorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectsService,
  ) {}

  async profile(actor: Actor): Promise<InvestorProfileDto> {
    const profile = await this.dataSource.getRepository(InvestorProfile).findOneBy({ organizationId: actor.organizationId });
    const follows = (await this.dataSource.query(`SELECT project_id FROM roadshow_follows WHERE user_id = $1 ORDER BY created_at, project_id`, [actor.userId])) as { project_id: string }[];
    return {
      organizationId: actor.organizationId,
      focusIndustries: profile?.focusIndustries ?? [],
      focusStages: profile?.focusStages ?? [],
      ticketMinFen: profile?.ticketMinFen ?? null,
      ticketMaxFen: profile?.ticketMaxFen ?? null,
      followedProjectIds: follows.map((f) => f.project_id),
    };
  }

  async upsertProfile(actor: Actor, dto: UpsertInvestorProfileDto): Promise<InvestorProfileDto> {
    await this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(InvestorProfile);
      const before = await repo.findOne({ where: { organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      const next = {
        focusIndustries: [...new Set(dto.focusIndustries ?? before?.focusIndustries ?? [])].sort(),
        focusStages: [...new Set(dto.focusStages ?? before?.focusStages ?? [])].sort(),
        ticketMinFen: dto.ticketMinFen ?? before?.ticketMinFen ?? null,
        ticketMaxFen: dto.ticketMaxFen ?? before?.ticketMaxFen ?? null,
      };
      if (next.ticketMinFen !== null && next.ticketMaxFen !== null && next.ticketMinFen > next.ticketMaxFen) throw DomainError.invalid('ticketMaxFen', 'must not be below ticketMinFen');
      await tx.manager.query(
        `INSERT INTO investor_profiles (organization_id, focus_industries, focus_stages, ticket_min_fen, ticket_max_fen, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (organization_id) DO UPDATE SET focus_industries = EXCLUDED.focus_industries, focus_stages = EXCLUDED.focus_stages,
            ticket_min_fen = EXCLUDED.ticket_min_fen, ticket_max_fen = EXCLUDED.ticket_max_fen, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [actor.organizationId, next.focusIndustries, next.focusStages, next.ticketMinFen, next.ticketMaxFen, actor.userId],
      );
      tx.audit({ action: 'investor_profile.updated', subjectType: 'organization', subjectId: actor.organizationId, organizationId: actor.organizationId, before: before ?? null, after: next });
    });
    return this.profile(actor);
  }

  async follow(actor: Actor, projectId: string, following: boolean): Promise<FollowDto> {
    return this.uow.run(async (tx) => {
      await this.projects.requireVisible(tx.manager, actor, projectId);
      const changed = following
        ? ((await tx.manager.query(`INSERT INTO roadshow_follows (user_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING project_id`, [actor.userId, projectId])) as unknown[]).length
        : ((await tx.manager.query(`DELETE FROM roadshow_follows WHERE user_id = $1 AND project_id = $2 RETURNING project_id`, [actor.userId, projectId])) as [unknown[], number])[1];
      if (changed) tx.audit({ action: following ? 'roadshow_project.followed' : 'roadshow_project.unfollowed', subjectType: 'roadshow_project', subjectId: projectId, organizationId: actor.organizationId });
      return { projectId, following };
    });
  }

  /**
   * Screened projects that fit the organisation's focus, best first: industry 3, stage 2, ask
   * within the ticket range 1, then followers. Projects it already registered interest in are left out.
   */
  async recommendations(actor: Actor, limit = 20): Promise<RecommendationDto[]> {
    const profile = await this.dataSource.getRepository(InvestorProfile).findOneBy({ organizationId: actor.organizationId });
    const rows = (await this.dataSource.query(
      `SELECT p.id, (SELECT count(*)::int FROM roadshow_follows f WHERE f.project_id = p.id) AS followers
         FROM roadshow_projects p
        WHERE p.status = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM roadshow_interests i WHERE i.project_id = p.id AND i.investor_org_id = $2)`,
      [VISIBLE_TO_INVESTORS, actor.organizationId],
    )) as { id: string; followers: number }[];
    const projects = new Map((await this.dataSource.getRepository(RoadshowProject).findBy({ id: In(rows.map((r) => r.id)) })).map((p) => [p.id, p]));
    const scored = rows.map((row) => {
      const project = projects.get(row.id) as RoadshowProject;
      const reasons: string[] = [];
      let score = 0;
      if (profile?.focusIndustries.includes(project.industry)) {
        score += 3;
        reasons.push(`industry ${project.industry} is in your focus`);
      }
      if (profile?.focusStages.includes(project.stage)) {
        score += 2;
        reasons.push(`stage ${project.stage} is in your focus`);
      }
      const min = profile?.ticketMinFen ?? null;
      const max = profile?.ticketMaxFen ?? null;
      if ((min !== null || max !== null) && (min === null || project.financingAskFen >= min) && (max === null || project.financingAskFen <= max)) {
        score += 1;
        reasons.push('the financing ask fits your ticket size');
      }
      if (row.followers > 0) reasons.push(`${row.followers} investor(s) follow it`);
      return { project, score, followers: row.followers, reasons };
    });
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || b.followers - a.followers || a.project.createdAt.getTime() - b.project.createdAt.getTime() || a.project.id.localeCompare(b.project.id))
      .slice(0, limit)
      .map((s) => ({ project: toProjectDto(s.project), score: s.score, reasons: s.reasons }));
  }
}
