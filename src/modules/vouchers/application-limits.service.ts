import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { LedgerService } from '../ledger/ledger.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgramsService } from '../programs/programs.service';
import { qualificationCounts, ratioForTier, tierOn } from '../programs/subsidy';
import { CapHeadroom, CapsService } from './caps.service';
import { ApplicationLimitsDto } from './dto/voucher.dto';

/**
 * What an enterprise may still apply for in a programme. "Used" is read through CapsService.check,
 * the check submission and issuance run, so the form's hint and the refusal can never disagree.
 */
@Injectable()
export class ApplicationLimitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly caps: CapsService,
    private readonly ledger: LedgerService,
    private readonly organizations: OrganizationsService,
  ) {}

  async limits(actor: Actor, programId: string): Promise<ApplicationLimitsDto> {
    const manager = this.dataSource.manager;
    const program = await this.programs.visible(manager, actor, programId);
    const today = shanghaiDate();
    const qualifications = await this.organizations.qualifications(manager, actor.organizationId);
    const tier = tierOn(qualifications, today);
    // A request of 0 fen: the headroom of every cap scope that applies, nothing more.
    const { detail } = await this.caps.check(manager, program, actor.organizationId, 0);
    const enterprise = detail.find((d) => d.scope === 'enterprise');
    if (!enterprise) throw new Error('CapsService.check returned no enterprise scope');
    const group = detail.find((d) => d.scope === 'group') ?? null;
    const remaining = (d: CapHeadroom) => Math.max(0, d.capFen - d.usedFen);
    const budgetAvailableFen = (await this.ledger.balancesByKind(manager, program.id)).budget_available;
    const bounds = [program.perApplicationCapFen, remaining(enterprise), budgetAvailableFen, ...(group ? [remaining(group)] : [])];
    return {
      programId: program.id,
      acceptingApplications: program.status === 'open' && today <= program.useBy,
      tier,
      ratioBp: ratioForTier(program.ratioBpByTier, tier),
      perApplicationCapFen: program.perApplicationCapFen,
      fullCoverageThresholdFen: program.fullCoverageThresholdFen,
      annualCapEnterpriseFen: enterprise.capFen,
      enterpriseUsedFen: enterprise.usedFen,
      enterpriseRemainingFen: remaining(enterprise),
      annualCapGroupFen: group?.capFen ?? null,
      groupUsedFen: group?.usedFen ?? null,
      groupRemainingFen: group ? remaining(group) : null,
      budgetAvailableFen,
      maxRequestableFen: Math.min(...bounds),
      useBy: program.useBy,
      redeemBy: program.redeemBy,
      redemptionMode: program.redemptionMode,
      qualifications: qualifications.map((q) => ({ ...q, validToday: qualificationCounts(q, today) })),
    };
  }
}
