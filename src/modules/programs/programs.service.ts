import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { JobName } from '../../platform/queue/queue.registry';
import { LedgerService } from '../ledger/ledger.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RegionsService } from '../organizations/regions.service';
import { BudgetDto, CreateProgramDto, CreateVersionDto, PolicyDto, ProgramDto, ProgramQueryDto, ProgramVersionDto, TopUpDto, TopUpRecordDto, UpdateDraftProgramDto } from './dto/program.dto';
import { policyChanges, readPolicy, writePolicy } from './program-policy';
import { VoucherProgram } from './program.entity';
import { PROGRAM_STATES } from './program.state';
import type { NotificationKind, NotificationParams } from '../../../packages/shared/notification-kinds';
import { ProgramPolicy } from './subsidy';

/** A programme with the policy version that applies on a day (or that a voucher was issued under). */
export interface ProgramWithPolicy {
  program: VoucherProgram;
  versionNo: number;
  policy: ProgramPolicy;
}

describeConstraint('voucher_programs_name', ErrorCode.AlreadyExists, 'A programme with this name already exists for the region and year', 'name');
describeConstraint('voucher_programs_dates', ErrorCode.ValidationFailed, 'redeemBy must not be before useBy', 'redeemBy');

/** Voucher programmes (创新券项目) and their budgets. The city approver owns its region's programmes. */
/** A programme as ordering prices with it: where it issues and one version's policy, with policy_version_stamp(). */
export interface PolicyReference {
  issuingRegionCode: string;
  policy: ProgramPolicy;
  stamp: string;
}

@Injectable()
export class ProgramsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly regions: RegionsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async create(actor: Actor, dto: CreateProgramDto): Promise<ProgramDto> {
    const region = this.regions.require(dto.issuingRegionCode, 'issuingRegionCode');
    if (!region.issuing) throw DomainError.invalid('issuingRegionCode', 'programmes are issued only by an issuing region (a bureau the platform admins enabled)');
    this.assertOwner(actor, dto.issuingRegionCode);
    if (dto.redeemBy < dto.useBy) throw DomainError.invalid('redeemBy', 'must not be before useBy');
    const policy = writePolicy(dto, await this.organizations.qualificationKindCodes(this.dataSource.manager));
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(VoucherProgram);
      const { issuingRegionCode, year, name, useBy, redeemBy, redemptionMode, settlementCycle, budgetFen } = dto;
      const saved = await repo.save(repo.create({ issuingRegionCode, year, name, nameEn: dto.nameEn ?? null, useBy, redeemBy, redemptionMode, settlementCycle, budgetFen, status: 'draft', policyVersion: 1, createdBy: actor.userId }));
      await tx.manager.query(
        `INSERT INTO voucher_program_versions (program_id, version_no, effective_from, policy, note, created_by) VALUES ($1, 1, $2, $3, NULL, $4)`,
        [saved.id, shanghaiDate(), JSON.stringify(policy), actor.userId],
      );
      const program = await repo.findOneByOrFail({ id: saved.id });
      const dto_ = toProgramDto(program, 1, policy);
      tx.audit({ action: 'program.created', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, after: dto_ });
      return dto_;
    });
  }

  /** A draft is edited in place (its one version); an open programme gets a new version instead. */
  async updateDraft(actor: Actor, id: string, dto: UpdateDraftProgramDto): Promise<ProgramDto> {
    const known = await this.organizations.qualificationKindCodes(this.dataSource.manager);
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      PROGRAM_STATES.next(program.status, 'edit');
      const before = await this.policyOf(tx.manager, program.id, 1);
      const policy = writePolicy(dto, known, before);
      const next = { ...program, name: dto.name ?? program.name, nameEn: dto.nameEn ?? program.nameEn, useBy: dto.useBy ?? program.useBy, redeemBy: dto.redeemBy ?? program.redeemBy, redemptionMode: dto.redemptionMode ?? program.redemptionMode, settlementCycle: dto.settlementCycle ?? program.settlementCycle, budgetFen: dto.budgetFen ?? program.budgetFen };
      if (next.redeemBy < next.useBy) throw DomainError.invalid('redeemBy', 'must not be before useBy');
      await tx.manager.query(
        `UPDATE voucher_programs SET name = $2, use_by = $3, redeem_by = $4, redemption_mode = $5, settlement_cycle = $6, budget_fen = $7, name_en = $8, version = version + 1, updated_at = now() WHERE id = $1`,
        [program.id, next.name, next.useBy, next.redeemBy, next.redemptionMode, next.settlementCycle, next.budgetFen, next.nameEn],
      );
      await tx.manager.query(`UPDATE voucher_program_versions SET policy = $2 WHERE program_id = $1 AND version_no = 1`, [program.id, JSON.stringify(policy)]);
      const after = toProgramDto({ ...next, version: program.version + 1 }, 1, policy);
      tx.audit({ action: 'program.edited', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: toProgramDto(program, 1, before), after });
      return after;
    });
  }

  /**
   * Sets or removes the programme's English name (docs/i18n.md): words for readers, not policy, so no new version
   * and no state of its own (a draft, an open or a closed programme alike); the issuing region's approver (or a
   * platform admin), as for every edit of the programme.
   */
  async setEnglishName(actor: Actor, id: string, nameEn: string | null): Promise<ProgramDto> {
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      await tx.manager.query(`UPDATE voucher_programs SET name_en = $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, nameEn]);
      tx.audit({ action: 'program.english_name_set', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { nameEn: program.nameEn }, after: { nameEn } });
      return this.withPolicy(tx.manager, { ...program, nameEn, version: program.version + 1 });
    });
  }

  /**
   * A new version of an open programme's policy, in effect from `effectiveFrom` (today or later,
   * not before the newest version's day). Vouchers keep the version they were issued under.
   */
  async addVersion(actor: Actor, id: string, dto: CreateVersionDto): Promise<ProgramVersionDto> {
    const known = await this.organizations.qualificationKindCodes(this.dataSource.manager);
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      PROGRAM_STATES.next(program.status, 'amend');
      const today = shanghaiDate();
      if (dto.effectiveFrom < today) throw DomainError.invalid('effectiveFrom', `must be today (${today}) or later: a version never changes the past`);
      const [latest] = (await tx.manager.query(`SELECT effective_from::text AS day FROM voucher_program_versions WHERE program_id = $1 AND version_no = $2`, [program.id, program.policyVersion])) as { day: string }[];
      if (dto.effectiveFrom < latest.day) throw DomainError.invalid('effectiveFrom', `must not be before version ${program.policyVersion}'s day (${latest.day})`);
      const before = await this.policyOf(tx.manager, program.id, program.policyVersion);
      const policy = writePolicy(dto, known, before);
      const changes = policyChanges(before, policy);
      if (changes.length === 0) throw DomainError.invalid('note', 'the new version changes nothing');
      const versionNo = program.policyVersion + 1;
      await tx.manager.query(
        `INSERT INTO voucher_program_versions (program_id, version_no, effective_from, policy, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [program.id, versionNo, dto.effectiveFrom, JSON.stringify(policy), dto.note.trim(), actor.userId],
      );
      await tx.manager.query(`UPDATE voucher_programs SET policy_version = $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, versionNo]);
      await this.notifyBureau(tx, actor, program, 'voucher_program.amended', `创新券政策第 ${versionNo} 版：${program.name}`, `自 ${dto.effectiveFrom} 起生效：${dto.note.trim()}（变更 ${changes.map((c) => c.field).join('、')}）`, `v${versionNo}`, {
        programName: program.name, programNameEn: program.nameEn, version: versionNo, effectiveFrom: dto.effectiveFrom, note: dto.note.trim(), fields: changes.map((c) => ({ field: c.field })),
      });
      tx.audit({ action: 'program.amended', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { policyVersion: program.policyVersion }, after: { policyVersion: versionNo, effectiveFrom: dto.effectiveFrom, note: dto.note.trim(), changes } });
      return (await this.versionsOf(tx.manager, program.id)).find((v) => v.versionNo === versionNo)!;
    });
  }

  async versions(actor: Actor, id: string): Promise<ProgramVersionDto[]> {
    const program = await this.visible(this.dataSource.manager, actor, id);
    return this.versionsOf(this.dataSource.manager, program.id);
  }

  private async versionsOf(manager: EntityManager, programId: string): Promise<ProgramVersionDto[]> {
    const rows = (await manager.query(
      `SELECT version_no, effective_from::text AS effective_from, policy, note, created_by, created_at FROM voucher_program_versions WHERE program_id = $1 ORDER BY version_no`,
      [programId],
    )) as { version_no: number; effective_from: string; policy: Record<string, unknown>; note: string | null; created_by: string | null; created_at: Date }[];
    const current = (await this.policyOn(manager, programId, shanghaiDate())).versionNo;
    return rows.map((r, i) => {
      const policy = readPolicy(r.policy);
      return {
        versionNo: r.version_no,
        effectiveFrom: r.effective_from,
        note: r.note,
        createdBy: r.created_by,
        createdAt: r.created_at.toISOString(),
        policy: toPolicyDto(policy),
        changes: i === 0 ? [] : policyChanges(readPolicy(rows[i - 1].policy), policy),
        current: r.version_no === current,
      };
    });
  }

  /** Tops up an open programme's budget: a `fund` movement of its own, recorded with its reason. */
  async topUp(actor: Actor, id: string, dto: TopUpDto): Promise<TopUpRecordDto> {
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      PROGRAM_STATES.next(program.status, 'top_up');
      if (program.budgetFen + dto.amountFen > 1_000_000_000_000) throw DomainError.invalid('amountFen', 'the budget would exceed 10,000,000,000 yuan');
      const topUpId = randomUUID();
      const source = await this.ledger.account(tx.manager, program.id, 'appropriation');
      const available = await this.ledger.account(tx.manager, program.id, 'budget_available');
      const transactionId = await this.ledger.post(tx.manager, { programId: program.id, kind: 'fund', referenceType: 'program_top_up', referenceId: topUpId, fromAccountId: source, toAccountId: available, amountFen: dto.amountFen, memo: dto.reason.trim() });
      await tx.manager.query(`INSERT INTO voucher_program_top_ups (id, program_id, amount_fen, reason, ledger_transaction_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        topUpId,
        program.id,
        dto.amountFen,
        dto.reason.trim(),
        transactionId,
        actor.userId,
      ]);
      await tx.manager.query(`UPDATE voucher_programs SET budget_fen = budget_fen + $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, dto.amountFen]);
      await this.notifyBureau(tx, actor, program, 'voucher_program.topped_up', `创新券预算追加：${program.name}`, `追加 ${dto.amountFen} 分，预算合计 ${program.budgetFen + dto.amountFen} 分：${dto.reason.trim()}`, `top-up:${topUpId}`, {
        programName: program.name, programNameEn: program.nameEn, amountFen: dto.amountFen, budgetFen: program.budgetFen + dto.amountFen, reason: dto.reason.trim(),
      });
      tx.audit({ action: 'program.topped_up', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { budgetFen: program.budgetFen }, after: { budgetFen: program.budgetFen + dto.amountFen, amountFen: dto.amountFen, reason: dto.reason.trim(), topUpId } });
      return (await this.topUpsOf(tx.manager, program.id)).find((t) => t.id === topUpId)!;
    });
  }

  async topUps(actor: Actor, id: string): Promise<TopUpRecordDto[]> {
    const program = await this.visible(this.dataSource.manager, actor, id);
    this.assertBudgetReader(actor, program);
    return this.topUpsOf(this.dataSource.manager, program.id);
  }

  private async topUpsOf(manager: EntityManager, programId: string): Promise<TopUpRecordDto[]> {
    const rows = (await manager.query(`SELECT id, amount_fen, reason, created_by, created_at FROM voucher_program_top_ups WHERE program_id = $1 ORDER BY created_at, id`, [programId])) as {
      id: string;
      amount_fen: string;
      reason: string;
      created_by: string | null;
      created_at: Date;
    }[];
    return rows.map((r) => ({ id: r.id, amountFen: Number(r.amount_fen), reason: r.reason, createdBy: r.created_by, createdAt: r.created_at.toISOString() }));
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
      return this.withPolicy(tx.manager, { ...program, status, version: program.version + 1 });
    });
  }

  async close(actor: Actor, id: string, reason?: string): Promise<ProgramDto> {
    return this.uow.run(async (tx) => {
      const program = await this.lockOwned(tx.manager, actor, id);
      const status = PROGRAM_STATES.next(program.status, 'close');
      await tx.manager.query(`UPDATE voucher_programs SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [program.id, status]);
      tx.audit({ action: 'program.closed', subjectType: 'voucher_program', subjectId: program.id, regionCode: program.issuingRegionCode, before: { status: program.status }, after: { status, reason: reason ?? null } });
      return this.withPolicy(tx.manager, { ...program, status, version: program.version + 1 });
    });
  }

  async list(actor: Actor, query: ProgramQueryDto): Promise<ProgramDto[]> {
    const qb = this.dataSource.getRepository(VoucherProgram).createQueryBuilder('p');
    // Everyone sees open and closed programmes (enterprises apply to them); drafts only their owners.
    if (!isPlatformAdmin(actor)) qb.where(`(p.status <> 'draft' OR p.issuing_region_code = ANY(:scope))`, { scope: hasRegionalView(actor) ? actor.regionScope : [] });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.year) qb.andWhere('p.year = :year', { year: query.year });
    const programs = await qb.orderBy('p.year', 'DESC').addOrderBy('p.name').getMany();
    const policies = await this.policiesOn(this.dataSource.manager, programs.map((p) => p.id), shanghaiDate());
    return programs.map((p) => {
      const { versionNo, policy } = policies.get(p.id)!;
      return toProgramDto(p, versionNo, policy);
    });
  }

  async get(actor: Actor, id: string): Promise<ProgramDto> {
    return this.withPolicy(this.dataSource.manager, await this.visible(this.dataSource.manager, actor, id));
  }

  private async withPolicy(manager: EntityManager, program: VoucherProgram): Promise<ProgramDto> {
    const { versionNo, policy } = await this.policyOn(manager, program.id, shanghaiDate());
    return toProgramDto(program, versionNo, policy);
  }

  /**
   * The version in effect on `day`: the newest whose effective day has come; version 1 covers
   * every day before (docs/policies.md, "Versions").
   */
  async policyOn(manager: EntityManager, programId: string, day: string): Promise<{ versionNo: number; policy: ProgramPolicy }> {
    const found = (await this.policiesOn(manager, [programId], day)).get(programId);
    if (!found) throw DomainError.notFound('Programme');
    return found;
  }

  private async policiesOn(manager: EntityManager, programIds: string[], day: string): Promise<Map<string, { versionNo: number; policy: ProgramPolicy }>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (program_id) program_id, version_no, policy FROM voucher_program_versions
        WHERE program_id = ANY($1::uuid[]) AND (effective_from <= $2 OR version_no = 1) ORDER BY program_id, version_no DESC`,
      [programIds, day],
    )) as { program_id: string; version_no: number; policy: Record<string, unknown> }[];
    return new Map(rows.map((r) => [r.program_id, { versionNo: r.version_no, policy: readPolicy(r.policy) }]));
  }

  /** One version's policy (a voucher's, by the version it was issued under). */
  async policyOf(manager: EntityManager, programId: string, versionNo: number): Promise<ProgramPolicy> {
    const [row] = (await manager.query(`SELECT policy FROM voucher_program_versions WHERE program_id = $1 AND version_no = $2`, [programId, versionNo])) as { policy: Record<string, unknown> }[];
    if (!row) throw new Error(`programme ${programId} has no version ${versionNo}`);
    return readPolicy(row.policy);
  }

  /**
   * Where a programme issues and the policy of one of its versions, with policy_version_stamp() from
   * the same read (docs/architecture.md, "Money paths"), or null when there is no such version.
   */
  async policyReference(manager: EntityManager, programId: string, versionNo: number): Promise<PolicyReference | null> {
    const [row] = (await manager.query(
      `SELECT p.issuing_region_code, pv.policy, policy_version_stamp(p.id, pv.version_no) AS stamp
         FROM voucher_program_versions pv JOIN voucher_programs p ON p.id = pv.program_id
        WHERE pv.program_id = $1 AND pv.version_no = $2`,
      [programId, versionNo],
    )) as { issuing_region_code: string; policy: Record<string, unknown>; stamp: string }[];
    return row ? { issuingRegionCode: row.issuing_region_code, policy: readPolicy(row.policy), stamp: row.stamp } : null;
  }

  /** The programme and the version in effect on `day`, for other modules inside their transaction. */
  async requireOn(manager: EntityManager, id: string, day: string): Promise<ProgramWithPolicy> {
    const program = await this.require(manager, id);
    return { program, ...(await this.policyOn(manager, id, day)) };
  }

  async budget(actor: Actor, id: string): Promise<BudgetDto> {
    const program = await this.visible(this.dataSource.manager, actor, id);
    this.assertBudgetReader(actor, program);
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

  /**
   * Tells the issuing region's other reviewers, approvers and finance officers of a new version or a
   * top-up (an outbox row in the same transaction); the directory's read model names them.
   */
  private async notifyBureau(tx: Transaction, actor: Actor, program: VoucherProgram, kind: NotificationKind, title: string, body: string, key: string, params?: NotificationParams): Promise<void> {
    const rows = (await tx.manager.query(
      `SELECT id FROM read_directory_users WHERE region_code = $1 AND organization_kind = 'agency' AND role IN ('reviewer', 'approver', 'finance') AND status = 'active' AND id <> $2`,
      [program.issuingRegionCode, actor.userId],
    )) as { id: string }[];
    if (rows.length === 0) return;
    tx.enqueue(JobName.DeliverNotification, { userIds: rows.map((r) => r.id), kind, title, body, subjectType: 'voucher_program', subjectId: program.id, dedupKey: `${kind}:${program.id}:${key}`, params });
  }

  private assertBudgetReader(actor: Actor, program: VoucherProgram): void {
    if (!isPlatformAdmin(actor) && !(hasRegionalView(actor) && actorCoversRegion(actor, program.issuingRegionCode))) {
      throw DomainError.forbidden('Budgets are for the programme’s region and the platform');
    }
  }

  private assertOwner(actor: Actor, regionCode: string): void {
    if (isPlatformAdmin(actor)) return;
    if (actor.role !== Role.Approver || actor.regionCode !== regionCode) throw DomainError.forbidden('Only the issuing city’s science bureau manages its programmes');
  }
}

export function toPolicyDto(policy: ProgramPolicy): PolicyDto {
  return { ...policy, tiers: policy.tiers.map((t) => ({ ...t })), fullCoverage: policy.fullCoverage ? { ...policy.fullCoverage } : null };
}

export function toProgramDto(p: VoucherProgram, versionNo: number, policy: ProgramPolicy): ProgramDto {
  return {
    id: p.id,
    issuingRegionCode: p.issuingRegionCode,
    year: p.year,
    name: p.name,
    nameEn: p.nameEn ?? null,
    policyVersion: versionNo,
    latestPolicyVersion: p.policyVersion,
    policy: toPolicyDto(policy),
    ratioBpByTier: Object.fromEntries(policy.tiers.map((t) => [t.code, t.ratioBp])),
    perApplicationCapFen: policy.perApplicationCapFen,
    annualCapEnterpriseFen: policy.annualCapEnterpriseFen,
    annualCapTeamFen: policy.annualCapTeamFen,
    annualCapGroupFen: policy.annualCapGroupFen,
    fullCoverageThresholdFen: policy.fullCoverage?.thresholdFen ?? null,
    fullCoverageComparison: policy.fullCoverage?.comparison ?? null,
    useBy: p.useBy,
    redeemBy: p.redeemBy,
    redemptionMode: p.redemptionMode,
    settlementCycle: p.settlementCycle,
    budgetFen: p.budgetFen,
    status: p.status,
    version: p.version,
  };
}
