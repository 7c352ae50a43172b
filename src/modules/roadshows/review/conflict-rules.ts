import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { ExclusionReason } from './review.state';

/**
 * 利益冲突回避 the rules that exclude a reviewer whatever they declare: their organisation is the applicant, sits in
 * the applicant's actual-controller group (实际控制人), hosts the applicant (an innovation team's host), or has
 * registered investment interest in the project. The first rule that holds is the reason; none → null.
 */
@Injectable()
export class ConflictRules {
  constructor(private readonly directory: OrganizationDirectory) {}

  async check(manager: EntityManager, projectId: string, applicantOrgId: string, reviewerOrgId: string): Promise<ExclusionReason | null> {
    if (reviewerOrgId === applicantOrgId) return 'same_organisation';
    const parties = await this.directory.parties(manager, [applicantOrgId, reviewerOrgId]);
    const applicant = parties.find((p) => p.id === applicantOrgId);
    const reviewer = parties.find((p) => p.id === reviewerOrgId);
    if (applicant?.controller_group_id && applicant.controller_group_id === reviewer?.controller_group_id) return 'same_controller_group';
    if (applicant?.host_organization_id === reviewerOrgId) return 'hosts_applicant';
    const [interest] = (await manager.query(`SELECT 1 FROM roadshow_interests WHERE project_id = $1 AND investor_org_id = $2 AND status <> 'dropped'`, [projectId, reviewerOrgId])) as unknown[];
    if (interest) return 'investor_interest';
    return null;
  }
}
