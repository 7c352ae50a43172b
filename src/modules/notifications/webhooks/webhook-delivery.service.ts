import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { OutboxMessage } from '../../../platform/outbox/outbox-writer';
import { InlineJobHandler, JobContext, JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JOB_SPECS, JobName, JobPayload } from '../../../platform/queue/queue.registry';
import { resolveWebhookTarget, ResolvedTarget, WebhookAddressError } from './webhook-address';
import { WebhookAllowedHostsService } from './webhook-allowed-hosts.service';
import { sendWebhook } from './webhook-sender';

/** Signature a receiver recomputes: hex HMAC-SHA256 over "<timestamp>.<body>" with the webhook secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

type Outcome = 'delivered' | 'failed' | 'refused';

/**
 * Delivery of outgoing webhooks: signed, retried with backoff, every attempt logged. Before each
 * attempt the URL is resolved and checked again and the request goes to exactly the checked
 * address (docs/security.md, "Outbound calls"); a refused address ends the delivery without retries.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly allowedHosts: WebhookAllowedHostsService,
  ) {}

  /** Fans an event out to the organisation's active subscribed webhooks: one delivery row and job each. */
  @JobHandler(JobName.DispatchWebhooks)
  async dispatch(job: JobPayload<JobName.DispatchWebhooks>): Promise<{ deliveries: number }> {
    return this.uow.run(async (tx) => {
      const deliveries = await this.fanOut(tx.manager, job);
      for (const d of deliveries) tx.enqueue(d.name, d.payload);
      return { deliveries: deliveries.length };
    });
  }

  /**
   * The same fan-out inside the transaction that raised the event (approvals fold it: InlineJobs);
   * only the HTTP deliveries stay jobs.
   */
  @InlineJobHandler(JobName.DispatchWebhooks)
  async fanOut(manager: EntityManager, job: JobPayload<JobName.DispatchWebhooks>): Promise<OutboxMessage<JobName.DeliverWebhook>[]> {
    const created = (await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload, status, dedup_key)
       SELECT w.id, $2, $3, 'pending', $4 FROM webhooks w
        WHERE w.organization_id = $1 AND w.active AND w.deleted_at IS NULL AND ($2 = ANY(w.events) OR '*' = ANY(w.events))
       ON CONFLICT (webhook_id, dedup_key) DO NOTHING RETURNING id`,
      [job.organizationId, job.event, JSON.stringify({ event: job.event, data: job.data }), job.dedupKey],
    )) as { id: string }[];
    return created.map((d) => ({ name: JobName.DeliverWebhook, payload: { deliveryId: d.id } }));
  }

  /** One attempt. A non-2xx (3xx included) or network error is logged and thrown, so BullMQ retries with backoff. */
  @JobHandler(JobName.DeliverWebhook)
  async deliver(job: JobPayload<JobName.DeliverWebhook>, context: JobContext): Promise<string> {
    const [d] = (await this.dataSource.query(
      `SELECT d.id, d.webhook_id, d.event, d.payload, d.status, w.url, w.secret, w.active, w.deleted_at
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [job.deliveryId],
    )) as { id: string; webhook_id: string; event: string; payload: unknown; status: string; url: string; secret: string; active: boolean; deleted_at: Date | null }[];
    if (!d || d.status !== 'pending') return 'skipped';
    if (d.deleted_at || !d.active) {
      // Paused or deleted after the event: the delivery is dropped, not kept for later.
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'cancelled', last_error = $2 WHERE id = $1 AND status = 'pending'`, [
        d.id, d.deleted_at ? 'webhook deleted' : 'webhook paused',
      ]);
      return 'cancelled';
    }

    let target: ResolvedTarget;
    const started = Date.now();
    try {
      target = await resolveWebhookTarget(d.url, (host) => this.allowedHosts.isAllowed(host));
    } catch (err) {
      if (!(err instanceof WebhookAddressError)) throw err;
      const refused = /does not resolve/.test(err.message) ? 'failed' : 'refused';
      const final = refused === 'refused' || this.finalAttempt(context);
      await this.record(d.id, d.webhook_id, refused, final, null, refused === 'refused' ? `refused: ${err.message}` : err.message, null, Date.now() - started);
      if (refused === 'failed') throw new Error(`Webhook delivery ${d.id} failed: ${err.message}`);
      return 'refused';
    }

    const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const result = await sendWebhook(
      target,
      {
        'content-type': 'application/json',
        'x-g60-event': d.event,
        'x-g60-delivery': d.id,
        'x-g60-timestamp': timestamp,
        'x-g60-signature': `sha256=${webhookSignature(d.secret, timestamp, body)}`,
      },
      body,
    );
    const outcome: Outcome = result.error ? 'failed' : 'delivered';
    await this.record(d.id, d.webhook_id, outcome, outcome === 'delivered' || this.finalAttempt(context), result.statusCode, result.error, target.address, result.durationMs);
    if (result.error) throw new Error(`Webhook delivery ${d.id} failed: ${result.error}`);
    return 'delivered';
  }

  private finalAttempt(context: JobContext): boolean {
    return context.attempt >= (JOB_SPECS[JobName.DeliverWebhook].options.attempts ?? 1);
  }

  /** The delivery's summary and the attempt's log row, together. */
  private async record(
    deliveryId: string, webhookId: string, outcome: Outcome, final: boolean, statusCode: number | null, error: string | null, address: string | null, durationMs: number,
  ): Promise<void> {
    const status = outcome === 'delivered' ? 'delivered' : !final ? 'pending' : outcome;
    await this.uow.run(async (tx) => {
      const [[row]] = (await tx.manager.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4,
                delivered_at = CASE WHEN $4 = 'delivered' THEN now() END
          WHERE id = $1 AND status = 'pending' RETURNING attempts`,
        [deliveryId, statusCode, error, status],
      )) as [{ attempts: number }[], number];
      if (!row) return; // another run of the same job finished it meanwhile
      await tx.manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, webhook_id, attempt, outcome, status_code, error, address, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [deliveryId, webhookId, row.attempts, outcome, statusCode, error?.slice(0, 1000) ?? null, address, Math.max(0, durationMs)],
      );
    });
  }
}
