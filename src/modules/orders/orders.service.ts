import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, isPlatformAdmin, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobName } from '../../platform/queue/queue.registry';
import { RecognitionService } from '../catalog/recognition.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { ProgramQueries } from '../programs/program-queries';
import { ProgramsService } from '../programs/programs.service';
import { computeSubsidy } from '../programs/subsidy';
import { VouchersService } from '../vouchers/vouchers.service';
import { CreateOrderDto, DeliverOrderDto, OrderDto, OrderQueryDto, OrderQuoteDto } from './dto/order.dto';
import { OrderPricingService } from './order-pricing.service';
import { ServiceOrder } from './order.entity';
import { HOLDING_STATUSES, ORDER_STATES, OrderEvent, OrderStatus } from './order.state';

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
  ) {}

  async create(actor: Actor, dto: CreateOrderDto): Promise<OrderDto> {
    return this.uow.run(async (tx) => {
      // The voucher row is the lock every order on it queues behind.
      const voucher = await this.vouchers.lock(tx.manager, dto.voucherId);
      const today = shanghaiDate();
      const { program, service, local, recognition, contractAmountFen, ratioBp, subsidy } = await this.pricing.price(tx.manager, actor, voucher, dto, today);
      const [{ n }] = (await tx.manager.query(`SELECT nextval('service_order_number_seq') AS n`)) as { n: string }[];
      const repo = tx.manager.getRepository(ServiceOrder);
      const saved = await repo.save(
        repo.create({
          number: `DD${today.replace(/-/g, '')}-${n.padStart(7, '0')}`,
          programId: program.id,
          voucherId: voucher.id,
          enterpriseId: voucher.enterpriseId,
          providerId: service.providerId,
          serviceId: service.id,
          quantity: dto.quantity,
          unitPriceFen: service.unitPriceFen,
          contractAmountFen,
          ratioBp,
          recognitionAgreementId: recognition?.agreementId ?? null,
          subsidyHeldFen: subsidy.subsidyFen,
          status: 'created',
          orderedOn: today,
          createdBy: actor.userId,
        }),
      );
      await this.vouchers.hold(tx, voucher, subsidy.subsidyFen, saved.id);
      const order = await repo.findOneByOrFail({ id: saved.id });
      tx.audit(this.audit(order, 'service_order.created', null, { ...toOrderDto(order), subsidyLimitedBy: subsidy.limitedBy, local }));
      await this.notifyOrg(tx, order.providerId, order, '新的服务订单', `订单 ${order.number}：${service.name} × ${order.quantity}`);
      return { ...toOrderDto(order), subsidyLimitedBy: subsidy.limitedBy };
    });
  }

  /**
   * What ordering would compute now, without ordering: the same checks and refusals as create,
   * on an unlocked read of the voucher. Nothing is written, so nothing is held.
   */
  async quote(actor: Actor, dto: CreateOrderDto): Promise<OrderQuoteDto> {
    const manager = this.dataSource.manager;
    const voucher = await this.vouchers.find(manager, dto.voucherId);
    const { service, recognition, contractAmountFen, ratioBp, subsidy, voucherAvailableFen } = await this.pricing.price(manager, actor, voucher, dto, shanghaiDate());
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
      await this.notifyOrg(tx, side === 'provider' ? after.enterpriseId : after.providerId, after, '订单状态更新', `订单 ${after.number} 已变为 ${status}`);
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

  private async notifyOrg(tx: Transaction, organizationId: string, order: ServiceOrder, title: string, body: string): Promise<void> {
    const userIds = await this.directory.activeUserIds(tx.manager, organizationId);
    if (userIds.length === 0) return;
    tx.enqueue(JobName.DeliverNotification, { userIds, kind: 'service_order.changed', title, body, subjectType: 'service_order', subjectId: order.id, dedupKey: `service_order:${order.id}:${order.version}:${organizationId}` });
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
