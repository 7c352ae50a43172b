import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { AgendaExportsService } from './agenda-exports.service';
import { CalendarFeedAddressDto, CalendarFeedDto } from './dto/calendar-feed.dto';

const FEED_PATTERN = /^([A-Za-z0-9_-]{43})\.ics$/;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A user's own roadshow agenda as an iCalendar feed at a secret address, so calendar apps can subscribe
 * (docs/security.md, "Calendar feeds"). Only sha256 of the secret is kept; rotating replaces it, and the old
 * address answers 404 from then on in every process (each read looks the secret up).
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly exports: AgendaExportsService,
  ) {}

  async status(actor: Actor): Promise<CalendarFeedDto> {
    const [row] = (await this.dataSource.query(`SELECT rotated_at, last_read_at FROM roadshow_calendar_feeds WHERE user_id = $1`, [actor.userId])) as {
      rotated_at: Date;
      last_read_at: Date | null;
    }[];
    return { active: !!row, rotatedAt: row?.rotated_at.toISOString() ?? null, lastReadAt: row?.last_read_at?.toISOString() ?? null };
  }

  /** A new secret address (the first, or one that replaces the old); shown once. */
  async rotate(actor: Actor): Promise<CalendarFeedAddressDto> {
    const secret = randomBytes(32).toString('base64url');
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO roadshow_calendar_feeds (user_id, secret_hash) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, rotated_at = now(), last_read_at = NULL
         RETURNING rotated_at`,
        [actor.userId, sha256(secret)],
      )) as { rotated_at: Date }[];
      tx.audit({ action: 'calendar_feed.rotated', subjectType: 'user', subjectId: actor.userId, organizationId: actor.organizationId });
      return { path: `/api/v1/calendar/${secret}.ics`, rotatedAt: row.rotated_at.toISOString() };
    });
  }

  /** The feed behind `<secret>.ics`: the owner's agenda, while the owner is an active user. */
  async feed(file: string): Promise<string> {
    const secret = FEED_PATTERN.exec(file)?.[1];
    if (!secret) throw DomainError.notFound('Calendar feed');
    // UPDATE … RETURNING answers [rows, affected count].
    const [[owner]] = (await this.dataSource.query(
      `UPDATE roadshow_calendar_feeds f SET last_read_at = now()
         FROM read_directory_users u JOIN read_organizations o ON o.id = u.organization_id
        WHERE f.secret_hash = $1 AND u.id = f.user_id AND u.status = 'active' AND o.status <> 'closed'
        RETURNING f.user_id, u.organization_id`,
      [sha256(secret)],
    )) as [{ user_id: string; organization_id: string }[], number];
    if (!owner) throw DomainError.notFound('Calendar feed');
    const agenda = await this.exports.personal(owner.user_id, owner.organization_id);
    return this.exports.toIcal(agenda, '我的路演日程 · My roadshow agenda');
  }
}
