import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, isPlatformAdmin, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { CaseEngine } from '../approvals/case-engine.service';
import { FourEyesService } from '../four-eyes/four-eyes.service';
import { ClawBackBalance, LedgerService } from '../ledger/ledger.service';
import { OrdersService } from '../orders/orders.service';
import { ProgramQueries } from '../programs/program-queries';
import { ProgramsService } from '../programs/programs.service';
import { normalizeInvoice, RedemptionClaim } from './claim.entity';
import { CLAIM_STATES, ClaimStatus } from './claim.state';
import { ClaimDto, ClaimQueryDto, SubmitClaimDto, UpdateClaimDocumentsDto } from './dto/claim.dto';

describeConstraint('redemption_claims_invoice_unique', ErrorCode.AlreadyExists, 'This invoice number is already used by another claim', 'invoiceNo');
describeConstraint('redemption_claims_one_per_order', ErrorCode.AlreadyExists, 'This order already has a redemption claim', 'orderId');

export const REDEMPTION_CLAIM = 'redemption_claim';

/** Redemption claims (兑付): submission with documents, the approval workflow, pay-out marks and claw-backs. */
@Injectable()
export class ClaimsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly orders: OrdersService,
    private readonly programs: ProgramsService,
    private readonly engine: CaseEngine,
    private readonly ledger: LedgerService,
    private readonly fourEyes: FourEyesService,
    private readonly programQueries: ProgramQueries,
  ) {}

  /** A confirmed claw-back request claws back in the confirming person's transaction (docs/security.md, four eyes). */
  onModuleInit(): void {
    this.fourEyes.register('claim_claw_back', async (tx, request) => {
      const claim = await this.findLocked(tx.manager, request.subjectId);
      if (!claim) throw DomainError.notFound('Claim');
      await this.applyClawBack(tx, claim, request.reason);
    });
  }

  async submit(actor: Actor, dto: SubmitClaimDto): Promise<ClaimDto> {
    return this.uow.run(async (tx) => {
      const order = await this.orders.lock(tx.manager, dto.orderId);
      const program = await this.programs.require(tx.manager, order.programId);
      // 通兑: the provider redeems; 通用: the enterprise redeems (it paid in full).
      const claimant = program.redemptionMode === 'provider_redeems' ? order.providerId : order.enterpriseId;
      if (claimant !== actor.organizationId) {
        if (order.providerId === actor.organizationId || order.enterpriseId === actor.organizationId) {
          throw DomainError.forbidden(`In this programme the ${program.redemptionMode === 'provider_redeems' ? 'provider' : 'enterprise'} claims redemption`);
        }
        throw DomainError.notFound('Order');
      }
      if (shanghaiDate() > program.redeemBy) throw DomainError.rule(`The programme's redeem-by date ${program.redeemBy} has passed`);
      // Delivered for less than the smallest payable amount, the order's subsidy is 0 fen: the enterprise paid it
      // all and there is nothing to redeem (docs/domain.md, "Ordering").
      if (order.subsidyHeldFen <= 0) {
        throw DomainError.rule(`nothing to claim: the order's subsidy is 0 fen (delivered for ${order.actualAmountFen ?? order.contractAmountFen} fen)`, {
          field: 'orderId',
          subsidyFen: 0,
        });
      }
      await this.orders.applyClaimEvent(tx, order, 'claim', null);
      const [{ n }] = (await tx.manager.query(`SELECT nextval('redemption_claim_number_seq') AS n`)) as { n: string }[];
      const repo = tx.manager.getRepository(RedemptionClaim);
      const saved = await repo.save(
        repo.create({
          number: `DF${program.year}-${n.padStart(6, '0')}`,
          orderId: order.id,
          programId: program.id,
          voucherId: order.voucherId,
          claimantOrgId: claimant,
          payeeOrgId: claimant,
          mode: program.redemptionMode,
          amountFen: order.subsidyHeldFen,
          contractNo: dto.contractNo.trim(),
          invoiceNo: dto.invoiceNo.trim(),
          invoiceNoNormalized: normalizeInvoice(dto.invoiceNo),
          paymentProof: dto.paymentProof.trim(),
          reportNo: dto.reportNo.trim(),
          status: 'submitted',
          submittedBy: actor.userId,
        }),
      );
      const kase = await this.engine.openCase(tx, { definitionKey: REDEMPTION_CLAIM, subjectType: REDEMPTION_CLAIM, subjectId: saved.id });
      await tx.manager.query(`UPDATE redemption_claims SET case_id = $2 WHERE id = $1`, [saved.id, kase.id]);
      const claim = await repo.findOneByOrFail({ id: saved.id });
      tx.audit(this.audit(claim, 'redemption_claim.submitted', null, toClaimDto(claim)));
      return toClaimDto(claim);
    });
  }

  async updateDocuments(actor: Actor, id: string, dto: UpdateClaimDocumentsDto): Promise<ClaimDto> {
    return this.uow.run(async (tx) => {
      const claim = await this.lockOwn(tx.manager, actor, id);
      if (claim.status !== 'returned') throw DomainError.conflict(`Documents can be corrected only on a returned claim; this one is ${claim.status}`);
      const before = toClaimDto(claim);
      await tx.manager.query(`UPDATE redemption_claims SET contract_no = $2, payment_proof = $3, report_no = $4, version = version + 1, updated_at = now() WHERE id = $1`, [
        claim.id,
        dto.contractNo?.trim() ?? claim.contractNo,
        dto.paymentProof?.trim() ?? claim.paymentProof,
        dto.reportNo?.trim() ?? claim.reportNo,
      ]);
      const after = await tx.manager.getRepository(RedemptionClaim).findOneByOrFail({ id });
      tx.audit(this.audit(after, 'redemption_claim.documents_updated', before, toClaimDto(after)));
      return toClaimDto(after);
    });
  }

  async resubmit(actor: Actor, id: string, note?: string): Promise<ClaimDto> {
    return this.uow.run(async (tx) => {
      const claim = await this.lockOwn(tx.manager, actor, id);
      if (!claim.caseId) throw DomainError.notFound('Claim');
      const { kase } = await this.engine.lockCase(tx, claim.caseId);
      if (!kase) throw DomainError.notFound('Claim');
      CLAIM_STATES.next(claim.status, 'resubmit');
      await this.engine.resubmit(tx, kase, actor.userId, note ?? null);
      return toClaimDto(await tx.manager.getRepository(RedemptionClaim).findOneByOrFail({ id }));
    });
  }

  async withdraw(actor: Actor, id: string): Promise<ClaimDto> {
    return this.uow.run(async (tx) => {
      const claim = await this.lockOwn(tx.manager, actor, id);
      CLAIM_STATES.next(claim.status, 'withdraw');
      const { kase } = await this.engine.lockCase(tx, claim.caseId as string);
      if (kase && !['approved', 'rejected', 'withdrawn'].includes(kase.status)) await this.engine.finish(tx, kase, 'withdrawn', 'withdrawn by the claimant');
      return toClaimDto(claim);
    });
  }

  /**
   * A paid claim found wrong afterwards: reversing entries move it from paid to a receivable. Above
   * FOUR_EYES_THRESHOLD_FEN it is only requested; a second person of the issuing city confirms it.
   */
  async clawBack(actor: Actor, id: string, reason: string): Promise<ClaimDto> {
    return this.uow.run(async (tx) => {
      const claim = await this.lockVisible(tx.manager, actor, id);
      const program = await this.programs.require(tx.manager, claim.programId);
      if (!isPlatformAdmin(actor) && !([Role.Approver, Role.Finance].includes(actor.role) && actor.regionCode === program.issuingRegionCode)) {
        throw DomainError.forbidden('Claw-backs are decided by the issuing city’s science or finance bureau');
      }
      CLAIM_STATES.next(claim.status, 'claw_back');
      if (this.fourEyes.needsSecondPerson(claim.amountFen)) {
        const request = await this.fourEyes.open(tx, actor, {
          kind: 'claim_claw_back',
          subjectId: claim.id,
          subjectNumber: claim.number,
          programId: claim.programId,
          regionCode: program.issuingRegionCode,
          deciderRoles: [Role.Approver, Role.Finance],
          amountFen: claim.amountFen,
          reason,
        });
        return { ...toClaimDto(claim), fourEyesRequest: request };
      }
      await this.applyClawBack(tx, claim, reason);
      return toClaimDto(claim, await this.ledger.clawBackBalance(tx.manager, claim.id));
    });
  }

  private async applyClawBack(tx: Transaction, claim: RedemptionClaim, reason: string): Promise<void> {
    const status = CLAIM_STATES.next(claim.status, 'claw_back');
    const paid = await this.ledger.account(tx.manager, claim.programId, 'paid', claim.payeeOrgId);
    const receivable = await this.ledger.account(tx.manager, claim.programId, 'clawback_receivable', claim.payeeOrgId);
    await this.ledger.post(tx.manager, { programId: claim.programId, kind: 'claw_back', referenceType: 'claim', referenceId: claim.id, fromAccountId: paid, toAccountId: receivable, amountFen: claim.amountFen, memo: reason });
    await this.setStatus(tx, claim, status, reason);
  }

  /** Settlement pays a batch: each claim becomes paid and its order settled, in the batch's transaction. */
  async markPaid(tx: Transaction, claimId: string): Promise<RedemptionClaim> {
    const claim = await this.findLocked(tx.manager, claimId);
    if (!claim) throw DomainError.notFound('Claim');
    const status = CLAIM_STATES.next(claim.status, 'pay');
    await tx.manager.query(`UPDATE redemption_claims SET paid_at = now() WHERE id = $1`, [claim.id]);
    await this.setStatus(tx, claim, status, null);
    const order = await this.orders.lock(tx.manager, claim.orderId);
    await this.orders.applyClaimEvent(tx, order, 'settle', null);
    return claim;
  }

  /** The claim locked FOR UPDATE, or null: settlement enrols an approved claim under this lock, in its transaction. */
  async findLocked(manager: EntityManager, id: string): Promise<RedemptionClaim | null> {
    return manager.getRepository(RedemptionClaim).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Past redeem-by, claims still undecided are rejected (their holds are released by the outcome). */
  async rejectOverdue(asOf: string): Promise<number> {
    const pastRedeemBy = await this.programQueries.idsPastRedeemBy(this.dataSource.manager, asOf);
    const due = (await this.dataSource.query(
      `SELECT c.id, c.case_id FROM redemption_claims c
        WHERE c.status IN ('submitted', 'in_review', 'returned') AND c.program_id = ANY($1::uuid[]) ORDER BY c.id`,
      [pastRedeemBy],
    )) as { id: string; case_id: string }[];
    let rejected = 0;
    for (const row of due) {
      await this.uow.run(async (tx) => {
        const { kase } = await this.engine.lockCase(tx, row.case_id);
        if (!kase || ['approved', 'rejected', 'withdrawn'].includes(kase.status)) return;
        await this.engine.finish(tx, kase, 'rejected', `redeem-by passed (as of ${asOf})`);
        rejected += 1;
      });
    }
    return rejected;
  }

  async list(actor: Actor, query: ClaimQueryDto): Promise<ClaimDto[]> {
    const qb = this.dataSource.getRepository(RedemptionClaim).createQueryBuilder('c')
      // Scope by the order's parties and their regions: read models of orders and organizations.
      .innerJoin('read_order_parties', 'o', 'o.order_id = c.order_id')
      .innerJoin('read_organizations', 'e', 'e.id = o.enterprise_id')
      .innerJoin('read_organizations', 'p', 'p.id = o.provider_id');
    if (!isPlatformAdmin(actor)) {
      if (actor.role === Role.EnterpriseUser || actor.role === Role.ProviderUser) qb.where('(c.claimant_org_id = :org OR o.enterprise_id = :org OR o.provider_id = :org)', { org: actor.organizationId });
      else if (actor.role === Role.PartnerAdmin) qb.where('p.region_code = ANY(:scope)', { scope: actor.regionScope });
      else if ([Role.Reviewer, Role.Approver, Role.Finance].includes(actor.role)) qb.where('e.region_code = ANY(:scope)', { scope: actor.regionScope });
      else qb.where('false');
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.programId) qb.andWhere('c.program_id = :programId', { programId: query.programId });
    const claims = await qb.orderBy('c.created_at', 'DESC').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany();
    // Only a claw-back leaves something owed or recovered: ask the ledger about those claims alone.
    const balances = await this.ledger.clawBackBalances(this.dataSource.manager, claims.filter((c) => CLAWED.includes(c.status)).map((c) => c.id));
    return claims.map((c) => toClaimDto(c, balances.get(c.id)));
  }

  async get(actor: Actor, id: string): Promise<ClaimDto> {
    const claim = await this.lockVisible(this.dataSource.manager, actor, id, false);
    return toClaimDto(claim, CLAWED.includes(claim.status) ? await this.ledger.clawBackBalance(this.dataSource.manager, claim.id) : undefined);
  }

  async setStatus(tx: Transaction, claim: RedemptionClaim, status: ClaimStatus, reason: string | null): Promise<void> {
    await tx.manager.query(
      `UPDATE redemption_claims SET status = $2, rejection_reason = COALESCE($3, rejection_reason), version = version + 1, updated_at = now(),
              approved_at = CASE WHEN $2 = 'approved' THEN now() ELSE approved_at END WHERE id = $1`,
      [claim.id, status, reason],
    );
    tx.audit(this.audit(claim, `redemption_claim.${status}`, { status: claim.status }, { status, reason, amountFen: claim.amountFen }));
    claim.status = status;
  }

  audit(claim: RedemptionClaim, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'redemption_claim', subjectId: claim.id, organizationId: claim.claimantOrgId, before, after };
  }

  private async lockOwn(manager: EntityManager, actor: Actor, id: string): Promise<RedemptionClaim> {
    const claim = await this.findLocked(manager, id);
    if (!claim || claim.claimantOrgId !== actor.organizationId) throw DomainError.notFound('Claim');
    return claim;
  }

  /** The claim if the actor may read it (own organisation, the order's parties, the bureaus whose scope covers it), else 404; locked FOR UPDATE unless `lock` is false. */
  async lockVisible(manager: EntityManager, actor: Actor, id: string, lock = true): Promise<RedemptionClaim> {
    const claim = await manager.getRepository(RedemptionClaim).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!claim) throw DomainError.notFound('Claim');
    if (isPlatformAdmin(actor) || claim.claimantOrgId === actor.organizationId) return claim;
    const [row] = (await manager.query(
      `SELECT e.id AS enterprise_id, p.id AS provider_id, e.region_code AS e_region, p.region_code AS p_region
         FROM read_order_parties o JOIN read_organizations e ON e.id = o.enterprise_id JOIN read_organizations p ON p.id = o.provider_id WHERE o.order_id = $1`,
      [claim.orderId],
    )) as { enterprise_id: string; provider_id: string; e_region: string; p_region: string }[];
    const visible =
      row.enterprise_id === actor.organizationId ||
      row.provider_id === actor.organizationId ||
      (actor.role === Role.PartnerAdmin && actorCoversRegion(actor, row.p_region)) ||
      ([Role.Reviewer, Role.Approver, Role.Finance].includes(actor.role) && actorCoversRegion(actor, row.e_region));
    if (!visible) throw DomainError.notFound('Claim');
    return claim;
  }
}

/** Claims whose claw-back the ledger has to be asked about (what was recovered, what is still owed). */
const CLAWED: ClaimStatus[] = ['clawed_back', 'recovered'];

/** `balance`: the claim's claw-back in the ledger (LedgerService.clawBackBalance); none means nothing was clawed back. */
export function toClaimDto(c: RedemptionClaim, balance?: ClawBackBalance): ClaimDto {
  return {
    id: c.id,
    number: c.number,
    orderId: c.orderId,
    programId: c.programId,
    voucherId: c.voucherId,
    claimantOrgId: c.claimantOrgId,
    payeeOrgId: c.payeeOrgId,
    mode: c.mode,
    amountFen: c.amountFen,
    contractNo: c.contractNo,
    invoiceNo: c.invoiceNo,
    paymentProof: c.paymentProof,
    reportNo: c.reportNo,
    status: c.status,
    caseId: c.caseId,
    rejectionReason: c.rejectionReason,
    approvedAt: c.approvedAt ? c.approvedAt.toISOString() : null,
    paidAt: c.paidAt ? c.paidAt.toISOString() : null,
    version: c.version,
    recoveredFen: balance?.recoveredFen ?? 0,
    outstandingFen: balance?.outstandingFen ?? 0,
  };
}
