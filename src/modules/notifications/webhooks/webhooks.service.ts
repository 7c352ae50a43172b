import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { CreateWebhookDto, WebhookAttemptPageDto, WebhookDeliveryDto, WebhookDto, WebhookLogQueryDto } from './dto/webhook.dto';
import { resolveWebhookTarget, WebhookAddressError } from './webhook-address';
import { WebhookAllowedHostsService } from './webhook-allowed-hosts.service';
import { WEBHOOK_STATES, WebhookAction, webhookStatus } from './webhook.state';

interface WebhookRow {
  id: string;
  organization_id: string;
  url: string;
  events: string[];
  active: boolean;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, organization_id, url, events, active, deleted_at, created_at, updated_at';

function toDto(r: WebhookRow): WebhookDto {
  return {
    id: r.id, organizationId: r.organization_id, url: r.url, events: r.events, active: r.active && !r.deleted_at, status: webhookStatus(r),
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * Outgoing webhooks of organisations (docs/security.md, "Outbound calls"): an organisation's admins
 * subscribe, pause, resume and delete; its members and the platform read them and their delivery log.
 * Delivery itself is WebhookDeliveryService.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly allowedHosts: WebhookAllowedHostsService,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookDto> {
    if (!actor.isOrgAdmin && !isPlatformAdmin(actor)) throw DomainError.forbidden('Only organisation admins manage webhooks');
    // Resolved and checked now, and again before every delivery (DNS may change in between).
    try {
      await resolveWebhookTarget(dto.url, (host) => this.allowedHosts.isAllowed(host));
    } catch (err) {
      if (err instanceof WebhookAddressError) throw DomainError.invalid('url', err.message);
      throw err;
    }
    const secret = randomBytes(24).toString('base64url');
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO webhooks (organization_id, url, secret, events, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [actor.organizationId, dto.url, secret, dto.events, actor.userId],
      )) as WebhookRow[];
      tx.audit({ action: 'webhook.created', subjectType: 'webhook', subjectId: row.id, organizationId: actor.organizationId, after: { url: dto.url, events: dto.events } });
      return { ...toDto(row), secret };
    });
  }

  /** The caller's organisation's webhooks; every organisation's for platform admins. Deleted ones are gone. */
  async list(actor: Actor): Promise<WebhookDto[]> {
    const admin = isPlatformAdmin(actor);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhooks WHERE deleted_at IS NULL ${admin ? '' : 'AND organization_id = $1'} ORDER BY created_at DESC LIMIT 500`,
      admin ? [] : [actor.organizationId],
    )) as WebhookRow[];
    return rows.map(toDto);
  }

  pause(actor: Actor, id: string): Promise<WebhookDto> {
    return this.transition(actor, id, 'pause');
  }

  resume(actor: Actor, id: string): Promise<WebhookDto> {
    return this.transition(actor, id, 'resume');
  }

  remove(actor: Actor, id: string): Promise<WebhookDto> {
    return this.transition(actor, id, 'delete');
  }

  /** Pause, resume, delete: org admins of the owner or platform admins; checked against the state table (409). */
  private async transition(actor: Actor, id: string, action: WebhookAction): Promise<WebhookDto> {
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1 FOR UPDATE`, [id])) as WebhookRow[];
      if (!row || row.deleted_at || !this.readable(actor, row)) throw DomainError.notFound('Webhook');
      if (!actor.isOrgAdmin && !isPlatformAdmin(actor)) throw DomainError.forbidden('Only organisation admins manage webhooks');
      const from = webhookStatus(row);
      const to = WEBHOOK_STATES.next(from, action);
      const [[updated]] = (await tx.manager.query(
        `UPDATE webhooks SET active = $2, deleted_at = CASE WHEN $3 THEN now() END, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, to === 'active', to === 'deleted'],
      )) as [WebhookRow[], number];
      tx.audit({ action: `webhook.${action === 'delete' ? 'deleted' : action === 'pause' ? 'paused' : 'resumed'}`, subjectType: 'webhook', subjectId: id, organizationId: row.organization_id, before: { status: from }, after: { status: to } });
      return toDto(updated);
    });
  }

  async deliveries(actor: Actor, webhookId: string, query: WebhookLogQueryDto): Promise<WebhookDeliveryDto[]> {
    await this.readableHook(actor, webhookId);
    const rows = (await this.dataSource.query(
      `SELECT id, event, status, attempts, last_status_code, last_error, created_at, delivered_at FROM webhook_deliveries
        WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [webhookId, query.limit ?? 50, query.offset ?? 0],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      event: r.event as string,
      status: r.status as string,
      attempts: r.attempts as number,
      lastStatusCode: r.last_status_code as number | null,
      lastError: r.last_error as string | null,
      createdAt: (r.created_at as Date).toISOString(),
      deliveredAt: r.delivered_at ? (r.delivered_at as Date).toISOString() : null,
    }));
  }

  /** Every attempt, newest first: status code or error, duration, attempt number, time. */
  async attempts(actor: Actor, webhookId: string, query: WebhookLogQueryDto): Promise<WebhookAttemptPageDto> {
    await this.readableHook(actor, webhookId);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [rows, [{ total }]] = (await Promise.all([
      this.dataSource.query(
        `SELECT a.id, a.delivery_id, d.event, a.attempt, a.outcome, a.status_code, a.error, a.address, a.duration_ms, a.attempted_at
           FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
          WHERE a.webhook_id = $1 ORDER BY a.id DESC LIMIT $2 OFFSET $3`,
        [webhookId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_delivery_attempts WHERE webhook_id = $1`, [webhookId]),
    ])) as [Record<string, unknown>[], { total: number }[]];
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        deliveryId: r.delivery_id as string,
        event: r.event as string,
        attempt: r.attempt as number,
        outcome: r.outcome as string,
        statusCode: r.status_code as number | null,
        error: r.error as string | null,
        address: r.address as string | null,
        durationMs: r.duration_ms as number,
        attemptedAt: (r.attempted_at as Date).toISOString(),
      })),
      total,
      limit,
      offset,
    };
  }

  /** Members of the owning organisation and platform admins; anyone else gets 404, as if it did not exist. */
  private async readableHook(actor: Actor, id: string): Promise<WebhookRow> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1`, [id])) as WebhookRow[];
    if (!row || row.deleted_at || !this.readable(actor, row)) throw DomainError.notFound('Webhook');
    return row;
  }

  private readable(actor: Actor, row: WebhookRow): boolean {
    return isPlatformAdmin(actor) || row.organization_id === actor.organizationId;
  }
}
