import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { LedgerService } from '../ledger/ledger.service';
import { RegionsService } from '../organizations/regions.service';
import { BudgetDto, CreateProgramDto, ProgramDto, ProgramQueryDto } from './dto/program.dto';
import { VoucherProgram } from './program.entity';
import { PROGRAM_STATES } from './program.state';

describeConstraint('voucher_programs_name', ErrorCode.AlreadyExists, 'A programme with this name already exists for the region and year', 'name');
describeConstraint('voucher_programs_dates', ErrorCode.ValidationFailed, 'redeemBy must not be before useBy', 'redeemBy');

/** Voucher programmes (创新券项目) and their budgets. The city approver owns its region's programmes. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly regions: RegionsService,
  ) {}

  async create(actor: Actor, dto: CreateProgramDto): Promise<ProgramDto> {
    const region = this.regions.require(dto.issuingRegionCode, 'issuingRegionCode');
    if (!region.issuing) throw DomainError.invalid('issuingRegionCode', 'programmes are issued only by an issuing region (a bureau the platform admins enabled)');
    this.assertOwner(actor, dto.issuingRegionCode);
    if (dto.redeemBy < dto.useBy) throw DomainError.invalid('redeemBy', 'must not be before useBy');
    if (dto.perApplicationCapFen > dto.annualCapEnterpriseFen) throw DomainError.invalid('perApplicationCapFen', 'must not exceed annualCapEnterpriseFen');
    if (dto.annualCapEnterpriseFen > dto.annualCapGroupFen) throw DomainError.invalid('annualCapEnterpriseFen', 'must not exceed annualCapGroupFen');
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(VoucherProgram);
      const saved = await repo.save(repo.create({ ...dto, ratioBpByTier: { ...dto.ratioBpByTier }, status: 'draft', createdBy: actor.userId }));
      const program = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({ action: 'program.created', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, after: toProgramDto(program) });
      return toProgramDto(program);
    });
  }

  /** Opening appropriates the budget: one balanced 'fund' movement into budget_available. */
  async open(actor: Actor, id: string): Promise<ProgramDto> {
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      const status = PROGRAM_STATES.next(program.status, 'open');
      const source = await this.ledger.account(tx.manager, program.id, 'appropriation');
      const available = await this.ledger.account(tx.manager, program.id, 'budget_available');
      await this.ledger.post(tx.manager, { programId: program.id, kind: 'fund', referenceType: 'program', referenceId: program.id, fromAccountId: source, toAccountId: available, amountFen: program.budgetFen, memo: 'budget appropriated' });
      await tx.manager.query(`UPDATE voucher_programs SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, status]);
      tx.audit({ action: 'program.opened', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { status: program.status }, after: { status, budgetFen: program.budgetFen } });
      return toProgramDto({ ...program, status, version: program.version + 1 });
    });
  }

  async close(actor: Actor, id: string, reason?: string): Promise<ProgramDto> {
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      const status = PROGRAM_STATES.next(program.status, 'close');
      await tx.manager.query(`UPDATE voucher_programs SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, status]);
      tx.audit({ action: 'program.closed', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { status: program.status }, after: { status, reason: reason ?? null } });
      return toProgramDto({ ...program, status, version: program.version + 1 });
    });
  }

  async list(actor: Actor, query: ProgramQueryDto): Promise<ProgramDto[]> {
    const qb = this.dataSource.getRepository(VoucherProgram).createQueryBuilder('p');
    // Everyone sees open and closed programmes (enterprises apply to them); drafts only their owners.
    if (!isPlatformAdmin(actor)) qb.where(`(p.status <> 'draft' OR p.issuing_region_code = ANY(:scope))`, { scope: hasRegionalView(actor) ? actor.regionScope : [] });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.year) qb.andWhere('p.year = :year', { year: query.year });
    return (await qb.orderBy('p.year', 'DESC').addOrderBy('p.name').getMany()).map(toProgramDto);
  }

  async get(actor: Actor, id: string): Promise<ProgramDto> {
    return toProgramDto(await this.visible(this.dataSource.manager, actor, id));
  }

  async budget(actor: Actor, id: string): Promise<BudgetDto> {
    const program = await this.visible(this.dataSource.manager, actor, id);
    if (!isPlatformAdmin(actor) && !(hasRegionalView(actor) && actorCoversRegion(actor, program.issuingRegionCode))) {
      throw DomainError.forbidden('Budgets are for the programme’s region and the platform');
    }
    const balances = await this.ledger.balancesByKind(this.dataSource.manager, id);
    const sum = await this.ledger.programEntrySum(this.dataSource.manager, id);
    // Vouchers import programmes, so the count comes from the vouchers module's read model (one row per voucher).
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM read_voucher_balances WHERE program_id = $1`, [id])) as { n: number }[];
    return {
      programId: id,
      budgetFen: program.budgetFen,
      availableFen: balances.budget_available,
      committedFen: balances.voucher_available,
      heldFen: balances.voucher_held,
      payableFen: balances.payable,
      paidFen: balances.paid,
      clawbackReceivableFen: balances.clawback_receivable,
      ledgerSumFen: sum,
      vouchersIssued: n,
    };
  }

  /** For other modules, inside their transaction. */
  async require(manager: EntityManager, id: string, lock = false): Promise<VoucherProgram> {
    const program = await manager.getRepository(VoucherProgram).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_read' } : undefined });
    if (!program) throw DomainError.notFound('Programme');
    return program;
  }

  /** The programme if the actor may see it (drafts only for their region and the platform), else 404. */
  async visible(manager: EntityManager, actor: Actor, id: string): Promise<VoucherProgram> {
    const program = await manager.getRepository(VoucherProgram).findOneBy({ id });
    if (!program) throw DomainError.notFound('Programme');
    if (program.status === 'draft' && !isPlatformAdmin(actor) && !(hasRegionalView(actor) && actorCoversRegion(actor, program.issuingRegionCode))) {
      throw DomainError.notFound('Programme');
    }
    return program;
  }

  private async lockOwned(manager: EntityManager, actor: Actor, id: string): Promise<VoucherProgram> {
    const program = await manager.getRepository(VoucherProgram).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!program) throw DomainError.notFound('Programme');
    this.assertOwner(actor, program.issuingRegionCode);
    return program;
  }

  private assertOwner(actor: Actor, regionCode: string): void {
    if (isPlatformAdmin(actor)) return;
    if (actor.role !== Role.Approver || actor.regionCode !== regionCode) throw DomainError.forbidden('Only the issuing city’s science bureau manages its programmes');
  }
}

export function toProgramDto(p: VoucherProgram): ProgramDto {
  return {
    id: p.id,
    issuingRegionCode: p.issuingRegionCode,
    year: p.year,
    name: p.name,
    ratioBpByTier: p.ratioBpByTier,
    perApplicationCapFen: p.perApplicationCapFen,
    annualCapEnterpriseFen: p.annualCapEnterpriseFen,
    annualCapGroupFen: p.annualCapGroupFen,
    fullCoverageThresholdFen: p.fullCoverageThresholdFen,
    useBy: p.useBy,
    redeemBy: p.redeemBy,
    redemptionMode: p.redemptionMode,
    settlementCycle: p.settlementCycle,
    budgetFen: p.budgetFen,
    status: p.status,
    version: p.version,
  };
}
