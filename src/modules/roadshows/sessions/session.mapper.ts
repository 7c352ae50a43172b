import { RoadshowSession, RoadshowVenue, SessionRequest } from '../shared/roadshow.entities';
import { SessionDto, SessionRequestDto, SlotDto, VenueDto } from './dto/session.dto';
import { slotCount } from './scheduler';
import type { ReasonCode } from '../shared/reason-codes';

export function toVenueDto(v: RoadshowVenue): VenueDto {
  return { id: v.id, name: v.name, cityCode: v.cityCode, address: v.address, capacity: v.capacity };
}

export function slotMinutesOf(s: Pick<RoadshowSession, 'pitchMinutes' | 'qaMinutes'>): number {
  return s.pitchMinutes + s.qaMinutes;
}

export function toSessionDto(s: RoadshowSession): SessionDto {
  return {
    id: s.id,
    title: s.title,
    type: s.type,
    hostCityCode: s.hostCityCode,
    coHostCityCodes: s.coHostCityCodes,
    pendingCoHostCityCodes: s.pendingCoHostCityCodes,
    seriesId: s.seriesId,
    seriesSeq: s.seriesSeq,
    venueId: s.venueId,
    streamUrl: s.streamUrl,
    hasLivePage: s.streamUrl !== null,
    liveAccess: s.liveAccess,
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    pitchMinutes: s.pitchMinutes,
    qaMinutes: s.qaMinutes,
    slotCount: slotCount({ startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), slotMinutes: slotMinutesOf(s) }),
    themeIndustries: s.themeIndustries,
    status: s.status,
    agendaVersion: s.agendaVersion,
    publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
    version: s.version,
  };
}

export interface SlotRow {
  id: string;
  session_id: string;
  slot_index: number;
  starts_at: Date;
  ends_at: Date;
  project_id: string;
  project_number: string;
  project_title: string;
  industry: string;
  placed_by: string;
  explanation: string[];
  explanation_codes: ReasonCode[];
}

/** Slots joined with their projects: the one query shape every slot read uses. */
export const SLOT_SELECT = `
  SELECT s.id, s.session_id, s.slot_index, s.starts_at, s.ends_at, s.project_id, p.number AS project_number, p.title AS project_title,
         p.industry, s.placed_by, s.explanation, s.explanation_codes
    FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id`;

export function toSlotDto(r: SlotRow): SlotDto {
  return {
    id: r.id,
    sessionId: r.session_id,
    slotIndex: r.slot_index,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    projectId: r.project_id,
    projectNumber: r.project_number,
    projectTitle: r.project_title,
    industry: r.industry,
    placedBy: r.placed_by,
    explanationCodes: r.explanation_codes,
    explanation: r.explanation,
  };
}

export function toSessionRequestDto(r: SessionRequest): SessionRequestDto {
  return {
    id: r.id,
    requesterOrgId: r.requesterOrgId,
    requesterKind: r.requesterKind,
    title: r.title,
    industries: r.industries,
    hostCityCode: r.hostCityCode,
    preferredStart: r.preferredStart.toISOString(),
    preferredEnd: r.preferredEnd.toISOString(),
    expectedAudience: r.expectedAudience,
    note: r.note,
    status: r.status,
    sessionId: r.sessionId,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
  };
}
