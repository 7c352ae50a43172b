import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../platform/errors/domain-error';
import { AgendaDto } from './dto/scheduling.dto';
import { OpenSessionDetailDto, OpenSessionDto, OpenSessionQueryDto } from './dto/open-session.dto';

interface OpenSessionRow {
  id: string;
  title: string;
  type: string;
  host_city_code: string;
  co_host_city_codes: string[];
  starts_at: Date;
  ends_at: Date;
  status: string;
  theme_industries: string[];
  venue: string | null;
  seats_left: number;
  has_live_page: boolean;
  live_access: string;
  stream_url: string | null;
}

const SESSION_COLUMNS = `s.id, s.title, s.type, s.host_city_code, s.co_host_city_codes, s.starts_at, s.ends_at, s.status, s.theme_industries,
  CASE WHEN v.id IS NULL THEN NULL ELSE v.name || '（' || v.address || '）' END AS venue, s.capacity - s.seats_taken AS seats_left,
  (s.stream_url IS NOT NULL) AS has_live_page, s.live_access, s.stream_url`;

const MAX_SESSIONS = 500;

/**
 * Roadshow sessions as open data (docs/security.md, "Open data"): published and finished sessions and their
 * published agendas, as the roadshow-calendar and live-page widgets and partner platforms (scope roadshows:read)
 * read them. Drafts, cancelled sessions, decks, teams, financing asks, RSVPs and questions are never in it; the
 * stream only of a session whose live page is public.
 */
@Injectable()
export class OpenSessionsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: OpenSessionQueryDto): Promise<OpenSessionDto[]> {
    const from = query.from ? new Date(query.from) : new Date(Date.now() - 24 * 3600_000);
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 90 * 24 * 3600_000);
    if (to <= from) throw DomainError.invalid('to', 'to must be after from');
    const rows = (await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM roadshow_sessions s LEFT JOIN roadshow_venues v ON v.id = s.venue_id
        WHERE s.status IN ('published', 'finished') AND s.ends_at >= $1 AND s.starts_at < $2
        ORDER BY s.starts_at, s.id LIMIT ${MAX_SESSIONS}`,
      [from, to],
    )) as OpenSessionRow[];
    return rows.map(toOpenSession);
  }

  async get(id: string, now = new Date()): Promise<OpenSessionDetailDto> {
    const [row] = (await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM roadshow_sessions s LEFT JOIN roadshow_venues v ON v.id = s.venue_id
        WHERE s.id = $1 AND s.status IN ('published', 'finished')`,
      [id],
    )) as OpenSessionRow[];
    if (!row) throw DomainError.notFound('Roadshow session');
    const [latest] = (await this.dataSource.query(`SELECT version, agenda FROM roadshow_agenda_versions WHERE session_id = $1 ORDER BY version DESC LIMIT 1`, [id])) as {
      version: number;
      agenda: AgendaDto;
    }[];
    const slots = (latest?.agenda.slots ?? []).map((s) => ({
      slotIndex: s.slotIndex,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      projectTitle: s.projectTitle,
      industry: s.industry,
      stage: s.stage,
      enterpriseName: s.enterpriseName,
    }));
    const onStage = row.status === 'published' ? slots.find((s) => new Date(s.startsAt) <= now && now < new Date(s.endsAt)) : undefined;
    return {
      ...toOpenSession(row),
      agendaVersion: latest?.version ?? 0,
      slots,
      onStageSlotIndex: onStage?.slotIndex ?? null,
      streamUrl: row.live_access === 'public' ? row.stream_url : null,
    };
  }
}

function toOpenSession(row: OpenSessionRow): OpenSessionDto {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    hostCityCode: row.host_city_code,
    coHostCityCodes: row.co_host_city_codes,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    themeIndustries: row.theme_industries,
    venue: row.venue,
    seatsLeft: row.seats_left,
    hasLivePage: row.has_live_page,
  };
}
