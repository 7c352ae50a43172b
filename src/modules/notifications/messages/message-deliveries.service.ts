import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationParams } from '../../../../packages/shared/notification-kinds';
import { AppConfig } from '../../../platform/config/app-config';
import { OutboxMessage } from '../../../platform/outbox/outbox-writer';
import { JobContext, JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JOB_SPECS, JobName, JobPayload } from '../../../platform/queue/queue.registry';
import { MailTransport, SendResult } from './mail-transport';
import { MESSAGE_DELIVERY_STATES } from './message-delivery.state';
import { isTemplateName, MessageLocale, messageLocale, renderMessage, TemplateName } from './message-templates';
import { categoryOf, DEFAULT_CHANNELS } from './notification-categories';
import { RegionsService } from '../../organizations/regions.service';
import { caseTitleOfParams } from '../../../../packages/shared/case-title';
import { notificationText } from '../../../../packages/shared/notification-text';
import { zhHantData } from '../../../platform/i18n/zh-hant-data';
import { notificationWords } from './notification-words';
import { SmsGateway } from './sms-adapter';

export type Channel = 'email' | 'sms';

/** One message to one person on one channel, before it is written. */
export interface NewDelivery {
  /** With the channel, makes the delivery unique: writing it again (a replayed job) adds nothing. */
  dedupKey: string;
  channel: Channel;
  template: TemplateName;
  kind: string;
  userId: string | null;
  notificationId?: string | null;
  recipient: string;
  locale: MessageLocale;
  params: Record<string, string>;
  /** Values that must not outlive the delivery (links with one-time tokens): erased once it is sent or failed. */
  secrets?: Record<string, string>;
}

interface Claimed {
  id: string;
  channel: Channel;
  template: string;
  recipient: string;
  locale: MessageLocale;
  params: Record<string, string>;
  secrets: Record<string, string> | null;
}

/** While one worker sends, others leave the delivery alone; a worker that died frees it after this. */
const LEASE_SECONDS = 120;

/**
 * E-mail and SMS deliveries (docs/architecture.md, "Messages: e-mail and SMS"). Rows are written in the
 * transaction that caused them, with an outbox row each; the job sends once and records the outcome.
 * A delivery is claimed (status `sending`, with a lease) before the send and marked `sent` after it,
 * so parallel or replayed jobs never send twice; only a worker dying between the send and the mark
 * can cause a resend, after the lease, with the same Message-ID / SMS reference.
 */
@Injectable()
export class MessageDeliveries {
  private readonly logger = new Logger(MessageDeliveries.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mail: MailTransport,
    private readonly sms: SmsGateway,
    private readonly regions: RegionsService,
  ) {}

  get channels(): { email: boolean; sms: boolean } {
    return { email: this.mail.enabled, sms: this.sms.enabled };
  }

  /** Writes the deliveries (skipping ones that exist) and returns their jobs, to queue in the same transaction. */
  async add(manager: EntityManager, deliveries: NewDelivery[]): Promise<OutboxMessage<JobName.DeliverMessage>[]> {
    const usable = deliveries.filter((d) => this.channels[d.channel]);
    if (usable.length === 0) return [];
    const rows = (await manager.query(`${deliveryInsert('$1', '')} ON CONFLICT (dedup_key, channel) DO NOTHING RETURNING id`, [deliveryRecords(usable)])) as { id: string }[];
    return rows.map((r) => ({ name: JobName.DeliverMessage, payload: { deliveryId: r.id } }));
  }

  /**
   * The same rows as `add`, for a caller that writes them as a member of its own `WITH …` statement (an order's
   * placement: NotificationsService.statementMembers): each delivery gets its id here, so its job can be written
   * by the same statement. Placeholders from `$firstParam`; with `gate`, rows are inserted only when it holds.
   * The deliveries must be new (their dedup keys name notifications the same statement inserts).
   */
  insertStatement(deliveries: NewDelivery[], firstParam: number, gate?: string): { sql: string; params: unknown[]; jobs: OutboxMessage<JobName.DeliverMessage>[] } | null {
    const usable = deliveries.filter((d) => this.channels[d.channel]).map((d) => ({ ...d, id: randomUUID() }));
    if (usable.length === 0) return null;
    return {
      sql: deliveryInsert(`$${firstParam}`, gate ? ` WHERE ${gate}` : ''),
      params: [deliveryRecords(usable)],
      jobs: usable.map((d) => ({ name: JobName.DeliverMessage, payload: { deliveryId: d.id } })),
    };
  }

  /**
   * The e-mail and SMS copies of freshly inserted in-app notifications, by each recipient's choice for
   * the notification's category (no choice: e-mail on, SMS off; SMS needs a phone on file).
   */
  async forNotifications(
    manager: EntityManager,
    inserted: { id: string; user_id: string }[],
    payload: JobPayload<JobName.DeliverNotification>,
  ): Promise<OutboxMessage[]> {
    return this.add(manager, await this.planFor(manager, inserted, payload));
  }

  /** What forNotifications writes, read and worded but not written: one read of the recipients' choices, none when no channel is configured. */
  async planFor(manager: EntityManager, notices: { id: string; user_id: string }[], payload: JobPayload<JobName.DeliverNotification>): Promise<NewDelivery[]> {
    if (notices.length === 0 || (!this.channels.email && !this.channels.sms)) return [];
    const category = categoryOf(payload.kind);
    const people = (await manager.query(
      `SELECT u.id, u.email, u.locale, c.phone, COALESCE(p.email, $3) AS email_on, COALESCE(p.sms, $4) AS sms_on
         FROM read_directory_users u
         LEFT JOIN notification_contacts c ON c.user_id = u.id
         LEFT JOIN notification_channel_preferences p ON p.user_id = u.id AND p.kind = $2
        WHERE u.id = ANY($1::uuid[]) AND u.status = 'active'`,
      [notices.map((n) => n.user_id), category, DEFAULT_CHANNELS.email, DEFAULT_CHANNELS.sms],
    )) as { id: string; email: string; locale: string | null; phone: string | null; email_on: boolean; sms_on: boolean }[];
    const byUser = new Map(people.map((p) => [p.id, p]));
    const template: TemplateName = isTemplateName(payload.kind) && payload.params ? payload.kind : 'notification';
    // `path`: the portal page the message links to (default the inbox).
    const { path, ...own } = templateValues(payload.params);
    const link = `${this.config.portalUrl}${path?.startsWith('/') ? path : '/notifications'}`;
    // Title and body in each recipient's language, worded from kind + params as the portal's inbox words them.
    const byLocale = new Map<MessageLocale, Record<string, string>>();
    const paramsIn = (locale: MessageLocale): Record<string, string> => {
      let params = byLocale.get(locale);
      if (!params) {
        const words = notificationWords(locale, (code) => this.regionName(locale, code));
        // A case's title in the recipient's language too (the reminder's own template shows it).
        const caseTitle = payload.params ? caseTitleOfParams(payload.params, words) : undefined;
        params = { ...own, ...(caseTitle === undefined ? {} : { caseTitle }), ...notificationText(payload, words), link };
        byLocale.set(locale, params);
      }
      return params;
    };
    const deliveries: NewDelivery[] = [];
    for (const n of notices) {
      const person = byUser.get(n.user_id);
      if (!person) continue;
      const locale = messageLocale(person.locale);
      const common = { dedupKey: `notification:${n.id}`, template, kind: payload.kind, userId: person.id, notificationId: n.id, locale, params: paramsIn(locale) };
      if (person.email_on) deliveries.push({ ...common, channel: 'email', recipient: person.email });
      if (person.sms_on && person.phone) deliveries.push({ ...common, channel: 'sms', recipient: person.phone });
    }
    return deliveries;
  }

  /** A region's or city's name in `locale` (zh-Hant converted as the portal converts it); an unknown code as it is. */
  private regionName(locale: MessageLocale, code: string): string {
    const region = this.regions.get(code);
    if (!region) return code;
    if (locale === 'en') return region.nameEn || region.name;
    return locale === 'zh-Hant' ? zhHantData(region.name) : region.name;
  }

  /** Sends one delivery and records the outcome. Transient failures throw (BullMQ retries with backoff). */
  @JobHandler(JobName.DeliverMessage)
  async deliver(job: JobPayload<JobName.DeliverMessage>, context: JobContext): Promise<string> {
    const [claimed] = (await this.dataSource.query(
      `UPDATE message_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND status = ANY($3) AND (status <> 'sending' OR lease_until < now())
        RETURNING id, channel, template, recipient, locale, params, secrets`,
      [job.deliveryId, LEASE_SECONDS, MESSAGE_DELIVERY_STATES.table.claim.from],
    )) as [Claimed[], number];
    const d = claimed[0];
    if (!d) {
      const [row] = (await this.dataSource.query(`SELECT status FROM message_deliveries WHERE id = $1`, [job.deliveryId])) as { status: string }[];
      // Another worker is sending it right now: look again later (it is then sent, or free again).
      if (row?.status === 'sending') throw new Error(`Message delivery ${job.deliveryId} is being sent by another worker`);
      return 'skipped';
    }
    if (!isTemplateName(d.template)) return this.finish(d.id, { ok: false, permanent: true, error: `unknown template ${d.template}` }, true);
    const rendered = renderMessage(d.template, d.locale, { ...d.params, ...(d.secrets ?? {}) });
    const result =
      d.channel === 'email'
        ? await this.mail.send({ to: d.recipient, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: `<${d.id}@g60.messages>` })
        : await this.sms.send({ to: d.recipient, text: rendered.sms, reference: d.id });
    const final = result.ok || result.permanent || context.attempt >= (JOB_SPECS[JobName.DeliverMessage].options.attempts ?? 1);
    const outcome = await this.finish(d.id, result, final);
    if (!result.ok && !final) throw new Error(`Message delivery ${d.id} (${d.channel}) failed, will retry: ${result.error}`);
    return outcome;
  }

  private async finish(id: string, result: SendResult, final: boolean): Promise<string> {
    if (result.ok) {
      await this.dataSource.query(
        `UPDATE message_deliveries SET status = 'sent', sent_at = now(), secrets = NULL, lease_until = NULL, provider_message_id = $2, last_error = NULL
          WHERE id = $1 AND status = ANY($3)`,
        [id, result.providerId, MESSAGE_DELIVERY_STATES.table.mark_sent.from],
      );
      this.logger.log(`message delivery ${id} sent`);
      return 'sent';
    }
    if (final) {
      await this.dataSource.query(
        `UPDATE message_deliveries SET status = 'failed', failed_at = now(), secrets = NULL, lease_until = NULL, last_error = $2 WHERE id = $1 AND status = ANY($3)`,
        [id, result.error.slice(0, 1000), MESSAGE_DELIVERY_STATES.table.fail.from],
      );
      this.logger.warn(`message delivery ${id} failed for good: ${result.error}`);
      return 'failed';
    }
    await this.dataSource.query(`UPDATE message_deliveries SET status = 'pending', lease_until = NULL, last_error = $2 WHERE id = $1 AND status = ANY($3)`, [
      id, result.error.slice(0, 1000), MESSAGE_DELIVERY_STATES.table.retry.from,
    ]);
    return 'retrying';
  }
}

/** A notification's params as template values: its scalars as text (a template words no lists). */
function templateValues(params: NotificationParams | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== null && typeof value !== 'object') values[key] = String(value);
  return values;
}

/** The INSERT of deliveries given as one jsonb array of records (`records`: its placeholder); `where`: '' or a WHERE clause. */
function deliveryInsert(records: string, where: string): string {
  return `INSERT INTO message_deliveries (id, dedup_key, channel, template, kind, user_id, notification_id, recipient, locale, params, secrets)
       SELECT COALESCE(d.id, gen_random_uuid()), d.dedup_key, d.channel, d.template, d.kind, d.user_id, d.notification_id, d.recipient, d.locale, d.params, d.secrets
         FROM jsonb_to_recordset(${records}::jsonb) AS d(id uuid, dedup_key text, channel text, template text, kind text, user_id uuid, notification_id uuid,
                                                recipient text, locale text, params jsonb, secrets jsonb)${where}`;
}

function deliveryRecords(deliveries: (NewDelivery & { id?: string })[]): string {
  return JSON.stringify(
    deliveries.map((d) => ({
      id: d.id ?? null, dedup_key: d.dedupKey, channel: d.channel, template: d.template, kind: d.kind, user_id: d.userId, notification_id: d.notificationId ?? null,
      recipient: d.recipient, locale: d.locale, params: d.params, secrets: d.secrets ?? null,
    })),
  );
}
