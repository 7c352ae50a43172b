import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { JobName } from '../../../platform/queue/queue.registry';
import { CatalogService } from '../../catalog/catalog.service';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { ServiceOrder } from '../order.entity';
import { OrderStatus } from '../order.state';
import { RateOrderDto, RatingDto, RatingQueryDto } from './dto/rating.dto';

describeConstraint('service_ratings_one_per_order', ErrorCode.AlreadyExists, 'This order has already been rated; a rating is final', 'score');

/** Orders the enterprise has confirmed (the confirmation happened, whatever the claim did since). */
export const RATEABLE_STATUSES: OrderStatus[] = ['confirmed', 'claimed', 'settled', 'rejected'];

interface RatingRow {
  id: string;
  order_id: string;
  order_number: string;
  service_id: string;
  service_name: string;
  provider_id: string;
  enterprise_id: string;
  score: number;
  comment: string | null;
  created_at: Date;
  reply: string | null;
  replied_at: Date | null;
}

const SELECT = `SELECT r.id, r.order_id, o.number AS order_number, r.service_id, r.service_name, r.provider_id, r.enterprise_id,
                       r.score, r.comment, r.created_at, r.reply, r.replied_at
                  FROM service_ratings r JOIN service_orders o ON o.id = r.order_id`;

/**
 * Ratings (评价, docs/domain.md "Ratings"): the enterprise that ordered rates a service once per order,
 * only after it confirmed the delivery; a rating is final. The service's counter row
 * (service_rating_totals) moves in the same transaction, so the catalogue reads the average of a page
 * of results by id. The provider replies once.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly directory: OrganizationDirectory,
    private readonly catalog: CatalogService,
  ) {}

  async rate(actor: Actor, orderId: string, dto: RateOrderDto): Promise<RatingDto> {
    return this.uow.run(async (tx) => {
      const order = await tx.manager.getRepository(ServiceOrder).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      // Only the ordering enterprise sees the order here; anyone else gets the same 404 as for no order.
      if (!order || actor.role !== Role.EnterpriseUser || order.enterpriseId !== actor.organizationId) throw DomainError.notFound('Order');
      if (!RATEABLE_STATUSES.includes(order.status)) {
        throw new DomainError(ErrorCode.IllegalTransition, `An order is rated after its delivery is confirmed; this one is ${order.status}`, { status: order.status });
      }
      const service = await this.catalog.getForOrder(tx.manager, order.serviceId);
      const [row] = (await tx.manager.query(
        `INSERT INTO service_ratings (order_id, service_id, service_name, provider_id, enterprise_id, score, comment, rated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [order.id, order.serviceId, service?.name ?? '', order.providerId, order.enterpriseId, dto.score, dto.comment?.trim() || null, actor.userId],
      )) as { id: string }[];
      await tx.manager.query(
        `INSERT INTO service_rating_totals (service_id, rating_count, score_sum) VALUES ($1, 1, $2)
         ON CONFLICT (service_id) DO UPDATE SET rating_count = service_rating_totals.rating_count + 1, score_sum = service_rating_totals.score_sum + EXCLUDED.score_sum`,
        [order.serviceId, dto.score],
      );
      tx.audit({ action: 'service_rating.created', subjectType: 'service_rating', subjectId: row.id, organizationId: order.enterpriseId, after: { orderId: order.id, serviceId: order.serviceId, score: dto.score, comment: dto.comment ?? null } });
      const providerUsers = await this.directory.activeUserIds(tx.manager, order.providerId);
      if (providerUsers.length) {
        tx.enqueue(JobName.DeliverNotification, {
          userIds: providerUsers,
          kind: 'service_rating.created',
          title: '收到新的服务评价',
          body: `订单 ${order.number} 的评价：${dto.score} 星`,
          subjectType: 'service_rating',
          subjectId: row.id,
          dedupKey: `service_rating.created:${row.id}`,
          params: { orderNumber: order.number, score: dto.score },
        });
      }
      return this.one(tx.manager, actor, row.id);
    });
  }

  /** The provider answers a rating of its service, once. */
  async reply(actor: Actor, ratingId: string, reply: string): Promise<RatingDto> {
    return this.uow.run(async (tx) => {
      const [rating] = (await tx.manager.query(`SELECT id, provider_id, enterprise_id, reply FROM service_ratings WHERE id = $1 FOR UPDATE`, [ratingId])) as { id: string; provider_id: string; enterprise_id: string; reply: string | null }[];
      if (!rating || actor.role !== Role.ProviderUser || rating.provider_id !== actor.organizationId) throw DomainError.notFound('Rating');
      if (rating.reply !== null) throw new DomainError(ErrorCode.AlreadyExists, 'The provider has already replied to this rating', [{ field: 'reply', message: 'a rating takes one reply' }]);
      await tx.manager.query(`UPDATE service_ratings SET reply = $2, replied_by = $3, replied_at = now(), version = version + 1 WHERE id = $1`, [ratingId, reply.trim(), actor.userId]);
      tx.audit({ action: 'service_rating.replied', subjectType: 'service_rating', subjectId: ratingId, organizationId: rating.provider_id, after: { reply: reply.trim() } });
      const enterpriseUsers = await this.directory.activeUserIds(tx.manager, rating.enterprise_id);
      if (enterpriseUsers.length) {
        tx.enqueue(JobName.DeliverNotification, {
          userIds: enterpriseUsers,
          kind: 'service_rating.replied',
          title: '服务机构回复了您的评价',
          body: reply.trim().slice(0, 200),
          subjectType: 'service_rating',
          subjectId: ratingId,
          dedupKey: `service_rating.replied:${ratingId}`,
          params: { reply: reply.trim().slice(0, 200) },
        });
      }
      return this.one(tx.manager, actor, ratingId);
    });
  }

  /** Ratings of a service or provider (anyone signed in), or the caller's own (given or received). */
  async list(actor: Actor, query: RatingQueryDto): Promise<RatingDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.serviceId) add('r.service_id = ?', query.serviceId);
    if (query.providerId) add('r.provider_id = ?', query.providerId);
    if (query.mine) add(actor.role === Role.ProviderUser ? 'r.provider_id = ?' : 'r.enterprise_id = ?', actor.organizationId);
    if (!where.length) throw DomainError.invalid('serviceId', 'give serviceId, providerId or mine=true');
    params.push(query.limit ?? 50, query.offset ?? 0);
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as RatingRow[];
    return rows.map((r) => toRatingDto(actor, r));
  }

  private async one(manager: DataSource['manager'], actor: Actor, id: string): Promise<RatingDto> {
    const [row] = (await manager.query(`${SELECT} WHERE r.id = $1`, [id])) as RatingRow[];
    return toRatingDto(actor, row);
  }
}

function toRatingDto(actor: Actor, r: RatingRow): RatingDto {
  const party = isPlatformAdmin(actor) || actor.organizationId === r.enterprise_id || actor.organizationId === r.provider_id;
  return {
    id: r.id,
    orderId: party ? r.order_id : null,
    orderNumber: party ? r.order_number : null,
    serviceId: r.service_id,
    serviceName: r.service_name,
    providerId: r.provider_id,
    score: r.score,
    comment: r.comment,
    createdAt: r.created_at.toISOString(),
    reply: r.reply,
    repliedAt: r.replied_at ? r.replied_at.toISOString() : null,
  };
}
