import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, hasRegionalView, isPlatformAdmin, Role } from '../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { FourEyesService } from '../four-eyes/four-eyes.service';
import { LedgerService } from '../ledger/ledger.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { ProgramQueries } from '../programs/program-queries';
import { CapsService } from './caps.service';
import { ListQueryDto, VoucherDto, VoucherStatementDto } from './dto/voucher.dto';
import { Voucher } from './voucher.entities';
import { VOUCHER_STATES } from './voucher.state';

/**
 * Voucher balances live in two ledger accounts per voucher: available and held. Orders hold (in
 * service_order_prepare() and service_order_hold(), docs/architecture.md "Money paths"), deliveries and cancellations release, approved claims capture; each is one balanced movement
 * in the caller's transaction, with the voucher row locked so its status follows its balance.
 */
@Injectable()
export class VouchersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly fourEyes: FourEyesService,
    private readonly programQueries: ProgramQueries,
    private readonly directory: OrganizationDirectory,
    private readonly caps: CapsService,
  ) {}

  /** A confirmed revocation request revokes in the confirming person's transaction (docs/security.md, four eyes). */
  onModuleInit(): void {
    this.fourEyes.register('voucher_revocation', async (tx, request) => {
      const voucher = await this.lock(tx.manager, request.subjectId);
      await this.assertNothingHeld(tx, voucher);
      await this.close(tx, voucher, 'revoke', request.reason);
    });
  }

  async lock(manager: EntityManager, voucherId: string): Promise<Voucher> {
    const voucher = await manager.getRepository(Voucher).findOne({ where: { id: voucherId }, lock: { mode: 'pessimistic_write' } });
    if (!voucher) throw DomainError.notFound('Voucher');
    return voucher;
  }

  /** The voucher without a lock, for reads that change nothing (an order quote). */
  async find(manager: EntityManager, voucherId: string): Promise<Voucher> {
    const voucher = await manager.getRepository(Voucher).findOneBy({ id: voucherId });
    if (!voucher) throw DomainError.notFound('Voucher');
    return voucher;
  }

  /** Gives held money back to the voucher; on an expired or revoked voucher it goes on to the budget. */
  async release(tx: Transaction, voucher: Voucher, amountFen: number, orderId: string, kind: 'release' | 'hold_adjust'): Promise<void> {
    if (amountFen === 0) return;
    const moved = await this.ledger.move(tx.manager, {
      programId: voucher.programId,
      kind,
      referenceType: 'order',
      referenceId: orderId,
      fromAccountId: voucher.heldAccountId,
      toAccountId: voucher.availableAccountId,
      amountFen,
    });
    if (voucher.status === 'expired' || voucher.status === 'revoked') {
      await this.caps.release(tx.manager, voucher, amountFen);
      const budget = await this.ledger.account(tx.manager, voucher.programId, 'budget_available');
      await this.ledger.post(tx.manager, {
        programId: voucher.programId,
        kind: 'return_to_budget',
        referenceType: `order_${kind}`,
        referenceId: orderId,
        fromAccountId: voucher.availableAccountId,
        toAccountId: budget,
        amountFen,
        memo: `released after the voucher was ${voucher.status}`,
      });
      return;
    }
    await this.syncStatus(tx, voucher, moved.toBalanceFen);
  }

  /**
   * A clawed-back amount of one of `voucherId`'s claims is recovered into the budget: the caps it
   * was committed under get the headroom back. Call before the `recover` movement is posted.
   */
  async returnHeadroom(manager: EntityManager, voucherId: string, amountFen: number): Promise<void> {
    await this.caps.release(manager, await this.find(manager, voucherId), amountFen);
  }

  /** An approved claim takes the held subsidy into the payee's payable account. */
  async capture(tx: Transaction, voucher: Voucher, amountFen: number, claimId: string, payeeOrgId: string): Promise<void> {
    const payable = await this.ledger.account(tx.manager, voucher.programId, 'payable', payeeOrgId);
    await this.ledger.post(tx.manager, {
      programId: voucher.programId,
      kind: 'capture',
      referenceType: 'claim',
      referenceId: claimId,
      fromAccountId: voucher.heldAccountId,
      toAccountId: payable,
      amountFen,
    });
  }

  async balances(manager: EntityManager, voucher: Voucher): Promise<{ availableFen: number; heldFen: number }> {
    return {
      availableFen: await this.ledger.balance(manager, voucher.availableAccountId),
      heldFen: await this.ledger.balance(manager, voucher.heldAccountId),
    };
  }

  /** Expires or revokes a voucher: its unspent, unheld balance returns to the programme budget. */
  async close(tx: Transaction, voucher: Voucher, event: 'expire' | 'revoke', reason: string): Promise<number> {
    const status = VOUCHER_STATES.next(voucher.status, event);
    const { availableFen } = await this.balances(tx.manager, voucher);
    if (availableFen > 0) {
      // Headroom returns with the money, counters before the budget row (the issuance lock order).
      await this.caps.release(tx.manager, voucher, availableFen);
      const budget = await this.ledger.account(tx.manager, voucher.programId, 'budget_available');
      await this.ledger.post(tx.manager, {
        programId: voucher.programId,
        kind: 'return_to_budget',
        referenceType: 'voucher',
        referenceId: voucher.id,
        fromAccountId: voucher.availableAccountId,
        toAccountId: budget,
        amountFen: availableFen,
        memo: reason,
      });
    }
    await tx.manager.query(`UPDATE vouchers SET status = $2, closed_at = now(), version = version + 1 WHERE id = $1`, [voucher.id, status]);
    tx.audit({
      action: `voucher.${status}`,
      subjectType: 'voucher',
      subjectId: voucher.id,
      organizationId: voucher.enterpriseId,
      before: { status: voucher.status },
      after: { status, returnedToBudgetFen: availableFen, reason },
    });
    voucher.status = status;
    return availableFen;
  }

  /**
   * Revokes a voucher; when its balance is above FOUR_EYES_THRESHOLD_FEN the revocation is only
   * requested, and a second approver of the issuing region confirms it (docs/security.md, four eyes).
   */
  async revoke(actor: Actor, voucherId: string, reason: string): Promise<VoucherDto> {
    return this.uow.run(async (tx) => {
      const voucher = await this.lock(tx.manager, voucherId);
      const region = await this.issuingRegion(tx.manager, voucher);
      if (!isPlatformAdmin(actor) && !(actor.role === Role.Approver && actor.regionCode === region)) throw DomainError.notFound('Voucher');
      const { availableFen } = await this.assertNothingHeld(tx, voucher);
      VOUCHER_STATES.next(voucher.status, 'revoke');
      if (this.fourEyes.needsSecondPerson(availableFen)) {
        const request = await this.fourEyes.open(tx, actor, {
          kind: 'voucher_revocation',
          subjectId: voucher.id,
          subjectNumber: voucher.number,
          programId: voucher.programId,
          regionCode: region,
          deciderRoles: [Role.Approver],
          amountFen: availableFen,
          reason,
        });
        return { ...(await this.toDto(tx.manager, voucher)), fourEyesRequest: request };
      }
      await this.close(tx, voucher, 'revoke', reason);
      return this.toDto(tx.manager, voucher);
    });
  }

  private async assertNothingHeld(tx: Transaction, voucher: Voucher): Promise<{ availableFen: number; heldFen: number }> {
    const balances = await this.balances(tx.manager, voucher);
    if (balances.heldFen > 0) throw DomainError.conflict('The voucher still holds money for orders in progress; settle or cancel them first', { heldFen: balances.heldFen });
    return balances;
  }

  /** The enterprise's vouchers still in use in these programmes (what misconduct revokes), by id. */
  async openIdsOf(manager: EntityManager, enterpriseId: string, programIds: string[]): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM vouchers WHERE enterprise_id = $1 AND program_id = ANY($2::uuid[]) AND status IN ('active', 'exhausted') ORDER BY id`,
      [enterpriseId, programIds],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async list(actor: Actor, query: ListQueryDto): Promise<VoucherDto[]> {
    const qb = this.dataSource.getRepository(Voucher).createQueryBuilder('v').innerJoin('read_organizations', 'o', 'o.id = v.enterprise_id');
    if (!isPlatformAdmin(actor)) {
      if (hasRegionalView(actor)) qb.where('o.region_code = ANY(:scope)', { scope: actor.regionScope });
      else qb.where('v.enterprise_id = :org', { org: actor.organizationId });
    }
    if (query.programId) qb.andWhere('v.program_id = :programId', { programId: query.programId });
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    const rows = await qb.orderBy('v.issued_at', 'DESC').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany();
    // One query for every listed voucher's two balances, not two per voucher.
    const accounts = rows.flatMap((v) => [v.availableAccountId, v.heldAccountId]);
    const balances = await this.ledger.balances(this.dataSource.manager, accounts);
    return rows.map((v) => toVoucherDto(v, balances.get(v.availableAccountId) ?? 0, balances.get(v.heldAccountId) ?? 0));
  }

  async get(actor: Actor, id: string): Promise<VoucherDto> {
    return this.toDto(this.dataSource.manager, await this.visible(actor, id));
  }

  async statement(actor: Actor, id: string): Promise<VoucherStatementDto> {
    const voucher = await this.visible(actor, id);
    const lines = await this.ledger.statement(this.dataSource.manager, [voucher.availableAccountId, voucher.heldAccountId]);
    return { voucher: await this.toDto(this.dataSource.manager, voucher), lines };
  }

  async visible(actor: Actor, id: string): Promise<Voucher> {
    const voucher = await this.dataSource.getRepository(Voucher).findOneBy({ id });
    if (!voucher) throw DomainError.notFound('Voucher');
    if (isPlatformAdmin(actor) || voucher.enterpriseId === actor.organizationId) return voucher;
    const regions = await this.directory.regionCodes(this.dataSource.manager, [voucher.enterpriseId]);
    if (hasRegionalView(actor) && actor.role !== Role.PartnerAdmin && actorCoversRegion(actor, regions.get(voucher.enterpriseId)!)) return voucher;
    throw DomainError.notFound('Voucher');
  }

  async toDto(manager: EntityManager, v: Voucher): Promise<VoucherDto> {
    const { availableFen, heldFen } = await this.balances(manager, v);
    return toVoucherDto(v, availableFen, heldFen);
  }


  private async issuingRegion(manager: EntityManager, voucher: Voucher): Promise<string> {
    return this.programQueries.issuingRegionCode(manager, voucher.programId);
  }

  /** A voucher with nothing left to spend is 'exhausted'; money coming back makes it 'active' again. */
  private async syncStatus(tx: Transaction, voucher: Voucher, availableFen?: number): Promise<void> {
    const available = availableFen ?? (await this.ledger.balance(tx.manager, voucher.availableAccountId));
    const event = voucher.status === 'active' && available === 0 ? 'exhaust' : voucher.status === 'exhausted' && available > 0 ? 'replenish' : null;
    if (!event) return;
    const status = VOUCHER_STATES.next(voucher.status, event);
    await tx.manager.query(`UPDATE vouchers SET status = $2, version = version + 1 WHERE id = $1`, [voucher.id, status]);
    tx.audit({ action: `voucher.${status}`, subjectType: 'voucher', subjectId: voucher.id, organizationId: voucher.enterpriseId, before: { status: voucher.status }, after: { status, availableFen: available } });
    voucher.status = status;
  }
}

function toVoucherDto(v: Voucher, availableFen: number, heldFen: number): VoucherDto {
  return {
    id: v.id,
    number: v.number,
    programId: v.programId,
    enterpriseId: v.enterpriseId,
    applicationId: v.applicationId,
    faceValueFen: v.faceValueFen,
    programVersion: v.programVersion,
    applicantKind: v.applicantKind,
    availableFen,
    heldFen,
    useBy: v.useBy,
    redeemBy: v.redeemBy,
    status: v.status,
    issuedAt: v.issuedAt.toISOString(),
  };
}
