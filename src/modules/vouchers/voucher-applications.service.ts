import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import type { FindingReason } from '../../../packages/shared/finding-reasons';
import { CaseEngine } from '../approvals/case-engine.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { OrganizationsService } from '../organizations/organizations.service';
import { applicationWindowProblem } from '../programs/program-policy';
import { ProgramsService, ProgramWithPolicy } from '../programs/programs.service';
import { noTierReason, ProgramPolicy, selectTier } from '../programs/subsidy';
import { CapsService } from './caps.service';
import { ApplicationDto, CreateApplicationDto, ListQueryDto, UpdateApplicationDto } from './dto/voucher.dto';
import { VoucherApplication } from './voucher.entities';
import { APPLICATION_STATES } from './voucher.state';
import { VoucherErrors } from './vouchers.errors';

export const VOUCHER_APPLICATION = 'voucher_application';

/** Enterprises apply for vouchers (申领); the voucher_application workflow decides; issuance commits the budget. */
@Injectable()
export class VoucherApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly programs: ProgramsService,
    private readonly caps: CapsService,
    private readonly engine: CaseEngine,
    private readonly directory: OrganizationDirectory,
    private readonly organizations: OrganizationsService,
  ) {}

  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationDto> {
    return this.uow.run(async (tx) => {
      const { program } = await this.assertApplicable(tx.manager, dto.programId, actor.organizationId, dto.requestedFen);
      const [{ n }] = (await tx.manager.query(`SELECT nextval('voucher_application_number_seq') AS n`)) as { n: string }[];
      const repo = tx.manager.getRepository(VoucherApplication);
      const saved = await repo.save(
        repo.create({
          number: `SQ${program.year}-${n.padStart(6, '0')}`,
          programId: program.id,
          enterpriseId: actor.organizationId,
          applicantUserId: actor.userId,
          requestedFen: dto.requestedFen,
          purpose: dto.purpose.trim(),
          status: 'draft',
        }),
      );
      const app = await repo.findOneByOrFail({ id: saved.id });
      tx.audit(this.audit(app, 'voucher_application.created', null, toApplicationDto(app)));
      return toApplicationDto(app);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateApplicationDto): Promise<ApplicationDto> {
    return this.uow.run(async (tx) => {
      const app = await this.lockOwn(tx.manager, actor, id);
      if (app.status !== 'draft' && app.status !== 'returned') throw DomainError.conflict(`Only draft or returned applications can be edited; this one is ${app.status}`);
      const { policy } = await this.programs.requireOn(tx.manager, app.programId, shanghaiDate());
      if (dto.requestedFen !== undefined) assertPerApplicationCap(policy, dto.requestedFen);
      const before = toApplicationDto(app);
      await tx.manager.query(`UPDATE voucher_applications SET requested_fen = $2, purpose = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
        app.id,
        dto.requestedFen ?? app.requestedFen,
        dto.purpose?.trim() ?? app.purpose,
      ]);
      const after = await tx.manager.getRepository(VoucherApplication).findOneByOrFail({ id: app.id });
      tx.audit(this.audit(after, 'voucher_application.updated', before, toApplicationDto(after)));
      return toApplicationDto(after);
    });
  }

  /** Submits a draft (opens its approval case) or resubmits a returned one (next revision of the same case). */
  async submit(actor: Actor, id: string, note?: string): Promise<ApplicationDto> {
    return this.uow.run(async (tx) => {
      const app = await this.lockOwn(tx.manager, actor, id);
      const { program, policy } = await this.assertApplicable(tx.manager, app.programId, app.enterpriseId, app.requestedFen);
      const status = APPLICATION_STATES.next(app.status, 'submit');
      await this.assertNotBarred(tx.manager, app.enterpriseId, program.issuingRegionCode);
      // Caps are checked at submission and again at issuance.
      const check = await this.caps.check(tx.manager, program.id, policy, await this.caps.applicant(tx.manager, app.enterpriseId), app.requestedFen);
      if (!check.ok) throw DomainError.rule(check.reason, { caps: check.detail });
      if (app.status === 'returned' && app.caseId) {
        const { kase } = await this.engine.lockCase(tx, app.caseId);
        if (!kase) throw DomainError.notFound('Case');
        await this.engine.resubmit(tx, kase, actor.userId, note ?? null);
      } else {
        await tx.manager.query(`UPDATE voucher_applications SET status = $2, submitted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [app.id, status]);
        const kase = await this.engine.openCase(tx, { definitionKey: VOUCHER_APPLICATION, subjectType: VOUCHER_APPLICATION, subjectId: app.id });
        await tx.manager.query(`UPDATE voucher_applications SET case_id = $2 WHERE id = $1`, [app.id, kase.id]);
      }
      const after = await tx.manager.getRepository(VoucherApplication).findOneByOrFail({ id: app.id });
      tx.audit(this.audit(after, 'voucher_application.submitted', { status: app.status }, { status: after.status, caseId: after.caseId, note: note ?? null }));
      return toApplicationDto(after);
    });
  }

  /** A misconduct record in force in the programme's region bars the applicant until its period ends (read_applicant_bars). */
  private async assertNotBarred(manager: EntityManager, enterpriseId: string, regionCode: string): Promise<void> {
    const [bar] = (await manager.query(
      `SELECT number, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM read_applicant_bars
        WHERE enterprise_id = $1 AND region_code = $2 AND period_from <= $3::date AND period_to >= $3::date ORDER BY period_to DESC LIMIT 1`,
      [enterpriseId, regionCode, shanghaiDate()],
    )) as { number: string; period_to: string }[];
    if (bar) {
      throw new DomainError(VoucherErrors.APPLICANT_BARRED, `A misconduct record (${bar.number}) bars this applicant from the region's programmes until ${bar.period_to}`, {
        misconductRecord: bar.number,
        barredUntil: bar.period_to,
      });
    }
  }

  async withdraw(actor: Actor, id: string): Promise<ApplicationDto> {
    return this.uow.run(async (tx) => {
      const app = await this.lockOwn(tx.manager, actor, id);
      const status = APPLICATION_STATES.next(app.status, 'withdraw');
      if (app.caseId) {
        const { kase } = await this.engine.lockCase(tx, app.caseId);
        if (kase && !['approved', 'rejected', 'withdrawn'].includes(kase.status)) await this.engine.finish(tx, kase, 'withdrawn', 'withdrawn by the applicant');
      }
      await this.setStatus(tx, app, status, null);
      return toApplicationDto({ ...app, status });
    });
  }

  async list(actor: Actor, query: ListQueryDto): Promise<ApplicationDto[]> {
    const qb = this.dataSource.getRepository(VoucherApplication).createQueryBuilder('a').innerJoin('read_organizations', 'o', 'o.id = a.enterprise_id');
    if (!isPlatformAdmin(actor)) {
      if (hasRegionalView(actor) && actor.role !== Role.PartnerAdmin) qb.where('o.region_code = ANY(:scope)', { scope: actor.regionScope });
      else qb.where('a.enterprise_id = :org', { org: actor.organizationId });
    }
    if (query.programId) qb.andWhere('a.program_id = :programId', { programId: query.programId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    return (await qb.orderBy('a.created_at', 'DESC').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany()).map(toApplicationDto);
  }

  async get(actor: Actor, id: string): Promise<ApplicationDto> {
    const app = await this.dataSource.getRepository(VoucherApplication).findOneBy({ id });
    if (!app || !(await this.canSee(actor, app))) throw DomainError.notFound('Application');
    return toApplicationDto(app);
  }

  /** `code`: the reason as a code when the server gives it (an issuance refusal); a new reason without one clears it. */
  async setStatus(tx: Transaction, app: VoucherApplication, status: VoucherApplication['status'], reason: string | null, code: FindingReason | null = null): Promise<void> {
    await tx.manager.query(
      `UPDATE voucher_applications SET status = $2, rejection_reason = COALESCE($3, rejection_reason),
              rejection_reason_code = CASE WHEN $3::text IS NULL THEN rejection_reason_code ELSE $4::jsonb END, version = version + 1, updated_at = now(),
              decided_at = CASE WHEN $2 IN ('approved', 'rejected', 'issued') THEN now() ELSE decided_at END WHERE id = $1`,
      [app.id, status, reason, code === null ? null : JSON.stringify(code)],
    );
    tx.audit(this.audit(app, `voucher_application.${status}`, { status: app.status }, code ? { status, reason, reasonCode: code } : { status, reason }));
    app.status = status;
  }

  audit(app: VoucherApplication, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'voucher_application', subjectId: app.id, organizationId: app.enterpriseId, before, after };
  }

  /**
   * Whether the applicant may apply for `requestedFen` today under the version in effect: the
   * programme takes applications (open, inside its window, before use-by), the amount is within
   * the per-application cap, and one of its tiers applies to the applicant (docs/policies.md).
   */
  private async assertApplicable(manager: EntityManager, programId: string, applicantId: string, requestedFen: number): Promise<ProgramWithPolicy> {
    const today = shanghaiDate();
    const found = await this.programs.requireOn(manager, programId, today);
    const problem = applicationWindowProblem(found.program.status, found.program.useBy, found.policy, today);
    if (problem) throw DomainError.rule(`Applications are not taken: ${problem}`, { opensOn: found.policy.opensOn, closesOn: found.policy.closesOn, status: found.program.status });
    assertPerApplicationCap(found.policy, requestedFen);
    const applicant = await this.caps.applicant(manager, applicantId);
    const qualifications = await this.organizations.qualifications(manager, applicantId);
    if (!selectTier(found.policy.tiers, applicant.kind, qualifications, today)) throw DomainError.rule(`Not eligible: ${noTierReason(found.policy.tiers, applicant.kind)}`, { tiers: found.policy.tiers.map((t) => t.code) });
    return found;
  }

  private async lockOwn(manager: EntityManager, actor: Actor, id: string): Promise<VoucherApplication> {
    const app = await manager.getRepository(VoucherApplication).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app || app.enterpriseId !== actor.organizationId) throw DomainError.notFound('Application');
    return app;
  }

  private async canSee(actor: Actor, app: VoucherApplication): Promise<boolean> {
    if (isPlatformAdmin(actor) || app.enterpriseId === actor.organizationId) return true;
    if (!hasRegionalView(actor) || actor.role === Role.PartnerAdmin) return false;
    const regions = await this.directory.regionCodes(this.dataSource.manager, [app.enterpriseId]);
    return actorCoversRegion(actor, regions.get(app.enterpriseId)!);
  }
}


export function toApplicationDto(a: VoucherApplication): ApplicationDto {
  return {
    id: a.id,
    number: a.number,
    programId: a.programId,
    enterpriseId: a.enterpriseId,
    requestedFen: a.requestedFen,
    purpose: a.purpose,
    status: a.status,
    rejectionReason: a.rejectionReason,
    rejectionReasonCode: a.rejectionReasonCode,
    caseId: a.caseId,
    voucherId: a.voucherId,
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}

function assertPerApplicationCap(policy: ProgramPolicy, requestedFen: number): void {
  if (policy.perApplicationCapFen !== null && requestedFen > policy.perApplicationCapFen) {
    throw DomainError.invalid('requestedFen', `must not exceed the per-application cap of ${policy.perApplicationCapFen} fen`);
  }
}
