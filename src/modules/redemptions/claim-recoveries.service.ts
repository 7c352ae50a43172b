import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formatFen } from '../../../packages/shared/money';
import { Actor, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobName } from '../../platform/queue/queue.registry';
import { CLAIM_RECOVERY_REFERENCE, claimRecoveryReference, LedgerService } from '../ledger/ledger.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { ProgramsService } from '../programs/programs.service';
import { VouchersService } from '../vouchers/vouchers.service';
import { RedemptionClaim } from './claim.entity';
import { CLAIM_STATES } from './claim.state';
import { ClaimsService } from './claims.service';
import { ClaimRecoveryDto, RecordedRecoveryDto, RecordRecoveryDto } from './dto/claim.dto';
import { RedemptionErrors } from './redemptions.errors';

/** A recovery's columns; the day as text, so no time zone touches it. */
const COLUMNS = `id, claim_id, seq, program_id, amount_fen, received_on::text AS received_on, reference, note, ledger_transaction_id, recorded_by, created_at`;

interface RecoveryRow {
  id: string;
  claim_id: string;
  seq: number;
  program_id: string;
  amount_fen: string;
  received_on: string;
  reference: string;
  note: string | null;
  ledger_transaction_id: string;
  recorded_by: string;
  created_at: Date;
}

/**
 * Recoveries of clawed-back claims (docs/domain.md, "Claw-backs and recoveries"): the issuing region's
 * finance records money the payee paid back, in one or more instalments. Each one is a `recover`
 * movement clawback_receivable(payee) → budget_available, so the programme can spend it again; what
 * is still owed is read from the ledger under the claim's row lock, so parallel recoveries never
 * exceed the claw-back. The instalment that repays the rest moves the claim to `recovered`.
 */
@Injectable()
export class ClaimRecoveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly claims: ClaimsService,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly directory: OrganizationDirectory,
    private readonly vouchers: VouchersService,
  ) {}

  async record(actor: Actor, claimId: string, dto: RecordRecoveryDto): Promise<RecordedRecoveryDto> {
    const receivedOn = checkReceivedOn(dto.receivedOn);
    const reference = dto.reference.trim();
    const note = dto.note?.trim() || null;
    return this.uow.run(async (tx) => {
      // Lock order: the claim row first (serialises this claim's recoveries), then the ledger accounts the movement updates.
      const claim = await this.claims.lockVisible(tx.manager, actor, claimId);
      const program = await this.programs.require(tx.manager, claim.programId);
      // Whoever pays decides: only the issuing region's finance bureau books money back into its programme.
      if (actor.role !== Role.Finance || actor.regionCode !== program.issuingRegionCode) {
        throw DomainError.forbidden('Recoveries are recorded by the finance bureau of the programme’s issuing region');
      }
      const full = CLAIM_STATES.next(claim.status, 'recover');
      const before = await this.ledger.clawBackBalance(tx.manager, claim.id);
      const amountFen = dto.amountFen ?? before.outstandingFen;
      if (amountFen > before.outstandingFen || before.outstandingFen <= 0) {
        throw new DomainError(
          RedemptionErrors.RECOVERY_EXCEEDS_OUTSTANDING,
          `A recovery of ${amountFen} fen exceeds what claim ${claim.number} still owes: ${before.outstandingFen} fen (clawed back ${before.clawedBackFen}, recovered ${before.recoveredFen})`,
          { field: 'amountFen', amountFen, outstandingFen: before.outstandingFen, clawedBackFen: before.clawedBackFen, recoveredFen: before.recoveredFen },
        );
      }
      const [{ n }] = (await tx.manager.query(`SELECT count(*)::int AS n FROM redemption_claim_recoveries WHERE claim_id = $1`, [claim.id])) as { n: number }[];
      const seq = n + 1;
      // The recovered amount is no longer committed: the caps of the claim's voucher get it back, before the budget row is touched.
      await this.vouchers.returnHeadroom(tx.manager, claim.voucherId, amountFen);
      const receivable = await this.ledger.account(tx.manager, claim.programId, 'clawback_receivable', claim.payeeOrgId);
      const budget = await this.ledger.account(tx.manager, claim.programId, 'budget_available');
      const transactionId = await this.ledger.post(tx.manager, {
        programId: claim.programId,
        kind: 'recover',
        referenceType: CLAIM_RECOVERY_REFERENCE,
        referenceId: claimRecoveryReference(claim.id, seq),
        fromAccountId: receivable,
        toAccountId: budget,
        amountFen,
        memo: `recovery ${seq} of claim ${claim.number}: ${reference}`,
      });
      const [row] = (await tx.manager.query(
        `INSERT INTO redemption_claim_recoveries (id, claim_id, seq, program_id, amount_fen, received_on, reference, note, ledger_transaction_id, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [randomUUID(), claim.id, seq, claim.programId, amountFen, receivedOn, reference, note, transactionId, actor.userId],
      )) as RecoveryRow[];
      const after = { clawedBackFen: before.clawedBackFen, recoveredFen: before.recoveredFen + amountFen, outstandingFen: before.outstandingFen - amountFen };
      const recovery = (await this.toDtos(tx.manager, [row], claim.number))[0];
      tx.audit(
        this.claims.audit(claim, 'redemption_claim.recovery_recorded', { status: claim.status, ...before }, { recoveryId: recovery.id, seq, amountFen, receivedOn, reference, note, ...after }),
      );
      if (after.outstandingFen === 0) await this.claims.setStatus(tx, claim, full, null);
      await this.notify(tx, actor, claim, program.issuingRegionCode, recovery, after.outstandingFen);
      return { ...recovery, claimStatus: claim.status, outstandingFen: after.outstandingFen, recoveredFen: after.recoveredFen };
    });
  }

  /** A claim's recoveries, oldest first; readable by whoever may read the claim. */
  async list(actor: Actor, claimId: string): Promise<ClaimRecoveryDto[]> {
    const manager = this.dataSource.manager;
    const claim = await this.claims.lockVisible(manager, actor, claimId, false);
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM redemption_claim_recoveries WHERE claim_id = $1 ORDER BY seq`, [claim.id])) as RecoveryRow[];
    return this.toDtos(manager, rows, claim.number);
  }

  /** The payee organisation (it owed the money) and the issuing region's finance officers hear of it, like other claim events. */
  private async notify(tx: Transaction, actor: Actor, claim: RedemptionClaim, issuingRegionCode: string, recovery: ClaimRecoveryDto, outstandingFen: number): Promise<void> {
    const payee = await this.directory.activeUserIds(tx.manager, claim.payeeOrgId);
    const finance = await this.directory.activeUserIdsWithRole(tx.manager, [Role.Finance], issuingRegionCode, actor.userId);
    const userIds = [...new Set([...payee, ...finance])];
    if (userIds.length === 0) return;
    const rest = outstandingFen === 0 ? '已全部收回' : `尚欠 ${formatFen(outstandingFen)}`;
    tx.enqueue(JobName.DeliverNotification, {
      userIds,
      kind: 'redemption_claim.recovery_recorded',
      title: `追回款已入账：兑付 ${claim.number}`,
      body: `第 ${recovery.seq} 笔 ${formatFen(recovery.amountFen)}（${recovery.receivedOn} 到账，银行流水 ${recovery.reference}），${rest}。`,
      subjectType: 'redemption_claim',
      subjectId: claim.id,
      dedupKey: `redemption_claim.recovery_recorded:${recovery.id}`,
      params: {
        claimNumber: claim.number, seq: recovery.seq, amountFen: recovery.amountFen, receivedOn: recovery.receivedOn, reference: recovery.reference,
        outstandingFen, ...(outstandingFen === 0 ? { variant: 'settled' } : {}),
      },
    });
  }

  private async toDtos(manager: EntityManager, rows: RecoveryRow[], claimNumber: string): Promise<ClaimRecoveryDto[]> {
    const ids = [...new Set(rows.map((r) => r.recorded_by))];
    const names = ids.length ? await this.directory.userDisplayNames(manager, ids) : new Map<string, string>();
    return rows.map((r) => ({
      id: r.id,
      claimId: r.claim_id,
      claimNumber,
      seq: r.seq,
      programId: r.program_id,
      amountFen: Number(r.amount_fen),
      receivedOn: r.received_on,
      reference: r.reference,
      note: r.note,
      recordedById: r.recorded_by,
      recordedByName: names.get(r.recorded_by) ?? null,
      recordedAt: r.created_at.toISOString(),
      ledgerTransactionId: String(r.ledger_transaction_id),
    }));
  }
}

/** A real calendar day, not after today in Asia/Shanghai: money cannot have arrived tomorrow. */
function checkReceivedOn(day: string): string {
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) throw DomainError.invalid('receivedOn', 'must be a calendar day (YYYY-MM-DD)');
  const today = shanghaiDate();
  if (day > today) throw DomainError.invalid('receivedOn', `must not be after today (${today})`);
  return day;
}
