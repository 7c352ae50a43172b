import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxMessage, OutboxWriter } from '../../platform/outbox/outbox-writer';
import { InlineJobHandler, JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload } from '../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../organizations/organization-directory';
import type { NotificationParams } from '../../../packages/shared/notification-kinds';
import { MessageDeliveries } from './messages/message-deliveries.service';
import { NotificationDto, NotificationInboxDto, NotificationQueryDto } from './dto/notification.dto';

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string;
  params: NotificationParams | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

/**
 * In-app inbox (站内信). Delivery runs from the queue and is idempotent per user + dedup key; each new
 * notification also goes by e-mail / SMS as its recipient chose (messages/, in the same transaction).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: OrganizationDirectory,
    private readonly uow: UnitOfWork,
    private readonly messages: MessageDeliveries,
    private readonly outbox: OutboxWriter,
  ) {}

  @JobHandler(JobName.DeliverNotification)
  async deliver(payload: JobPayload<JobName.DeliverNotification>): Promise<{ delivered: number }> {
    return this.uow.run(async (tx) => {
      const { delivered, next } = await this.deliverWith(tx.manager, payload);
      for (const m of next) tx.enqueue(m.name, m.payload);
      return { delivered };
    });
  }

  /** The same delivery inside the transaction that caused it (approvals fold their notifications: InlineJobs). */
  @InlineJobHandler(JobName.DeliverNotification)
  async deliverInTransaction(manager: EntityManager, payload: JobPayload<JobName.DeliverNotification>): Promise<OutboxMessage[]> {
    return (await this.deliverWith(manager, payload)).next;
  }

  /**
   * The delivery of `payload` written by the caller's own statement instead of a DeliverNotification job: an
   * order's placement, which is one statement outside a transaction (docs/architecture.md, "Money paths"). The
   * members are `WITH` parts numbered from `$firstParam`, inserted only when `gate` holds: the notifications
   * (their ids chosen here), and with e-mail or SMS configured their deliveries and each delivery's job (one read
   * of the recipients' choices first). `payload.userIds` must be users that exist (the caller read them as active)
   * and its dedup key new (the order's own id). `outbox`: the members write outbox rows, so the caller wakes the
   * relays after its commit.
   */
  async statementMembers(payload: JobPayload<JobName.DeliverNotification>, firstParam: number, gate: string): Promise<{ members: { sql: string; params: unknown[] }[]; outbox: boolean }> {
    if (payload.userIds.length === 0) return { members: [], outbox: false };
    const notices = payload.userIds.map((userId) => ({ id: randomUUID(), user_id: userId }));
    const members: { sql: string; params: unknown[] }[] = [];
    const at = firstParam;
    members.push({
      sql: `INSERT INTO notifications (id, user_id, kind, title, body, subject_type, subject_id, dedup_key, params)
            SELECT n.id, n.user_id, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8}::jsonb
              FROM unnest($${at}::uuid[], $${at + 1}::uuid[]) AS n(id, user_id) WHERE ${gate}`,
      params: [notices.map((n) => n.id), notices.map((n) => n.user_id), payload.kind, payload.title, payload.body, payload.subjectType ?? null, payload.subjectId ?? null, payload.dedupKey, payload.params ? JSON.stringify(payload.params) : null],
    });
    const deliveries = this.messages.insertStatement(await this.messages.planFor(this.dataSource.manager, notices, payload), at + 9, gate);
    if (!deliveries) return { members, outbox: false };
    members.push(deliveries);
    members.push(this.outbox.insertStatement(deliveries.jobs, at + 9 + deliveries.params.length, gate)!);
    return { members, outbox: true };
  }

  private async deliverWith(manager: EntityManager, payload: JobPayload<JobName.DeliverNotification>): Promise<{ delivered: number; next: OutboxMessage[] }> {
    if (payload.userIds.length === 0) return { delivered: 0, next: [] };
    // Ids that are no (longer) users are skipped.
    const userIds = await this.directory.existingUserIds(manager, payload.userIds);
    if (userIds.length === 0) return { delivered: 0, next: [] };
    const rows = (await manager.query(
      `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, dedup_key, params)
       SELECT u.id, $2, $3, $4, $5, $6, $7, $8::jsonb FROM unnest($1::uuid[]) AS u(id)
       ON CONFLICT (user_id, dedup_key) DO NOTHING RETURNING id, user_id`,
      [userIds, payload.kind, payload.title, payload.body, payload.subjectType ?? null, payload.subjectId ?? null, payload.dedupKey, payload.params ? JSON.stringify(payload.params) : null],
    )) as { id: string; user_id: string }[];
    // Only new notifications: a replay adds no e-mail either.
    return { delivered: rows.length, next: await this.messages.forNotifications(manager, rows, payload) };
  }

  async inbox(actor: Actor, query: NotificationQueryDto): Promise<NotificationInboxDto> {
    const rows = (await this.dataSource.query(
      `SELECT id, kind, title, body, params, subject_type, subject_id, created_at, read_at FROM notifications
        WHERE user_id = $1 ${query.unread ? 'AND read_at IS NULL' : ''}
        ORDER BY created_at DESC, id LIMIT $2`,
      [actor.userId, query.limit ?? 50],
    )) as Row[];
    const [{ count }] = (await this.dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [
      actor.userId,
    ])) as { count: number }[];
    return { items: rows.map(toDto), unreadCount: count };
  }

  /** Marking read is not audited: it changes nothing but the reader's own inbox. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const rows = (await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, kind, title, body, params, subject_type, subject_id, created_at, read_at`,
      [id, actor.userId],
    )) as [Row[], number];
    const row = rows[0]?.[0];
    if (!row) throw DomainError.notFound('Notification');
    return toDto(row);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    const [, updated] = (await this.dataSource.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [
      actor.userId,
    ])) as [unknown, number];
    return { updated };
  }
}

function toDto(row: Row): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    params: row.params,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
