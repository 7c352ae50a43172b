import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, APPLICANT_KINDS, hasRegionalView, isPlatformAdmin, OrganizationKind, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobName } from '../../platform/queue/queue.registry';
import { FourEyesErrors } from '../four-eyes/four-eyes.errors';
import { FourEyesService } from '../four-eyes/four-eyes.service';
import { OrdersService } from '../orders/orders.service';
import { OrganizationDirectory, OrganizationParty } from '../organizations/organization-directory';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgramQueries } from '../programs/program-queries';
import { Voucher } from '../vouchers/voucher.entities';
import { VouchersService } from '../vouchers/vouchers.service';
import { MisconductEffectsDto, MisconductQueryDto, MisconductRecordDto, RecordMisconductDto } from './dto/misconduct.dto';
import { MISCONDUCT_STATES, MisconductStatus } from './misconduct.state';

interface Row {
  id: string;
  number: string;
  region_code: string;
  kind: string;
  description: string;
  evidence: { description: string; reference?: string }[];
  provider_id: string | null;
  enterprise_id: string | null;
  period_from: string;
  period_to: string;
  status: MisconductStatus;
  affected_fen: string;
  effects: MisconductEffectsDto | null;
  recorded_by: string;
  recorded_at: Date;
  confirmed_at: Date | null;
  lifted_at: Date | null;
  lift_reason: string | null;
  version: number;
}

const COLUMNS = `id, number, region_code, kind, description, evidence, provider_id, enterprise_id, to_char(period_from, 'YYYY-MM-DD') AS period_from,
  to_char(period_to, 'YYYY-MM-DD') AS period_to, status, affected_fen, effects, recorded_by, recorded_at, confirmed_at, lifted_at, lift_reason, version`;

/**
 * Misconduct (失信, docs/domain.md "Misconduct"): the paying region's approver records what a
 * provider and/or an applicant did, with evidence and a period. In force, in one transaction with
 * its audit and outbox rows, it cancels the unclaimed orders on the region's vouchers concerned
 * (holds released), revokes the applicant's vouchers of the region's programmes (unspent money back
 * to the budget), suspends the provider when the region admits it, and bars the applicant's new
 * applications to the region's programmes until the period ends. It touches only the recording
 * region's money; above FOUR_EYES_THRESHOLD_FEN a second approver of the region confirms it first.
 */
@Injectable()
export class MisconductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly vouchers: VouchersService,
    private readonly orders: OrdersService,
    private readonly organizations: OrganizationsService,
    private readonly directory: OrganizationDirectory,
    private readonly programs: ProgramQueries,
    private readonly fourEyes: FourEyesService,
  ) {}

  async record(actor: Actor, dto: RecordMisconductDto): Promise<MisconductRecordDto> {
    if (!dto.providerId && !dto.enterpriseId) throw DomainError.invalid('enterpriseId', 'name the provider, the applicant enterprise, or both');
    if (dto.periodTo < dto.periodFrom) throw DomainError.invalid('periodTo', 'must not be before periodFrom');
    if (dto.periodTo < shanghaiDate()) throw DomainError.invalid('periodTo', 'the period has already ended');
    const parties = await this.directory.parties(this.dataSource.manager, [dto.providerId, dto.enterpriseId].filter((x): x is string => !!x));
    const provider = dto.providerId ? parties.find((p) => p.id === dto.providerId) : undefined;
    const enterprise = dto.enterpriseId ? parties.find((p) => p.id === dto.enterpriseId) : undefined;
    if (dto.providerId && provider?.kind !== 'provider') throw DomainError.invalid('providerId', 'is not a provider');
    if (dto.enterpriseId && !APPLICANT_KINDS.includes(enterprise?.kind as OrganizationKind)) throw DomainError.invalid('enterpriseId', 'is not an applicant enterprise or team');
    const programIds = await this.programs.idsIssuedBy(this.dataSource.manager, actor.regionCode);
    return this.uow.run(async (tx) => {
      const [{ seq }] = (await tx.manager.query(`SELECT nextval('misconduct_record_number_seq')::text AS seq`)) as { seq: string }[];
      const affected = await this.affectedFen(tx.manager, dto.enterpriseId ?? null, dto.providerId ?? null, programIds);
      const pending = this.fourEyes.needsSecondPerson(affected);
      const [row] = (await tx.manager.query(
        `INSERT INTO misconduct_records (number, region_code, kind, description, evidence, provider_id, enterprise_id, period_from, period_to, status, affected_fen, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
        [
          `SX${shanghaiDate().slice(0, 4)}-${seq.padStart(6, '0')}`, actor.regionCode, dto.kind, dto.description.trim(), JSON.stringify(dto.evidence),
          dto.providerId ?? null, dto.enterpriseId ?? null, dto.periodFrom, dto.periodTo, pending ? 'pending_confirmation' : 'in_force', affected, actor.userId,
        ],
      )) as Row[];
      tx.audit({ action: `misconduct_record.${row.status}`, subjectType: 'misconduct_record', subjectId: row.id, regionCode: row.region_code, after: { ...auditView(row) } });
      if (pending) {
        const deciders = await this.directory.activeUserIdsWithRole(tx.manager, [Role.Approver], row.region_code, actor.userId);
        if (deciders.length) {
          tx.enqueue(JobName.DeliverNotification, {
            userIds: deciders, kind: 'misconduct_record.pending', title: `待确认：失信记录 ${row.number}`,
            body: `涉及金额 ${affected} 分，需要第二位审批人确认后生效。`, subjectType: 'misconduct_record', subjectId: row.id, dedupKey: `misconduct_record.pending:${row.id}`,
            params: { number: row.number, affectedFen: Number(affected) },
          });
        }
        return this.toDto(tx.manager, row);
      }
      return this.toDto(tx.manager, await this.enforce(tx, actor, row, programIds));
    });
  }

  /** A second approver of the recording region confirms a record that moves more than the four-eyes threshold. */
  async confirm(actor: Actor, id: string): Promise<MisconductRecordDto> {
    return this.uow.run(async (tx) => {
      const row = await this.lockOwnRegion(tx.manager, actor, id);
      MISCONDUCT_STATES.next(row.status, 'confirm');
      if (row.recorded_by === actor.userId) throw new DomainError(FourEyesErrors.SECOND_PERSON_REQUIRED, 'The approver who recorded this cannot confirm it; a second approver of the region confirms');
      await tx.manager.query(`UPDATE misconduct_records SET confirmed_by = $2, confirmed_at = now() WHERE id = $1`, [id, actor.userId]);
      const programIds = await this.programs.idsIssuedBy(tx.manager, row.region_code);
      return this.toDto(tx.manager, await this.enforce(tx, actor, { ...row, status: 'pending_confirmation' }, programIds));
    });
  }

  async cancel(actor: Actor, id: string, note: string | null): Promise<MisconductRecordDto> {
    return this.move(actor, id, 'cancel', { lift_reason: note });
  }

  /** Ends the bar early (an appeal upheld). Revoked vouchers stay revoked and a suspended provider is reinstated only through its admission. */
  async lift(actor: Actor, id: string, reason: string): Promise<MisconductRecordDto> {
    return this.move(actor, id, 'lift', { lift_reason: reason, lifted_by: actor.userId, lifted_at: new Date() });
  }

  async list(actor: Actor, query: MisconductQueryDto): Promise<MisconductRecordDto[]> {
    const params: unknown[] = [];
    let where: string;
    if (isPlatformAdmin(actor)) where = 'true';
    else if (hasRegionalView(actor)) {
      params.push(actor.regionScope);
      // The recording region's bureaus, and the bureaus (partner admins too) of the parties' regions.
      where = `(m.region_code = ANY($1) OR EXISTS (SELECT 1 FROM read_organizations o WHERE o.id IN (m.provider_id, m.enterprise_id) AND o.region_code = ANY($1)))`;
    } else {
      params.push(actor.organizationId);
      where = `(m.provider_id = $1 OR m.enterprise_id = $1) AND m.status <> 'cancelled'`;
    }
    if (query.status) {
      params.push(query.status);
      where += ` AND m.status = $${params.length}`;
    }
    params.push(query.limit ?? 100);
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM misconduct_records m WHERE ${where} ORDER BY m.recorded_at DESC, m.id LIMIT $${params.length}`, params)) as Row[];
    return this.toDtos(this.dataSource.manager, rows);
  }

  async get(actor: Actor, id: string): Promise<MisconductRecordDto> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM misconduct_records WHERE id = $1`, [id])) as Row[];
    if (!row || !(await this.canSee(actor, row))) throw DomainError.notFound('Misconduct record');
    return this.toDto(this.dataSource.manager, row);
  }

  /** The unspent balances of the applicant's vouchers and the holds of the orders it would cancel. */
  private async affectedFen(manager: EntityManager, enterpriseId: string | null, providerId: string | null, programIds: string[]): Promise<number> {
    const voucherIds = enterpriseId ? await this.vouchers.openIdsOf(manager, enterpriseId, programIds) : [];
    let total = 0;
    for (const id of voucherIds) total += (await this.vouchers.balances(manager, await this.vouchers.find(manager, id))).availableFen;
    for (const order of await this.orders.voidable(manager, { voucherIds, providerId, programIds })) total += order.heldFen;
    return total;
  }

  /**
   * The effects, in the caller's transaction. Vouchers are locked in id order before their orders are
   * read again (the order placement locks the voucher too), so an order placed meanwhile is either
   * seen and cancelled here or placed after the revocation and refused.
   */
  private async enforce(tx: Transaction, actor: Actor, row: Row, programIds: string[]): Promise<Row> {
    const reason = `失信记录 ${row.number}`;
    const revoke = row.enterprise_id ? await this.vouchers.openIdsOf(tx.manager, row.enterprise_id, programIds) : [];
    const locked = new Map<string, Voucher>();
    let orders: Awaited<ReturnType<OrdersService['voidable']>> = [];
    for (;;) {
      const wanted = [...new Set([...revoke, ...orders.map((o) => o.voucherId)])].filter((id) => !locked.has(id)).sort();
      for (const id of wanted) locked.set(id, await this.vouchers.lock(tx.manager, id));
      orders = await this.orders.voidable(tx.manager, { voucherIds: revoke, providerId: row.provider_id, programIds });
      if (orders.every((o) => locked.has(o.voucherId))) break;
    }
    let releasedHoldsFen = 0;
    for (const order of orders) releasedHoldsFen += await this.orders.voidForMisconduct(tx, order.id, locked.get(order.voucherId)!, reason);
    let returnedToBudgetFen = 0;
    const revoked: string[] = [];
    for (const id of revoke) {
      const voucher = locked.get(id)!;
      if (voucher.status !== 'active' && voucher.status !== 'exhausted') continue;
      returnedToBudgetFen += await this.vouchers.close(tx, voucher, 'revoke', reason);
      revoked.push(id);
    }
    const provider = row.provider_id ? await this.organizations.suspendForMisconduct(tx, actor, row.provider_id, reason) : 'none';
    const effects: MisconductEffectsDto = { revokedVoucherIds: revoked, cancelledOrderIds: orders.map((o) => o.id), returnedToBudgetFen, releasedHoldsFen, provider };
    const [updated] = (await tx.manager.query(
      `UPDATE misconduct_records SET status = 'in_force', effects = $2, version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
      [row.id, JSON.stringify(effects)],
    )) as [Row[], number];
    const after = (updated as unknown as Row[])[0] ?? (updated as unknown as Row);
    if (row.status !== 'in_force') tx.audit({ action: 'misconduct_record.in_force', subjectType: 'misconduct_record', subjectId: row.id, regionCode: row.region_code, before: { status: row.status }, after: { status: 'in_force', effects } });
    else tx.audit({ action: 'misconduct_record.enforced', subjectType: 'misconduct_record', subjectId: row.id, regionCode: row.region_code, after: { effects } });
    const users = await this.directory.activeUserIdsOfAny(tx.manager, [row.provider_id, row.enterprise_id].filter((x): x is string => !!x));
    if (users.length) {
      tx.enqueue(JobName.DeliverNotification, {
        userIds: users, kind: 'misconduct_record.in_force', title: `失信记录 ${row.number}`,
        body: `记录期间 ${row.period_from} 至 ${row.period_to}。详情见“信用记录”页面。`, subjectType: 'misconduct_record', subjectId: row.id, dedupKey: `misconduct_record.in_force:${row.id}`,
        params: { number: row.number, periodFrom: row.period_from, periodTo: row.period_to },
      });
    }
    return after;
  }

  private async move(actor: Actor, id: string, event: 'cancel' | 'lift', set: Record<string, unknown>): Promise<MisconductRecordDto> {
    return this.uow.run(async (tx) => {
      const row = await this.lockOwnRegion(tx.manager, actor, id);
      const status = MISCONDUCT_STATES.next(row.status, event);
      const cols = Object.keys(set);
      const [updated] = (await tx.manager.query(
        `UPDATE misconduct_records SET status = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, status, ...cols.map((c) => set[c])],
      )) as [Row[], number];
      tx.audit({ action: `misconduct_record.${status}`, subjectType: 'misconduct_record', subjectId: id, regionCode: row.region_code, before: { status: row.status }, after: { status, ...set } });
      const users = await this.directory.activeUserIdsOfAny(tx.manager, [row.provider_id, row.enterprise_id].filter((x): x is string => !!x));
      if (users.length && status === 'lifted') {
        tx.enqueue(JobName.DeliverNotification, {
          userIds: users, kind: 'misconduct_record.lifted', title: `失信记录 ${row.number} 已解除`, body: String(set.lift_reason ?? ''),
          subjectType: 'misconduct_record', subjectId: id, dedupKey: `misconduct_record.lifted:${id}`,
          params: { number: row.number, reason: String(set.lift_reason ?? '') },
        });
      }
      return this.toDto(tx.manager, (updated as unknown as Row[])[0] ?? (updated as unknown as Row));
    });
  }

  /** Only approvers of the recording region act on a record; others learn nothing of it (404). */
  private async lockOwnRegion(manager: EntityManager, actor: Actor, id: string): Promise<Row> {
    const [row] = (await manager.query(`SELECT ${COLUMNS} FROM misconduct_records WHERE id = $1 FOR UPDATE`, [id])) as Row[];
    if (!row || actor.role !== Role.Approver || actor.regionCode !== row.region_code) {
      if (row && (await this.canSee(actor, row))) throw DomainError.forbidden('Only approvers of the recording (paying) region act on this record');
      throw DomainError.notFound('Misconduct record');
    }
    return row;
  }

  private async canSee(actor: Actor, row: Row): Promise<boolean> {
    if (isPlatformAdmin(actor)) return true;
    const parties = [row.provider_id, row.enterprise_id].filter((x): x is string => !!x);
    if (!hasRegionalView(actor)) return parties.includes(actor.organizationId) && row.status !== 'cancelled';
    if (actor.regionScope.includes(row.region_code)) return true;
    const regions = await this.directory.regionCodes(this.dataSource.manager, parties);
    return parties.some((p) => actor.regionScope.includes(regions.get(p) ?? ''));
  }

  private async toDto(manager: EntityManager, row: Row): Promise<MisconductRecordDto> {
    return (await this.toDtos(manager, [row]))[0];
  }

  private async toDtos(manager: EntityManager, rows: Row[]): Promise<MisconductRecordDto[]> {
    const ids = [...new Set(rows.flatMap((r) => [r.provider_id, r.enterprise_id]).filter((x): x is string => !!x))];
    const parties = new Map((ids.length ? await this.directory.parties(manager, ids) : []).map((p) => [p.id, p]));
    const party = (id: string | null) => {
      const p: OrganizationParty | undefined = id ? parties.get(id) : undefined;
      return p ? { id: p.id, name: p.name, regionCode: p.region_code } : null;
    };
    const today = shanghaiDate();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      regionCode: r.region_code,
      kind: r.kind,
      description: r.description,
      evidence: r.evidence,
      provider: party(r.provider_id),
      enterprise: party(r.enterprise_id),
      periodFrom: r.period_from,
      periodTo: r.period_to,
      status: r.status,
      barringToday: r.status === 'in_force' && r.enterprise_id !== null && r.period_from <= today && today <= r.period_to,
      affectedFen: Number(r.affected_fen),
      effects: r.effects,
      recordedAt: r.recorded_at.toISOString(),
      confirmedAt: r.confirmed_at ? r.confirmed_at.toISOString() : null,
      liftedAt: r.lifted_at ? r.lifted_at.toISOString() : null,
      liftReason: r.lift_reason,
      version: r.version,
    }));
  }
}

function auditView(r: Row): Record<string, unknown> {
  return { number: r.number, kind: r.kind, providerId: r.provider_id, enterpriseId: r.enterprise_id, periodFrom: r.period_from, periodTo: r.period_to, status: r.status, affectedFen: Number(r.affected_fen), evidence: r.evidence };
}
