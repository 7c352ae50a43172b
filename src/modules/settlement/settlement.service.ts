import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../platform/context/actor';
import { formatFen } from '../../../packages/shared/money';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { FourEyesErrors } from '../four-eyes/four-eyes.errors';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload } from '../../platform/queue/queue.registry';
import { LedgerService } from '../ledger/ledger.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { RegionsService } from '../organizations/regions.service';
import { ProgramQueries } from '../programs/program-queries';
import { ProgramsService } from '../programs/programs.service';
import { settlementPeriod } from '../programs/subsidy';
import { ClaimsService } from '../redemptions/claims.service';
import { BatchDto, BatchPersonDto, BatchQueryDto, StatementDto, StatementRowDto } from './dto/settlement.dto';
import { SettlementBatch } from './settlement.entities';
import { BATCH_STATES, BatchEvent } from './settlement.state';

// Four eyes on money (docs/security.md): the database refuses what the service already refuses.
const CLOSER_APPROVES = 'Whoever closed a settlement batch cannot approve it; a second finance officer approves';
const APPROVER_PAYS = 'Whoever approved a settlement batch cannot mark it paid; a second finance officer pays';
describeConstraint('settlement_batches_closer_not_approver', FourEyesErrors.SECOND_PERSON_REQUIRED, CLOSER_APPROVES);
describeConstraint('settlement_batches_approver_not_payer', FourEyesErrors.SECOND_PERSON_REQUIRED, APPROVER_PAYS);

/**
 * Settlement (结算): approved claims gather in the open batch of their programme's cycle; the
 * cut-off closes it; the finance bureau approves it, pays it (payable → paid, once per claim)
 * and reconciles it against the ledger. Statements per payee and per partner region.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly programs: ProgramsService,
    private readonly claims: ClaimsService,
    private readonly regions: RegionsService,
    private readonly directory: OrganizationDirectory,
    private readonly programQueries: ProgramQueries,
  ) {}

  /** Puts an approved claim into the open batch of its cycle (the next open one if that period is closed). */
  @JobHandler(JobName.EnrolClaimInSettlement)
  async enrol(job: JobPayload<JobName.EnrolClaimInSettlement>): Promise<string> {
    return this.uow.run(async (tx) => {
      const claim = await this.claims.findLocked(tx.manager, job.claimId);
      if (!claim || claim.status !== 'approved') return 'skipped: not an approved claim';
      const existing = (await tx.manager.query(`SELECT batch_id FROM settlement_items WHERE claim_id = $1`, [claim.id])) as unknown[];
      if (existing.length) return 'skipped: already enrolled';
      const program = await this.programs.require(tx.manager, claim.programId);
      let period = settlementPeriod(program.settlementCycle, shanghaiDate(claim.approvedAt ?? new Date()));
      for (let guard = 0; guard < 48; guard += 1) {
        const batch = await this.lockOrCreateBatch(tx, program.id, program.year, period.start, period.end);
        if (batch.status === 'open') {
          await tx.manager.query(`INSERT INTO settlement_items (batch_id, claim_id, payee_org_id, amount_fen) VALUES ($1, $2, $3, $4)`, [batch.id, claim.id, claim.payeeOrgId, claim.amountFen]);
          await tx.manager.query(`UPDATE settlement_batches SET total_fen = total_fen + $2, item_count = item_count + 1, version = version + 1 WHERE id = $1`, [batch.id, claim.amountFen]);
          tx.audit({ action: 'settlement_batch.claim_enrolled', subjectType: 'settlement_batch', subjectId: batch.id, after: { claimId: claim.id, amountFen: claim.amountFen } });
          return `enrolled in ${batch.number}`;
        }
        const next = new Date(`${period.end}T12:00:00+08:00`);
        next.setUTCDate(next.getUTCDate() + 1);
        period = settlementPeriod(program.settlementCycle, shanghaiDate(next));
      }
      throw new Error(`No open settlement batch found for claim ${claim.id}`);
    });
  }

  async close(actor: Actor, id: string): Promise<BatchDto> {
    return this.move(actor, id, 'close', async () => ({ closed_by: actor.userId }));
  }

  /** Four eyes: the closer may not approve (a batch closed by the cut-off has no closer). */
  async approve(actor: Actor, id: string): Promise<BatchDto> {
    return this.move(actor, id, 'approve', async (_tx, batch) => {
      if (batch.closedBy === actor.userId) throw new DomainError(FourEyesErrors.SECOND_PERSON_REQUIRED, CLOSER_APPROVES, { closedBy: batch.closedBy });
      return { approved_by: actor.userId, approved_at: new Date() };
    });
  }

  /** Pays every item: payable(payee) → paid(payee), each once per claim; claims paid, orders settled. */
  async pay(actor: Actor, id: string, paymentReference: string): Promise<BatchDto> {
    return this.move(actor, id, 'pay', async (tx, batch) => {
      // Four eyes: the approver may not pay.
      if (batch.approvedBy === actor.userId) throw new DomainError(FourEyesErrors.SECOND_PERSON_REQUIRED, APPROVER_PAYS, { approvedBy: batch.approvedBy });
      const items = (await tx.manager.query(`SELECT claim_id, payee_org_id, amount_fen FROM settlement_items WHERE batch_id = $1 ORDER BY claim_id`, [batch.id])) as {
        claim_id: string;
        payee_org_id: string;
        amount_fen: string;
      }[];
      for (const item of items) {
        const payable = await this.ledger.account(tx.manager, batch.programId, 'payable', item.payee_org_id);
        const paid = await this.ledger.account(tx.manager, batch.programId, 'paid', item.payee_org_id);
        await this.ledger.post(tx.manager, { programId: batch.programId, kind: 'pay', referenceType: 'claim', referenceId: item.claim_id, fromAccountId: payable, toAccountId: paid, amountFen: Number(item.amount_fen), memo: `${batch.number} ${paymentReference}` });
        await this.claims.markPaid(tx, item.claim_id);
      }
      return { paid_by: actor.userId, paid_at: new Date(), payment_reference: paymentReference };
    });
  }

  /** Reconciliation checks the batch against the ledger before it is sealed. */
  async reconcile(actor: Actor, id: string, note: string): Promise<BatchDto> {
    return this.move(actor, id, 'reconcile', async (tx, batch) => {
      const claimIds = ((await tx.manager.query(`SELECT claim_id FROM settlement_items WHERE batch_id = $1`, [batch.id])) as { claim_id: string }[]).map((i) => i.claim_id);
      const items = claimIds.length;
      // A claim is paid at most once (ledger_transactions_once), and at most once in a batch (settlement_items.claim_id is unique).
      const paid = await this.ledger.postedSum(tx.manager, 'pay', 'claim', claimIds);
      if (paid !== batch.totalFen || items !== batch.itemCount) {
        throw DomainError.conflict('The batch does not match the ledger', { ledgerPaidFen: paid, batchTotalFen: batch.totalFen, items, batchItems: batch.itemCount });
      }
      return { reconciled_at: new Date(), reconciliation_note: note };
    });
  }

  /** Cut-off: open batches whose period ended before `asOf` close. */
  async closeDue(asOf: string): Promise<number> {
    const due = (await this.dataSource.query(`SELECT id FROM settlement_batches WHERE status = 'open' AND period_end < $1`, [asOf])) as { id: string }[];
    for (const { id } of due) {
      await this.uow.run(async (tx) => {
        const batch = await this.lock(tx.manager, id);
        if (batch.status !== 'open') return;
        await this.write(tx, batch, BATCH_STATES.next(batch.status, 'close'), {});
      });
    }
    return due.length;
  }

  async list(actor: Actor, query: BatchQueryDto): Promise<BatchDto[]> {
    const qb = this.dataSource.getRepository(SettlementBatch).createQueryBuilder('b');
    if (actor.role === Role.PartnerAdmin) {
      qb.where(`EXISTS (SELECT 1 FROM settlement_items i JOIN read_organizations p ON p.id = i.payee_org_id WHERE i.batch_id = b.id AND p.region_code = ANY(:scope))`, { scope: actor.regionScope });
    } else if (!isPlatformAdmin(actor)) qb.where('b.program_id = ANY(:programIds)', { programIds: await this.programQueries.idsIssuedBy(this.dataSource.manager, actor.regionCode) });
    if (query.programId) qb.andWhere('b.program_id = :programId', { programId: query.programId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    return this.forReader(actor, await this.toDtos(this.dataSource.manager, await qb.orderBy('b.period_start', 'DESC').getMany()));
  }

  async get(actor: Actor, id: string): Promise<BatchDto> {
    return (await this.forReader(actor, await this.toDtos(this.dataSource.manager, [await this.visible(actor, id)])))[0];
  }

  /** A partner admin sees its own region's part of a batch: the total and count of its providers' items, not the paying city's whole batch. */
  private async forReader(actor: Actor, batches: BatchDto[]): Promise<BatchDto[]> {
    if (actor.role !== Role.PartnerAdmin || batches.length === 0) return batches;
    const shares = (await this.dataSource.query(
      `SELECT i.batch_id, count(*)::int AS n, sum(i.amount_fen)::bigint AS total FROM settlement_items i JOIN read_organizations p ON p.id = i.payee_org_id
        WHERE i.batch_id = ANY($1::uuid[]) AND p.region_code = ANY($2::text[]) GROUP BY i.batch_id`,
      [batches.map((b) => b.id), actor.regionScope],
    )) as { batch_id: string; n: number; total: string }[];
    const byBatch = new Map(shares.map((r) => [r.batch_id, r]));
    return batches.map((b) => ({ ...b, itemCount: byBatch.get(b.id)?.n ?? 0, totalFen: Number(byBatch.get(b.id)?.total ?? 0), paymentReference: null, closedBy: null, approvedBy: null, paidBy: null }));
  }

  async statement(actor: Actor, id: string, by: 'payee' | 'partner_region'): Promise<StatementDto> {
    const batch = await this.visible(actor, id);
    // A partner admin's statement holds its own region's payees only.
    const partnerScope = actor.role === Role.PartnerAdmin ? actor.regionScope : null;
    const items = (await this.dataSource.query(
      `SELECT i.payee_org_id, o.name, o.uscc, o.region_code, count(*)::int AS claims, sum(i.amount_fen)::bigint AS amount
         FROM settlement_items i JOIN read_organizations o ON o.id = i.payee_org_id WHERE i.batch_id = $1 AND ($2::text[] IS NULL OR o.region_code = ANY($2::text[]))
        GROUP BY i.payee_org_id, o.name, o.uscc, o.region_code ORDER BY o.region_code, o.name`,
      [batch.id, partnerScope],
    )) as { payee_org_id: string; name: string; uscc: string | null; region_code: string; claims: number; amount: string }[];
    let rows: StatementRowDto[];
    if (by === 'payee') {
      rows = items.map((i) => row(i.payee_org_id, i.name, i.uscc, i.region_code, i.claims, Number(i.amount)));
    } else {
      const groups = new Map<string, StatementRowDto>();
      for (const i of items) {
        const lineage = this.regions.lineage(i.region_code);
        const top = lineage[lineage.length - 1] ?? i.region_code;
        const g = groups.get(top) ?? row(top, this.regions.get(top)?.name ?? top, null, top, 0, 0);
        g.claims += i.claims;
        g.amountFen += Number(i.amount);
        g.amountYuan = formatFen(g.amountFen);
        groups.set(top, g);
      }
      rows = [...groups.values()];
    }
    return { batch: (await this.forReader(actor, await this.toDtos(this.dataSource.manager, [batch])))[0], by, rows, totalFen: rows.reduce((s, r) => s + r.amountFen, 0) };
  }

  private async move(
    actor: Actor,
    id: string,
    event: BatchEvent,
    effect: (tx: Transaction, batch: SettlementBatch) => Promise<Record<string, unknown>>,
  ): Promise<BatchDto> {
    return this.uow.run(async (tx) => {
      const batch = await this.lock(tx.manager, id);
      await this.assertFinance(tx.manager, actor, batch);
      const status = BATCH_STATES.next(batch.status, event);
      const set = await effect(tx, batch);
      await this.write(tx, batch, status, set);
      return (await this.toDtos(tx.manager, [await this.lock(tx.manager, id)]))[0];
    });
  }

  /** Batches with the names of who closed, approved and paid them (one query for all). */
  private async toDtos(manager: EntityManager, batches: SettlementBatch[]): Promise<BatchDto[]> {
    const ids = [...new Set(batches.flatMap((b) => [b.closedBy, b.approvedBy, b.paidBy]).filter((x): x is string => !!x))];
    const names = ids.length ? await this.directory.userDisplayNames(manager, ids) : new Map<string, string>();
    const person = (id: string | null): BatchPersonDto | null => (id ? { id, displayName: names.get(id) ?? '' } : null);
    return batches.map((b) => ({ ...toBatchDto(b), closedBy: person(b.closedBy), approvedBy: person(b.approvedBy), paidBy: person(b.paidBy) }));
  }

  private async write(tx: Transaction, batch: SettlementBatch, status: string, set: Record<string, unknown>): Promise<void> {
    const stamp = status === 'closed' ? { closed_at: new Date(), ...set } : set;
    const cols = Object.keys(stamp);
    await tx.manager.query(
      `UPDATE settlement_batches SET status = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}${cols.length ? ', ' : ''}version = version + 1 WHERE id = $1`,
      [batch.id, status, ...cols.map((c) => stamp[c])],
    );
    tx.audit({ action: `settlement_batch.${status}`, subjectType: 'settlement_batch', subjectId: batch.id, before: { status: batch.status }, after: { status, totalFen: batch.totalFen, itemCount: batch.itemCount, ...stamp } });
  }

  private async lockOrCreateBatch(tx: Transaction, programId: string, year: number, start: string, end: string): Promise<SettlementBatch> {
    await tx.manager.query(
      `INSERT INTO settlement_batches (number, program_id, period_start, period_end, status) VALUES ($1, $2, $3, $4, 'open')
       ON CONFLICT (program_id, period_start) DO NOTHING`,
      [`JS${year}-${start.slice(0, 7).replace('-', '')}-${programId.slice(0, 8)}`, programId, start, end],
    );
    const [row] = (await tx.manager.query(`SELECT id FROM settlement_batches WHERE program_id = $1 AND period_start = $2`, [programId, start])) as { id: string }[];
    return this.lock(tx.manager, row.id);
  }

  private async lock(manager: EntityManager, id: string): Promise<SettlementBatch> {
    const batch = await manager.getRepository(SettlementBatch).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!batch) throw DomainError.notFound('Settlement batch');
    return batch;
  }

  private async visible(actor: Actor, id: string): Promise<SettlementBatch> {
    const batch = await this.dataSource.getRepository(SettlementBatch).findOneBy({ id });
    if (!batch) throw DomainError.notFound('Settlement batch');
    if (actor.role === Role.PartnerAdmin) {
      const [pays] = (await this.dataSource.query(
        `SELECT 1 AS ok FROM settlement_items i JOIN read_organizations p ON p.id = i.payee_org_id WHERE i.batch_id = $1 AND p.region_code = ANY($2::text[]) LIMIT 1`,
        [batch.id, actor.regionScope],
      )) as { ok: number }[];
      if (!pays) throw DomainError.notFound('Settlement batch');
      return batch;
    }
    const program = await this.programs.require(this.dataSource.manager, batch.programId);
    if (!isPlatformAdmin(actor) && actor.regionCode !== program.issuingRegionCode) throw DomainError.notFound('Settlement batch');
    return batch;
  }

  private async assertFinance(manager: EntityManager, actor: Actor, batch: SettlementBatch): Promise<void> {
    const program = await this.programs.require(manager, batch.programId);
    if (isPlatformAdmin(actor)) return;
    if (actor.regionCode !== program.issuingRegionCode) throw DomainError.notFound('Settlement batch');
    if (actor.role !== Role.Finance) throw DomainError.forbidden('The finance bureau settles batches');
  }
}

function row(key: string, name: string, uscc: string | null, regionCode: string, claims: number, amountFen: number): StatementRowDto {
  return { key, name, uscc, regionCode, claims, amountFen, amountYuan: formatFen(amountFen) };
}

export function toBatchDto(b: SettlementBatch): Omit<BatchDto, 'closedBy' | 'approvedBy' | 'paidBy'> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: b.id,
    number: b.number,
    programId: b.programId,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    status: b.status,
    totalFen: b.totalFen,
    itemCount: b.itemCount,
    paymentReference: b.paymentReference,
    closedAt: iso(b.closedAt),
    approvedAt: iso(b.approvedAt),
    paidAt: iso(b.paidAt),
    reconciledAt: iso(b.reconciledAt),
    version: b.version,
  };
}
