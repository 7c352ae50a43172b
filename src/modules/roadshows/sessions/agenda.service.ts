import { Injectable } from '@nestjs/common';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { organisesSession } from '../shared/session-organisers';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { AgendaChangeDto, AgendaDto, AgendaVersionDto } from './dto/scheduling.dto';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { RoadshowSession } from '../shared/roadshow.entities';
import { toSessionDto } from './session.mapper';
import { SESSION_STATES } from '../shared/roadshow.state';
import type { NotificationKind, NotificationParams } from '../../../../packages/shared/notification-kinds';
import { SessionsService } from './sessions.service';

interface AgendaSlotRow {
  slot_id: string;
  slot_index: number;
  starts_at: Date;
  ends_at: Date;
  project_id: string;
  project_number: string;
  project_title: string;
  industry: string;
  stage: string;
  enterprise_id: string;
  enterprise_name: string;
}

/**
 * Publishing (发布议程) freezes the session's current slots as the next agenda version, with a
 * changelog against the previous one, moves newly scheduled projects to 'scheduled', and tells
 * the presenters whose slot changed and every investor who RSVP'd.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsService,
    private readonly lifecycle: ProjectLifecycle,
    private readonly directory: OrganizationDirectory,
  ) {}

  async publish(actor: Actor, id: string): Promise<AgendaVersionDto> {
    return this.uow.run(async (tx) => {
      // FOR UPDATE waits for slot edits in flight (they hold the row FOR SHARE).
      const session = await this.sessions.lockHosted(tx, actor, id);
      const status = SESSION_STATES.next(session.status, 'publish');
      const version = session.agendaVersion + 1;
      const previous = await this.latest(tx.manager, id);
      const rows = await this.slotRows(tx.manager, id);
      const changelog = diffAgendas(previous?.agenda.slots ?? [], rows);
      if (previous && changelog.length === 0) throw DomainError.conflict(`The agenda has not changed since version ${previous.version}`, { version: previous.version });
      await tx.manager.query(
        `UPDATE roadshow_sessions SET status = $2, agenda_version = $3, published_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, status, version],
      );
      const published = await tx.manager.getRepository(RoadshowSession).findOneByOrFail({ id });
      const agenda = await this.build(tx.manager, published, rows, version, new Date());
      await tx.manager.query(`INSERT INTO roadshow_agenda_versions (session_id, version, agenda, changelog, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        version,
        JSON.stringify(agenda),
        JSON.stringify(changelog),
        actor.userId,
        agenda.publishedAt,
      ]);
      for (const row of rows) {
        const project = await this.lifecycle.lock(tx, row.project_id);
        await this.lifecycle.applyIfAllowed(tx, project, 'schedule', findingReason('scheduled_in_session', { session: session.title, version, slot: row.slot_index + 1 }), actor.userId);
      }
      tx.audit({
        action: 'roadshow_session.published',
        subjectType: 'roadshow_session',
        subjectId: id,
        regionCode: session.hostCityCode,
        before: { status: session.status, agendaVersion: session.agendaVersion },
        after: { status, agendaVersion: version, slots: rows.length, changes: changelog.length },
      });
      await this.notify(tx, published, version, changelog, rows);
      return { sessionId: id, version, publishedAt: agenda.publishedAt as string, changelog, agenda };
    });
  }

  /** The latest published agenda; admins get the live draft when nothing is published yet. */
  async agenda(actor: Actor, id: string): Promise<AgendaDto> {
    const session = await this.sessions.requireVisible(this.dataSource.manager, actor, id);
    const latest = await this.latest(this.dataSource.manager, id);
    if (latest) return latest.agenda;
    if (!organisesSession(actor, session)) throw DomainError.notFound('Agenda');
    return this.build(this.dataSource.manager, session, await this.slotRows(this.dataSource.manager, id), 0, null);
  }

  async versions(actor: Actor, id: string): Promise<AgendaVersionDto[]> {
    await this.sessions.requireVisible(this.dataSource.manager, actor, id);
    const rows = (await this.dataSource.query(`SELECT version, agenda, changelog, published_at FROM roadshow_agenda_versions WHERE session_id = $1 ORDER BY version`, [id])) as {
      version: number;
      agenda: AgendaDto;
      changelog: AgendaChangeDto[];
      published_at: Date;
    }[];
    return rows.map((r) => ({ sessionId: id, version: r.version, publishedAt: r.published_at.toISOString(), changelog: r.changelog, agenda: r.agenda }));
  }

  /** Latest published agenda of each session that `where` selects, in session order. */
  async latestAgendas(manager: EntityManager, where: string, params: unknown[]): Promise<AgendaDto[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (v.session_id) v.agenda FROM roadshow_agenda_versions v JOIN roadshow_sessions s ON s.id = v.session_id
        WHERE s.status IN ('published', 'finished') AND ${where}
        ORDER BY v.session_id, v.version DESC`,
      params,
    )) as { agenda: AgendaDto }[];
    return rows.map((r) => r.agenda).sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt) || a.session.id.localeCompare(b.session.id));
  }

  private async latest(manager: EntityManager, id: string): Promise<{ version: number; agenda: AgendaDto } | undefined> {
    const [row] = (await manager.query(`SELECT version, agenda FROM roadshow_agenda_versions WHERE session_id = $1 ORDER BY version DESC LIMIT 1`, [id])) as {
      version: number;
      agenda: AgendaDto;
    }[];
    return row;
  }

  private async slotRows(manager: EntityManager, id: string): Promise<AgendaSlotRow[]> {
    return (await manager.query(
      `SELECT s.id AS slot_id, s.slot_index, s.starts_at, s.ends_at, p.id AS project_id, p.number AS project_number, p.title AS project_title,
              p.industry, p.stage, p.enterprise_id, o.name AS enterprise_name
         FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id JOIN read_organizations o ON o.id = p.enterprise_id
        WHERE s.session_id = $1 ORDER BY s.slot_index`,
      [id],
    )) as AgendaSlotRow[];
  }

  private async build(manager: EntityManager, session: RoadshowSession, rows: AgendaSlotRow[], version: number, publishedAt: Date | null): Promise<AgendaDto> {
    let location: string | null = session.streamUrl;
    if (session.venueId) {
      const [venue] = (await manager.query(`SELECT name, address FROM roadshow_venues WHERE id = $1`, [session.venueId])) as { name: string; address: string }[];
      location = [venue?.name, venue?.address].filter(Boolean).join('，');
    }
    return {
      session: toSessionDto(session),
      location,
      version,
      publishedAt: publishedAt ? publishedAt.toISOString() : null,
      slots: rows.map((r) => ({
        slotId: r.slot_id,
        slotIndex: r.slot_index,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        projectId: r.project_id,
        projectNumber: r.project_number,
        projectTitle: r.project_title,
        industry: r.industry,
        stage: r.stage,
        enterpriseName: r.enterprise_name,
      })),
    };
  }

  private async notify(tx: Transaction, session: RoadshowSession, version: number, changelog: AgendaChangeDto[], rows: AgendaSlotRow[]): Promise<void> {
    const manager = tx.manager;
    const changed = [...new Set(changelog.map((c) => c.projectId))];
    const presenterOrgs = changed.length
      ? ((await manager.query(`SELECT DISTINCT enterprise_id FROM roadshow_projects WHERE id = ANY ($1::uuid[])`, [changed])) as { enterprise_id: string }[])
      : [];
    const presenters = presenterOrgs.length ? (await this.directory.activeUserIdsOfAny(manager, presenterOrgs.map((o) => o.enterprise_id))).map((userId) => ({ id: userId })) : [];
    const audience = (await manager.query(`SELECT DISTINCT user_id AS id FROM roadshow_rsvps WHERE session_id = $1 AND status <> 'cancelled' ORDER BY user_id`, [session.id])) as { id: string }[];
    const summary = changelog.map((c) => `${c.change === 'added' ? '新增' : c.change === 'removed' ? '取消' : '调整'}「${c.projectTitle}」${c.toStartsAt ?? ''}`).join('；');
    // The same changes as data: the portal words each one (added / removed / moved) in the reader's language.
    const changes = changelog.map((c) => ({ change: c.change, projectTitle: c.projectTitle, toStartsAt: c.toStartsAt ?? null }));
    if (presenters.length) {
      tx.enqueue(JobName.DeliverNotification, this.payload({ userIds: presenters.map((u) => u.id), kind: 'roadshow.agenda_changed', title: `路演议程（第 ${version} 版）：${session.title}`, body: summary, session, version, audience: 'presenters', changes }));
    }
    if (audience.length) {
      tx.enqueue(JobName.DeliverNotification, this.payload({ userIds: audience.map((u) => u.id), kind: 'roadshow.agenda_published', title: `路演议程发布（第 ${version} 版）：${session.title}`, body: `共 ${rows.length} 个项目。${summary}`, session, version, audience: 'rsvp', changes, projects: rows.length }));
    }
  }

  private payload(input: { userIds: string[]; kind: NotificationKind; title: string; body: string; session: RoadshowSession; version: number; audience: string; changes: NotificationParams[string]; projects?: number }) {
    return {
      userIds: input.userIds,
      kind: input.kind,
      title: input.title,
      body: input.body,
      subjectType: 'roadshow_session',
      subjectId: input.session.id,
      dedupKey: `${input.kind}:${input.session.id}:v${input.version}:${input.audience}`,
      params: { sessionTitle: input.session.title, version: input.version, changes: input.changes, ...(input.projects !== undefined ? { projects: input.projects } : {}) },
    };
  }
}

/** Added, removed and moved projects between two agendas, in slot order. */
export function diffAgendas(before: { projectId: string; projectTitle: string; startsAt: string }[], after: AgendaSlotRow[]): AgendaChangeDto[] {
  const old = new Map(before.map((s) => [s.projectId, s]));
  const now = new Map(after.map((r) => [r.project_id, r]));
  const changes: AgendaChangeDto[] = [];
  for (const r of after) {
    const was = old.get(r.project_id);
    const at = r.starts_at.toISOString();
    if (!was) changes.push({ change: 'added', projectId: r.project_id, projectTitle: r.project_title, fromStartsAt: null, toStartsAt: at });
    else if (was.startsAt !== at) changes.push({ change: 'moved', projectId: r.project_id, projectTitle: r.project_title, fromStartsAt: was.startsAt, toStartsAt: at });
  }
  for (const s of before) if (!now.has(s.projectId)) changes.push({ change: 'removed', projectId: s.projectId, projectTitle: s.projectTitle, fromStartsAt: s.startsAt, toStartsAt: null });
  return changes;
}
