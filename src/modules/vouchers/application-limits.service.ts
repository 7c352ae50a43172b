import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { LedgerService } from '../ledger/ledger.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgramsService } from '../programs/programs.service';
import { applicationWindowProblem } from '../programs/program-policy';
import { noTierReason, qualificationCounts, selectTier } from '../programs/subsidy';
import { CapsService, headroom } from './caps.service';
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
    const visible = await this.programs.visible(manager, actor, programId);
    const today = shanghaiDate();
    const { program, versionNo, policy } = await this.programs.requireOn(manager, visible.id, today);
    const qualifications = await this.organizations.qualifications(manager, actor.organizationId);
    const applicant = await this.caps.applicant(manager, actor.organizationId);
    const tier = selectTier(policy.tiers, applicant.kind, qualifications, today);
    // A request of 0 fen: the headroom of every cap scope that applies, nothing more.
    const { detail } = await this.caps.check(manager, program.id, policy, applicant, 0);
    const own = detail.find((d) => d.scope !== 'group');
    if (!own) throw new Error('CapsService.check returned no applicant scope');
    const group = detail.find((d) => d.scope === 'group') ?? null;
    const budgetAvailableFen = (await this.ledger.balancesByKind(manager, program.id)).budget_available;
    const bounds = [policy.perApplicationCapFen, headroom(own), budgetAvailableFen, group ? headroom(group) : null].filter((b): b is number => b !== null);
    const notAccepting = applicationWindowProblem(program.status, program.useBy, policy, today) ?? (tier ? null : noTierReason(policy.tiers, applicant.kind));
    return {
      programId: program.id,
      policyVersion: versionNo,
      acceptingApplications: notAccepting === null,
      notAcceptingReason: notAccepting,
      applicantKind: applicant.kind,
      tier: tier?.code ?? null,
      tierNameZh: tier?.nameZh ?? null,
      tierNameEn: tier?.nameEn ?? null,
      ratioBp: tier?.ratioBp ?? null,
      perApplicationCapFen: policy.perApplicationCapFen,
      fullCoverageThresholdFen: policy.fullCoverage?.thresholdFen ?? null,
      fullCoverageComparison: policy.fullCoverage?.comparison ?? null,
      opensOn: policy.opensOn,
      closesOn: policy.closesOn,
      annualCapEnterpriseFen: own.capFen,
      enterpriseUsedFen: own.usedFen,
      enterpriseRemainingFen: headroom(own),
      annualCapGroupFen: group?.capFen ?? null,
      groupUsedFen: group?.usedFen ?? null,
      groupRemainingFen: group ? headroom(group) : null,
      budgetAvailableFen,
      maxRequestableFen: Math.min(...bounds),
      useBy: program.useBy,
      redeemBy: program.redeemBy,
      redemptionMode: program.redemptionMode,
      qualifications: qualifications.map((q) => ({ ...q, validToday: qualificationCounts(q, today) })),
    };
  }
}
