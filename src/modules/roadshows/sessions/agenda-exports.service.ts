import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { AgendaCollectionDto, AgendaDto } from './dto/scheduling.dto';
import { AgendaService } from './agenda.service';
import { buildCalendar, IcalEvent } from './ical';
import { ProjectsService } from '../projects/projects.service';

/**
 * Agendas as JSON and iCalendar, per session, per project and per investor. Exports read the
 * frozen published versions (the live draft only for admins, before the first publication),
 * so a calendar never shows slots that were not announced.
 */
@Injectable()
export class AgendaExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agendas: AgendaService,
    private readonly projects: ProjectsService,
  ) {}

  async session(actor: Actor, id: string): Promise<AgendaCollectionDto> {
    return { scope: `session:${id}`, agendas: [await this.agendas.agenda(actor, id)] };
  }

  /** Every published agenda with a slot of the project, narrowed to that slot. */
  async project(actor: Actor, projectId: string): Promise<AgendaCollectionDto> {
    await this.projects.requireVisible(this.dataSource.manager, actor, projectId);
    const agendas = await this.agendas.latestAgendas(this.dataSource.manager, `v.agenda->'slots' @> $1::jsonb`, [JSON.stringify([{ projectId }])]);
    return { scope: `project:${projectId}`, agendas: agendas.map((a) => ({ ...a, slots: a.slots.filter((s) => s.projectId === projectId) })) };
  }

  /** The sessions the investor holds a confirmed seat at. */
  async investor(actor: Actor): Promise<AgendaCollectionDto> {
    const agendas = await this.agendas.latestAgendas(
      this.dataSource.manager,
      `EXISTS (SELECT 1 FROM roadshow_rsvps r WHERE r.session_id = s.id AND r.user_id = $1 AND r.status = 'confirmed')`,
      [actor.userId],
    );
    return { scope: `investor:${actor.userId}`, agendas };
  }

  /**
   * A person's own agenda (their calendar feed): sessions they hold a confirmed seat at or created, whole; and the
   * pitches of their organisation's projects, narrowed to those slots.
   */
  async personal(userId: string, organizationId: string): Promise<AgendaCollectionDto> {
    const manager = this.dataSource.manager;
    const whole = await this.agendas.latestAgendas(
      manager,
      `(s.created_by = $1 OR EXISTS (SELECT 1 FROM roadshow_rsvps r WHERE r.session_id = s.id AND r.user_id = $1 AND r.status = 'confirmed'))`,
      [userId],
    );
    const own = (await manager.query(`SELECT id FROM roadshow_projects WHERE enterprise_id = $1`, [organizationId])) as { id: string }[];
    const projectIds = new Set(own.map((p) => p.id));
    const pitches = projectIds.size
      ? await this.agendas.latestAgendas(manager, `EXISTS (SELECT 1 FROM jsonb_array_elements(v.agenda->'slots') e WHERE e->>'projectId' = ANY($1::text[]))`, [[...projectIds]])
      : [];
    const seen = new Set(whole.map((a) => a.session.id));
    const narrowed = pitches.filter((a) => !seen.has(a.session.id)).map((a) => ({ ...a, slots: a.slots.filter((s) => projectIds.has(s.projectId)) }));
    const agendas = [...whole, ...narrowed].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt) || a.session.id.localeCompare(b.session.id));
    return { scope: `user:${userId}`, agendas };
  }

  toIcal(collection: AgendaCollectionDto, name: string): string {
    const events: IcalEvent[] = [];
    for (const agenda of collection.agendas) events.push(...eventsOf(agenda));
    return buildCalendar({ name, events });
  }
}

function eventsOf(agenda: AgendaDto): IcalEvent[] {
  const { session } = agenda;
  const kind = { custom: '定制路演', alliance: '联盟路演', cloud: '云路演' }[session.type as 'custom' | 'alliance' | 'cloud'] ?? '路演';
  return agenda.slots.map((slot) => ({
    uid: `${slot.slotId}@roadshow.g60`,
    start: new Date(slot.startsAt),
    end: new Date(slot.endsAt),
    summary: `${kind}｜${slot.projectTitle}（${slot.enterpriseName}）`,
    description: [
      `${session.title}，第 ${slot.slotIndex + 1} 位`,
      `项目 ${slot.projectNumber}；行业 ${slot.industry}；阶段 ${slot.stage}`,
      `路演 ${session.pitchMinutes} 分钟 + 问答 ${session.qaMinutes} 分钟`,
      agenda.version > 0 ? `议程第 ${agenda.version} 版` : '议程草稿（未发布）',
    ].join('\n'),
    location: agenda.location ?? undefined,
    url: session.streamUrl ?? undefined,
    sequence: agenda.version,
    status: agenda.version > 0 ? 'CONFIRMED' : 'TENTATIVE',
    categories: [kind, slot.industry],
  }));
}
