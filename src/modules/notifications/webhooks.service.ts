import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobContext, JobHandler } from '../../platform/queue/job-handler.decorator';
import { JOB_SPECS, JobName, JobPayload } from '../../platform/queue/queue.registry';
import { CreateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';

const TIMEOUT_MS = 10_000;

/** Signature a receiver recomputes: hex HMAC-SHA256 over "<timestamp>.<body>" with the webhook secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Outgoing webhooks of organisations: signed, retried with backoff, every attempt logged. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookDto> {
    if (!actor.isOrgAdmin && !isPlatformAdmin(actor)) throw DomainError.forbidden('Only organisation admins manage webhooks');
    const secret = randomBytes(24).toString('base64url');
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO webhooks (organization_id, url, secret, events, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
        [actor.organizationId, dto.url, secret, dto.events, actor.userId],
      )) as { id: string; created_at: Date }[];
      tx.audit({ action: 'webhook.created', subjectType: 'webhook', subjectId: row.id, organizationId: actor.organizationId, after: { url: dto.url, events: dto.events } });
      return { id: row.id, organizationId: actor.organizationId, url: dto.url, events: dto.events, active: true, createdAt: row.created_at.toISOString(), secret };
    });
  }

  async list(actor: Actor): Promise<WebhookDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, organization_id, url, events, active, created_at FROM webhooks ${isPlatformAdmin(actor) ? '' : 'WHERE organization_id = $1'} ORDER BY created_at DESC`,
      isPlatformAdmin(actor) ? [] : [actor.organizationId],
    )) as { id: string; organization_id: string; url: string; events: string[]; active: boolean; created_at: Date }[];
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, url: r.url, events: r.events, active: r.active, createdAt: r.created_at.toISOString() }));
  }

  async deliveries(actor: Actor, webhookId: string): Promise<WebhookDeliveryDto[]> {
    const [hook] = (await this.dataSource.query(`SELECT organization_id FROM webhooks WHERE id = $1`, [webhookId])) as { organization_id: string }[];
    if (!hook || (!isPlatformAdmin(actor) && hook.organization_id !== actor.organizationId)) throw DomainError.notFound('Webhook');
    const rows = (await this.dataSource.query(
      `SELECT id, event, status, attempts, last_status_code, last_error, created_at, delivered_at FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [webhookId],
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

  /** Fans an event out to the organisation's subscribed webhooks: one delivery row and job each. */
  @JobHandler(JobName.DispatchWebhooks)
  async dispatch(job: JobPayload<JobName.DispatchWebhooks>): Promise<{ deliveries: number }> {
    return this.uow.run(async (tx) => {
      const created = (await tx.manager.query(
        `INSERT INTO webhook_deliveries (webhook_id, event, payload, status, dedup_key)
         SELECT w.id, $2, $3, 'pending', $4 FROM webhooks w
          WHERE w.organization_id = $1 AND w.active AND ($2 = ANY(w.events) OR '*' = ANY(w.events))
         ON CONFLICT (webhook_id, dedup_key) DO NOTHING RETURNING id`,
        [job.organizationId, job.event, JSON.stringify({ event: job.event, data: job.data }), job.dedupKey],
      )) as { id: string }[];
      for (const d of created) tx.enqueue(JobName.DeliverWebhook, { deliveryId: d.id });
      return { deliveries: created.length };
    });
  }

  /** One attempt. A non-2xx or network error is logged and thrown, so BullMQ retries with backoff. */
  @JobHandler(JobName.DeliverWebhook)
  async deliver(job: JobPayload<JobName.DeliverWebhook>, context: JobContext): Promise<string> {
    const [d] = (await this.dataSource.query(
      `SELECT d.id, d.event, d.payload, d.status, w.url, w.secret, w.active FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [job.deliveryId],
    )) as { id: string; event: string; payload: unknown; status: string; url: string; secret: string; active: boolean }[];
    if (!d || d.status !== 'pending' || !d.active) return 'skipped';
    const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-g60-event': d.event,
          'x-g60-delivery': d.id,
          'x-g60-timestamp': timestamp,
          'x-g60-signature': `sha256=${webhookSignature(d.secret, timestamp, body)}`,
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      statusCode = res.status;
      if (res.status < 200 || res.status >= 300) error = `receiver answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const finalAttempt = context.attempt >= (JOB_SPECS[JobName.DeliverWebhook].options.attempts ?? 1);
    const status = error ? (finalAttempt ? 'failed' : 'pending') : 'delivered';
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4,
              delivered_at = CASE WHEN $4 = 'delivered' THEN now() END WHERE id = $1`,
      [d.id, statusCode, error, status],
    );
    if (error) throw new Error(`Webhook delivery ${d.id} failed: ${error}`);
    return 'delivered';
  }
}
