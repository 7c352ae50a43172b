import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Role } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { ExpertDto, UpsertExpertDto } from './dto/review.dto';
import { RoadshowReviewErrors } from './review.errors';

/**
 * Roles that cannot be experts: the agencies read approval cases of their region by region (with the applicant's
 * name and team), which would undo a blind round. Everyone else with an account may be registered.
 */
const NOT_EXPERT_ROLES: string[] = [Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin];

/**
 * 评审专家库 the expert pool: existing users an organiser registers as reviewers. Experts keep their own account
 * and organisation (which the conflict rules need), so there is no separate expert role.
 */
@Injectable()
export class ExpertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly directory: OrganizationDirectory,
  ) {}

  async list(): Promise<ExpertDto[]> {
    const rows = (await this.dataSource.query(`SELECT user_id, expertise, active FROM roadshow_experts ORDER BY created_at`)) as { user_id: string; expertise: string[]; active: boolean }[];
    const users = new Map((await this.directory.users(this.dataSource.manager, rows.map((r) => r.user_id))).map((u) => [u.id, u]));
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: users.get(r.user_id)?.displayName ?? '',
      organizationName: users.get(r.user_id)?.organizationName ?? '',
      role: users.get(r.user_id)?.role ?? '',
      expertise: r.expertise,
      active: r.active,
    }));
  }

  async upsert(actor: Actor, userId: string, dto: UpsertExpertDto): Promise<ExpertDto> {
    return this.uow.run(async (tx) => {
      const [user] = await this.directory.users(tx.manager, [userId]);
      if (!user || user.status !== 'active') throw DomainError.invalid('userId', 'is not an active user');
      if (NOT_EXPERT_ROLES.includes(user.role)) throw DomainError.invalid('userId', `a ${user.role} reads the region's approval cases, which would undo blind review; choose another user`);
      const [before] = (await tx.manager.query(`SELECT expertise, active FROM roadshow_experts WHERE user_id = $1 FOR UPDATE`, [userId])) as { expertise: string[]; active: boolean }[];
      const expertise = dto.expertise ?? before?.expertise ?? [];
      const active = dto.active ?? true;
      await tx.manager.query(
        `INSERT INTO roadshow_experts (user_id, expertise, active, added_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET expertise = EXCLUDED.expertise, active = EXCLUDED.active, updated_at = now()`,
        [userId, expertise, active, actor.userId],
      );
      tx.audit({ action: before ? 'roadshow_expert.updated' : 'roadshow_expert.registered', subjectType: 'roadshow_expert', subjectId: userId, organizationId: user.organizationId, before: before ?? null, after: { expertise, active } });
      return { userId, displayName: user.displayName, organizationName: user.organizationName, role: user.role, expertise, active };
    });
  }

  /** The expert's organisation, or 422 NOT_AN_EXPERT when the user is not an active expert. */
  async requireActive(manager: EntityManager, userId: string): Promise<{ organizationId: string; displayName: string }> {
    const [expert] = (await manager.query(`SELECT active FROM roadshow_experts WHERE user_id = $1`, [userId])) as { active: boolean }[];
    const [user] = await this.directory.users(manager, [userId]);
    if (!expert?.active || !user || user.status !== 'active') throw new DomainError(RoadshowReviewErrors.NOT_AN_EXPERT, 'Only active experts of the pool (评审专家库) review projects', { userId });
    return { organizationId: user.organizationId, displayName: user.displayName };
  }
}
