import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditWriter } from '../../platform/audit/audit-writer';
import { Actor, actorCoversRegion, isPlatformAdmin, Role } from '../../platform/context/actor';
import { RequestContext } from '../../platform/context/request-context';
import { preparedName, preparedQuery } from '../../platform/database/prepared-query';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxWaker } from '../../platform/outbox/outbox-waker';
import { OutboxMessage } from '../../platform/outbox/outbox-writer';
import { InlineJobs } from '../../platform/queue/inline-jobs';
import { JobName } from '../../platform/queue/queue.registry';
import { RecognitionService } from '../catalog/recognition.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { ProgramQueries } from '../programs/program-queries';
import { ProgramsService } from '../programs/programs.service';
import { computeSubsidy, QualificationSpan } from '../programs/subsidy';
import { Voucher } from '../vouchers/voucher.entities';
import { VouchersService } from '../vouchers/vouchers.service';
import { CreateOrderDto, DeliverOrderDto, OrderDto, OrderQueryDto, OrderQuoteDto } from './dto/order.dto';
import { OrderPricingService, VoucherForOrder } from './order-pricing.service';
import { OrderReferences } from './order-references';
import { ServiceOrder } from './order.entity';
import type { NotificationParams } from '../../../packages/shared/notification-kinds';
import { HOLDING_STATUSES, ORDER_STATES, OrderEvent, OrderStatus, VOIDABLE_STATUSES } from './order.state';

/** How often ordering prices again when money or reference data moved under it before it gives up (409). */
const PLACE_ATTEMPTS = 5;

/** The order's outcome: service_order_prepare()'s answer, or service_order_hold()'s refusal; anything but 'ok' wrote nothing. */
type PlaceOutcome = 'ok' | 'missing' | 'status' | 'use_by' | 'short' | 'stale';

/** SQLSTATE service_order_hold() raises when it refuses under the voucher lock (message: the outcome, detail: the voucher's status). */
const HOLD_REFUSED = 'GO001';

function holdRefusal(error: unknown): { outcome: PlaceOutcome; voucher_status: string | null } | undefined {
  const driver = (error instanceof QueryFailedError ? error.driverError : undefined) as { code?: string; message?: string; detail?: string } | undefined;
  if (driver?.code !== HOLD_REFUSED) return undefined;
  return { outcome: driver.message as PlaceOutcome, voucher_status: driver.detail ?? null };
}

/**
 * Ordering's one read (voucherForOrder), prepared: its planning cost more than running it. Its columns are named, not
 * `r.*`: a prepared statement whose result type changes (a column added to the view by a migration while this process
 * runs) fails on every later call on its connection.
 */
const VOUCHER_FOR_ORDER = `SELECT r.id, r.enterprise_id, r.program_id, r.program_version, r.applicant_kind, r.status, r.use_by, r.available_fen,
        r.qualifications, r.qualifications_stamp, nextval('service_order_number_seq')::text AS order_number,
        ARRAY(SELECT u.id FROM read_directory_users u WHERE u.organization_id = $2 AND u.status = 'active' ORDER BY u.id)::text[] AS provider_user_ids
   FROM read_voucher_for_order r WHERE r.id = $1`;

interface VoucherRow {
  id: string;
  enterprise_id: string;
  program_id: string;
  program_version: number;
  applicant_kind: 'enterprise' | 'team';
  status: Voucher['status'];
  use_by: string;
  available_fen: string;
  qualifications: QualificationSpan[];
  qualifications_stamp: string;
}

function toVoucherForOrder(row: VoucherRow): VoucherForOrder {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    programId: row.program_id,
    programVersion: row.program_version,
    applicantKind: row.applicant_kind,
    status: row.status,
    useBy: row.use_by,
    availableFen: Number(row.available_fen),
    qualifications: row.qualifications,
    qualificationsStamp: row.qualifications_stamp,
  };
}

/**
 * Service orders (使用). Ordering computes the subsidy (ratio, caps, full coverage, balance) and
 * holds it on the voucher; the provider accepts (接单) and delivers; the enterprise confirms.
 * Every step is one transaction with its ledger movement, audit row and outbox notification.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly vouchers: VouchersService,
    private readonly programs: ProgramsService,
    private readonly recognition: RecognitionService,
    private readonly pricing: OrderPricingService,
    private readonly directory: OrganizationDirectory,
    private readonly programQueries: ProgramQueries,
    private readonly references: OrderReferences,
    private readonly auditWriter: AuditWriter,
    private readonly waker: OutboxWaker,
    private readonly context: RequestContext,
    private readonly notifications: NotificationsService,
    private readonly inline: InlineJobs,
  ) {}

  /**
   * Orders a service with a voucher (docs/architecture.md, "Money paths"): one read (the voucher, its
   * balance, the qualifications; reference data from the cache), the price computed here, then one
   * statement that re-checks everything under the voucher lock and writes the hold, the order, the
   * audit rows, the notification and the idempotency record together, or nothing. If another order
   * took money meanwhile, or reference data changed, it prices again.
   */
  async create(actor: Actor, dto: CreateOrderDto): Promise<OrderDto> {
    let fresh = false;
    for (let attempt = 1; attempt <= PLACE_ATTEMPTS; attempt += 1) {
      const placed = await this.place(actor, dto, fresh);
      if (placed.kind === 'placed') return placed.order;
      fresh = placed.kind === 'stale';
    }
    throw DomainError.conflict('The voucher changed while this order was being priced; try again');
  }

  private async place(actor: Actor, dto: CreateOrderDto, fresh: boolean): Promise<{ kind: 'placed'; order: OrderDto } | { kind: 'short' | 'stale' }> {
    const today = shanghaiDate();
    const service = await this.references.service(dto.serviceId, fresh);
    const voucher = await this.voucherForOrder(dto.voucherId, service?.providerId ?? null);
    const { service: priced, local, recognition, contractAmountFen, ratioBp, subsidy, stamps } = await this.pricing.price(actor, voucher, dto, today, fresh, service);
    const order = {
      id: randomUUID(),
      number: `DD${today.replace(/-/g, '')}-${voucher.orderNumber.padStart(7, '0')}`,
      programId: voucher.programId,
      voucherId: voucher.id,
      enterpriseId: voucher.enterpriseId,
      providerId: priced.providerId,
      serviceId: priced.id,
      quantity: dto.quantity,
      unitPriceFen: priced.unitPriceFen,
      contractAmountFen,
      ratioBp,
      recognitionAgreementId: recognition?.agreementId ?? null,
      subsidyHeldFen: subsidy.subsidyFen,
      actualAmountFen: null,
      subsidyFinalFen: null,
      status: 'created',
      reportNumber: null,
      deliveredOn: null,
      orderedOn: today,
      disputeReason: null,
      createdBy: actor.userId,
      version: 1,
    } as ServiceOrder;
    const result = { ...toOrderDto(order), subsidyLimitedBy: subsidy.limitedBy };
    const idempotency = this.context.idempotency;
    const answer = JSON.stringify(result);
    const params: unknown[] = [
      voucher.id, voucher.enterpriseId, today, subsidy.subsidyFen, order.id, order.number, priced.id, dto.quantity, priced.unitPriceFen, contractAmountFen, ratioBp,
      order.recognitionAgreementId, actor.userId, stamps, this.context.requestId ?? null,
      idempotency?.id ?? null, idempotency?.claimToken ?? null, idempotency?.responseStatus ?? null, answer,
    ];
    // One statement (docs/architecture.md, "Money paths"): service_order_prepare() checks without a lock and
    // writes the journal transaction and the order; the audit and outbox rows follow, still unlocked; then
    // service_order_hold() takes the voucher lock and moves the money, last, so the lock is held only for
    // the hold and the commit. Its refusals raise (GO001) and roll all of it back.
    const ok = `(SELECT outcome FROM p) = 'ok'`;
    const before = [
      this.auditWriter.insertStatement([this.audit(order, 'service_order.created', null, { ...result, local })], params.length + 1, ok),
    ];
    params.push(...before[0]!.params);
    // The provider's notification is written by this statement too, not by a job of its own (each job was as
    // much work again as the order: docs/architecture.md, "Money paths").
    const notice = this.notification(voucher.providerUserIds, priced.providerId, order, '新的服务订单', `订单 ${order.number}：${priced.name} × ${order.quantity}`, { variant: 'placed', serviceName: priced.name, quantity: order.quantity });
    const notify = await this.notifications.statementMembers(notice.payload, params.length + 1, ok);
    for (const member of notify.members) {
      before.push(member);
      params.push(...member.params);
    }
    const exhausted = this.auditWriter.insertStatement(
      [{ action: 'voucher.exhausted', subjectType: 'voucher', subjectId: voucher.id, organizationId: voucher.enterpriseId, before: { status: voucher.status }, after: { status: 'exhausted', availableFen: 0 } }],
      params.length + 1,
      `(SELECT exhausted FROM h)`,
    )!;
    params.push(...exhausted.params);
    let placed: { outcome: PlaceOutcome; voucher_status: string | null };
    try {
      // Prepared (one per shape of the text): planning it took as long as running it (docs/architecture.md, "Money paths").
      const sql = `WITH p AS MATERIALIZED (SELECT * FROM service_order_prepare(${Array.from({ length: 19 }, (_, i) => `$${i + 1}`).join(', ')})),
              ${before.map((member, i) => `w${i} AS (${member!.sql} RETURNING 1)`).join(',\n              ')},
              h AS MATERIALIZED (SELECT h.* FROM p, LATERAL service_order_hold($1, $3, $4, p.transaction_id) h
                                  WHERE p.outcome = 'ok' AND ${before.map((_, i) => `(SELECT count(*) FROM w${i})`).join(' + ')} >= 0),
              x AS (${exhausted.sql})
         SELECT p.outcome, COALESCE(h.voucher_status, p.voucher_status) AS voucher_status FROM p LEFT JOIN h ON true`;
      [placed] = await preparedQuery<{ outcome: PlaceOutcome; voucher_status: string | null }>(this.dataSource, preparedName('order_place', sql), sql, params);
    } catch (error) {
      const refused = holdRefusal(error);
      if (!refused) throw error;
      placed = refused;
    }
    switch (placed.outcome) {
      case 'ok':
        // The key is complete, with this answer (the statement has committed); later units of work of this
        // request leave it alone, as UnitOfWork's do.
        if (idempotency) {
          this.context.setIdempotency(undefined);
          this.context.setIdempotencyStored({ id: idempotency.id, status: idempotency.responseStatus, body: answer, final: true });
        }
        if (notify.outbox) this.waker.wake();
        return { kind: 'placed', order: result };
      case 'missing':
        throw DomainError.notFound('Voucher');
      case 'status':
        throw DomainError.rule(`The voucher is ${placed.voucher_status}`, { voucherStatus: placed.voucher_status });
      case 'use_by':
        throw DomainError.rule(`The voucher's use-by date ${voucher.useBy} has passed`);
      case 'short':
      case 'stale':
        return { kind: placed.outcome };
    }
  }

  /** The voucher as ordering reads it (read_voucher_for_order), with the provider's active users and an order number. */
  private async voucherForOrder(voucherId: string, providerId: string | null): Promise<VoucherForOrder & { orderNumber: string; providerUserIds: string[] }> {
    const [row] = await preparedQuery<VoucherRow & { order_number: string; provider_user_ids: string[] }>(this.dataSource, 'order_voucher_read', VOUCHER_FOR_ORDER, [voucherId, providerId]);
    if (!row) throw DomainError.notFound('Voucher');
    return { ...toVoucherForOrder(row), orderNumber: row.order_number, providerUserIds: row.provider_user_ids };
  }

  /**
   * What ordering would compute now, without ordering: the same checks and refusals as create,
   * on an unlocked read of the voucher. Nothing is written, so nothing is held.
   */
  async quote(actor: Actor, dto: CreateOrderDto): Promise<OrderQuoteDto> {
    const [row] = (await this.dataSource.query(`SELECT * FROM read_voucher_for_order WHERE id = $1`, [dto.voucherId])) as VoucherRow[];
    if (!row) throw DomainError.notFound('Voucher');
    const voucher = toVoucherForOrder(row);
    const { service, recognition, contractAmountFen, ratioBp, subsidy, voucherAvailableFen } = await this.pricing.price(actor, voucher, dto, shanghaiDate());
    return {
      serviceId: service.id,
      voucherId: voucher.id,
      serviceName: service.name,
      providerName: service.providerName,
      unitPriceFen: service.unitPriceFen,
      quantity: dto.quantity,
      contractAmountFen,
      ratioBp,
      subsidyFen: subsidy.subsidyFen,
      enterpriseShareFen: contractAmountFen - subsidy.subsidyFen,
      subsidyLimitedBy: subsidy.limitedBy,
      recognitionAgreementId: recognition?.agreementId ?? null,
      voucherAvailableFen,
    };
  }

  /** Provider side: accept (卖家接单) or decline; decline releases the hold. */
  async accept(actor: Actor, id: string): Promise<OrderDto> {
    return this.transition(actor, id, 'provider', 'accept', async () => undefined);
  }

  async decline(actor: Actor, id: string, reason: string): Promise<OrderDto> {
    return this.transition(actor, id, 'provider', 'decline', async (tx, order, voucher) => {
      await this.vouchers.release(tx, voucher, order.subsidyHeldFen, order.id, 'release');
      return { subsidy_held_fen: 0, dispute_reason: reason };
    });
  }

  /** Provider records delivery: report number, actual amount ≤ contract; the hold shrinks to the actual subsidy. */
  async deliver(actor: Actor, id: string, dto: DeliverOrderDto): Promise<OrderDto> {
    return this.transition(actor, id, 'provider', 'deliver', async (tx, order, voucher) => {
      if (dto.actualAmountFen > order.contractAmountFen) throw DomainError.invalid('actualAmountFen', `must not exceed the contract amount of ${order.contractAmountFen} fen`);
      if (dto.deliveredOn < order.orderedOn || dto.deliveredOn > shanghaiDate()) throw DomainError.invalid('deliveredOn', 'must be between the order date and today');
      const program = await this.programs.require(tx.manager, order.programId);
      const recognised = order.recognitionAgreementId ? await this.recognition.findRecognition(tx.manager, program.issuingRegionCode, order.providerId, order.serviceId, order.orderedOn) : null;
      const policy = await this.programs.policyOf(tx.manager, voucher.programId, voucher.programVersion);
      const final = computeSubsidy({
        amountFen: dto.actualAmountFen,
        ratioBp: order.ratioBp,
        fullCoverage: policy.fullCoverage,
        remainingVoucherFen: order.subsidyHeldFen,
        caps: [{ name: 'agreement_per_order_cap', fen: recognised?.perOrderCapFen ?? null }],
      }).subsidyFen;
      // A redelivery after a dispute adjusts the hold again; each adjustment is its own ledger movement.
      const adjustKind = order.actualAmountFen === null ? 'hold_adjust' : 'release';
      if (final < order.subsidyHeldFen) await this.vouchers.release(tx, voucher, order.subsidyHeldFen - final, order.actualAmountFen === null ? order.id : `${order.id}:redelivery:${order.version}`, adjustKind);
      return { subsidy_held_fen: final, subsidy_final_fen: final, actual_amount_fen: dto.actualAmountFen, report_number: dto.reportNumber, delivered_on: dto.deliveredOn, dispute_reason: null };
    });
  }

  async confirm(actor: Actor, id: string): Promise<OrderDto> {
    return this.transition(actor, id, 'enterprise', 'confirm', async () => undefined);
  }

  async dispute(actor: Actor, id: string, reason: string): Promise<OrderDto> {
    return this.transition(actor, id, 'enterprise', 'dispute', async () => ({ dispute_reason: reason }));
  }

  async cancel(actor: Actor, id: string, reason?: string): Promise<OrderDto> {
    return this.transition(actor, id, 'enterprise', 'cancel', async (tx, order, voucher) => {
      await this.vouchers.release(tx, voucher, order.subsidyHeldFen, order.id, 'release');
      return { subsidy_held_fen: 0, dispute_reason: reason ?? null };
    });
  }

  async list(actor: Actor, query: OrderQueryDto): Promise<OrderDto[]> {
    const qb = this.dataSource.getRepository(ServiceOrder).createQueryBuilder('o').innerJoin('read_organizations', 'e', 'e.id = o.enterprise_id').innerJoin('read_organizations', 'p', 'p.id = o.provider_id');
    if (!isPlatformAdmin(actor)) {
      if (actor.role === Role.EnterpriseUser) qb.where('o.enterprise_id = :org', { org: actor.organizationId });
      else if (actor.role === Role.ProviderUser) qb.where('o.provider_id = :org', { org: actor.organizationId });
      else if (actor.role === Role.PartnerAdmin) qb.where('p.region_code = ANY(:scope)', { scope: actor.regionScope });
      else if ([Role.Reviewer, Role.Approver, Role.Finance].includes(actor.role)) qb.where('e.region_code = ANY(:scope)', { scope: actor.regionScope });
      else qb.where('false');
    }
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.voucherId) qb.andWhere('o.voucher_id = :voucherId', { voucherId: query.voucherId });
    return (await qb.orderBy('o.created_at', 'DESC').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany()).map(toOrderDto);
  }

  async get(actor: Actor, id: string): Promise<OrderDto> {
    const order = await this.dataSource.getRepository(ServiceOrder).findOneBy({ id });
    if (!order || !(await this.canSee(this.dataSource.manager, actor, order))) throw DomainError.notFound('Order');
    return toOrderDto(order);
  }

  /** For redemptions and settlement, inside their transaction. */
  async lock(manager: EntityManager, id: string): Promise<ServiceOrder> {
    const order = await manager.getRepository(ServiceOrder).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw DomainError.notFound('Order');
    return order;
  }

  /** Moves an order on behalf of the claim process (claim, unclaim, reject with release, settle). */
  async applyClaimEvent(tx: Transaction, order: ServiceOrder, event: Extract<OrderEvent, 'claim' | 'unclaim' | 'reject' | 'settle'>, reason: string | null): Promise<void> {
    const status = ORDER_STATES.next(order.status, event);
    const set: Record<string, unknown> = {};
    if (event === 'reject') {
      const voucher = await this.vouchers.lock(tx.manager, order.voucherId);
      await this.vouchers.release(tx, voucher, order.subsidyHeldFen, order.id, 'release');
      set.subsidy_held_fen = 0;
    }
    await this.write(tx, order, status, set);
    tx.audit(this.audit(order, `service_order.${status}`, { status: order.status }, { status, reason }));
    order.status = status;
  }

  /**
   * Unclaimed orders misconduct would cancel, with their vouchers: those on `voucherIds`, and those
   * with `providerId` on vouchers of `programIds` (the recording region's money). An unlocked read:
   * the caller locks the vouchers, then reads again.
   */
  async voidable(manager: EntityManager, scope: { voucherIds: string[]; providerId: string | null; programIds: string[] }): Promise<{ id: string; voucherId: string; heldFen: number }[]> {
    const rows = (await manager.query(
      `SELECT id, voucher_id, subsidy_held_fen FROM service_orders
        WHERE status = ANY($1::text[]) AND (voucher_id = ANY($2::uuid[]) OR (provider_id = $3 AND program_id = ANY($4::uuid[])))
        ORDER BY voucher_id, id`,
      [VOIDABLE_STATUSES, scope.voucherIds, scope.providerId, scope.programIds],
    )) as { id: string; voucher_id: string; subsidy_held_fen: string }[];
    return rows.map((r) => ({ id: r.id, voucherId: r.voucher_id, heldFen: Number(r.subsidy_held_fen) }));
  }

  /** Cancels an order for misconduct (its voucher already locked by the caller): the hold is released in this transaction. */
  async voidForMisconduct(tx: Transaction, orderId: string, voucher: Voucher, reason: string): Promise<number> {
    const order = await this.lock(tx.manager, orderId);
    if (!ORDER_STATES.can(order.status, 'void')) return 0;
    const released = order.subsidyHeldFen;
    await this.vouchers.release(tx, voucher, released, order.id, 'release');
    await this.write(tx, order, ORDER_STATES.next(order.status, 'void'), { subsidy_held_fen: 0, dispute_reason: reason });
    tx.audit(this.audit(order, 'service_order.voided', { status: order.status, subsidyHeldFen: released }, { status: 'cancelled', subsidyHeldFen: 0, reason }));
    for (const org of [order.enterpriseId, order.providerId]) await this.notifyOrg(tx, org, order, '订单已因失信记录取消', `订单 ${order.number} 已取消：${reason}`, { variant: 'misconduct_cancelled', reason });
    return released;
  }

  /** Past the programme's redeem-by day, unclaimed orders lapse and release their holds. */
  async lapseDue(asOf: string): Promise<number> {
    const pastRedeemBy = await this.programQueries.idsPastRedeemBy(this.dataSource.manager, asOf);
    const due = (await this.dataSource.query(
      `SELECT o.id FROM service_orders o WHERE o.status = ANY($2::text[]) AND o.program_id = ANY($1::uuid[]) ORDER BY o.id`,
      [pastRedeemBy, HOLDING_STATUSES.filter((s) => s !== 'claimed')],
    )) as { id: string }[];
    let lapsed = 0;
    for (const { id } of due) {
      await this.uow.run(async (tx) => {
        const order = await this.lock(tx.manager, id);
        if (!ORDER_STATES.can(order.status, 'lapse')) return;
        const voucher = await this.vouchers.lock(tx.manager, order.voucherId);
        await this.vouchers.release(tx, voucher, order.subsidyHeldFen, order.id, 'release');
        await this.write(tx, order, ORDER_STATES.next(order.status, 'lapse'), { subsidy_held_fen: 0 });
        tx.audit(this.audit(order, 'service_order.lapsed', { status: order.status }, { status: 'cancelled', reason: `redeem-by passed (as of ${asOf})` }));
        lapsed += 1;
      });
    }
    return lapsed;
  }

  private async transition(
    actor: Actor,
    id: string,
    side: 'provider' | 'enterprise',
    event: OrderEvent,
    effect: (tx: Transaction, order: ServiceOrder, voucher: Awaited<ReturnType<VouchersService['lock']>>) => Promise<Record<string, unknown> | undefined>,
  ): Promise<OrderDto> {
    return this.uow.run(async (tx) => {
      // Lock order: voucher first, then the order (the same order as ordering takes).
      const peek = await tx.manager.getRepository(ServiceOrder).findOneBy({ id });
      const owner = side === 'provider' ? peek?.providerId : peek?.enterpriseId;
      if (!peek || owner !== actor.organizationId) throw DomainError.notFound('Order');
      const voucher = await this.vouchers.lock(tx.manager, peek.voucherId);
      const order = await this.lock(tx.manager, id);
      const status = ORDER_STATES.next(order.status, event);
      const before = toOrderDto(order);
      const set = (await effect(tx, order, voucher)) ?? {};
      await this.write(tx, order, status, set);
      const after = await tx.manager.getRepository(ServiceOrder).findOneByOrFail({ id });
      tx.audit(this.audit(after, `service_order.${status}`, { status: before.status, subsidyHeldFen: before.subsidyHeldFen }, toOrderDto(after)));
      await this.notifyOrg(tx, side === 'provider' ? after.enterpriseId : after.providerId, after, '订单状态更新', `订单 ${after.number} 已变为 ${status}`, { variant: 'status', status });
      // The other side's notice in this transaction, not as a job of its own (as at placing).
      await this.inline.runIn(tx);
      return toOrderDto(after);
    });
  }

  private async write(tx: Transaction, order: ServiceOrder, status: OrderStatus, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 3}`);
    await tx.manager.query(
      `UPDATE service_orders SET status = $2, ${assignments.length ? `${assignments.join(', ')}, ` : ''}version = version + 1, updated_at = now() WHERE id = $1`,
      [order.id, status, ...columns.map((c) => set[c])],
    );
  }

  private async canSee(manager: EntityManager, actor: Actor, order: ServiceOrder): Promise<boolean> {
    if (isPlatformAdmin(actor) || order.enterpriseId === actor.organizationId || order.providerId === actor.organizationId) return true;
    const regions = await this.directory.regionCodes(manager, [order.enterpriseId, order.providerId]);
    if (actor.role === Role.PartnerAdmin) return actorCoversRegion(actor, regions.get(order.providerId)!);
    return [Role.Reviewer, Role.Approver, Role.Finance].includes(actor.role) && actorCoversRegion(actor, regions.get(order.enterpriseId)!);
  }

  private async notifyOrg(tx: Transaction, organizationId: string, order: ServiceOrder, title: string, body: string, params?: NotificationParams): Promise<void> {
    const userIds = await this.directory.activeUserIds(tx.manager, organizationId);
    if (userIds.length === 0) return;
    const { name, payload } = this.notification(userIds, organizationId, order, title, body, params);
    tx.enqueue(name, payload);
  }

  private notification(userIds: string[], organizationId: string, order: ServiceOrder, title: string, body: string, params?: NotificationParams): OutboxMessage<JobName.DeliverNotification> {
    return {
      name: JobName.DeliverNotification,
      payload: { userIds, kind: 'service_order.changed', title, body, subjectType: 'service_order', subjectId: order.id, dedupKey: `service_order:${order.id}:${order.version}:${organizationId}`, params: { number: order.number, ...params } },
    };
  }

  audit(order: ServiceOrder, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'service_order', subjectId: order.id, organizationId: order.enterpriseId, before, after };
  }
}

export function toOrderDto(o: ServiceOrder): OrderDto {
  const paid = o.actualAmountFen ?? o.contractAmountFen;
  return {
    id: o.id,
    number: o.number,
    programId: o.programId,
    voucherId: o.voucherId,
    enterpriseId: o.enterpriseId,
    providerId: o.providerId,
    serviceId: o.serviceId,
    quantity: o.quantity,
    unitPriceFen: o.unitPriceFen,
    contractAmountFen: o.contractAmountFen,
    ratioBp: o.ratioBp,
    recognitionAgreementId: o.recognitionAgreementId,
    subsidyHeldFen: o.subsidyHeldFen,
    enterpriseShareFen: paid - (o.subsidyFinalFen ?? o.subsidyHeldFen),
    actualAmountFen: o.actualAmountFen,
    subsidyFinalFen: o.subsidyFinalFen,
    status: o.status,
    reportNumber: o.reportNumber,
    deliveredOn: o.deliveredOn,
    orderedOn: o.orderedOn,
    disputeReason: o.disputeReason,
    version: o.version,
  };
}
