import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from '../dto/notification-preferences.dto';
import { MessageDeliveries } from './message-deliveries.service';
import { DEFAULT_CHANNELS, NOTIFICATION_CATEGORIES, NotificationCategory } from './notification-categories';

/** Each user's channels per notification category, and the phone number SMS goes to (docs/domain.md, "Messages that reach people"). */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly deliveries: MessageDeliveries,
  ) {}

  get(actor: Actor): Promise<NotificationPreferencesDto> {
    return this.read(this.dataSource.manager, actor.userId);
  }

  /** Sets what the body names; SMS may be chosen only with a phone number on file. Audited. */
  async update(actor: Actor, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.uow.run(async (tx) => {
      const before = await this.read(tx.manager, actor.userId, true);
      if (dto.phone !== undefined) {
        await tx.manager.query(
          `INSERT INTO notification_contacts (user_id, phone) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET phone = EXCLUDED.phone, updated_at = now()`,
          [actor.userId, dto.phone],
        );
      }
      const phone = dto.phone !== undefined ? dto.phone : before.phone;
      const kinds = dto.kinds ?? [];
      if (new Set(kinds.map((k) => k.kind)).size !== kinds.length) throw DomainError.invalid('kinds', 'names a kind twice');
      kinds.forEach((k, i) => {
        if (k.sms && !phone) throw DomainError.invalid(`kinds[${i}].sms`, 'needs a phone number on file');
      });
      if (kinds.length > 0) {
        await tx.manager.query(
          `INSERT INTO notification_channel_preferences (user_id, kind, email, sms)
           SELECT $1, k.kind, k.email, k.sms FROM jsonb_to_recordset($2::jsonb) AS k(kind text, email boolean, sms boolean)
           ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, sms = EXCLUDED.sms, updated_at = now()`,
          [actor.userId, JSON.stringify(kinds)],
        );
      }
      // Removing the phone turns SMS off everywhere: nothing would reach it.
      if (dto.phone === null) {
        await tx.manager.query(`UPDATE notification_channel_preferences SET sms = false, updated_at = now() WHERE user_id = $1 AND sms`, [actor.userId]);
      }
      const after = await this.read(tx.manager, actor.userId);
      tx.audit({
        action: 'user.notification_preferences_changed',
        subjectType: 'user',
        subjectId: actor.userId,
        organizationId: actor.organizationId,
        // The number itself stays out of the audit trail: only whether one is on file.
        before: { hasPhone: before.phone !== null, kinds: before.kinds },
        after: { hasPhone: after.phone !== null, kinds: after.kinds },
      });
      return after;
    });
  }

  private async read(manager: EntityManager, userId: string, lock = false): Promise<NotificationPreferencesDto> {
    const [user] = (await manager.query(
      `SELECT u.email, c.phone FROM read_directory_users u LEFT JOIN notification_contacts c ON c.user_id = u.id WHERE u.id = $1`,
      [userId],
    )) as { email: string; phone: string | null }[];
    if (!user) throw DomainError.notFound('User');
    const rows = (await manager.query(
      `SELECT kind, email, sms FROM notification_channel_preferences WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    )) as { kind: NotificationCategory; email: boolean; sms: boolean }[];
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return {
      email: user.email,
      phone: user.phone,
      available: this.deliveries.channels,
      kinds: NOTIFICATION_CATEGORIES.map((kind) => ({ kind, email: chosen.get(kind)?.email ?? DEFAULT_CHANNELS.email, sms: chosen.get(kind)?.sms ?? DEFAULT_CHANNELS.sms })),
    };
  }
}
