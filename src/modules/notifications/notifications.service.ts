import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxMessage } from '../../platform/outbox/outbox-writer';
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
