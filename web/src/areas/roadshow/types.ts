/** Shapes of the roadshow API (the DTOs in src/modules/roadshows/{projects,sessions,investors,outcomes}/dto), as the portal reads them. */

export const INDUSTRIES = [
  'integrated_circuits',
  'artificial_intelligence',
  'biomedicine',
  'high_end_equipment',
  'new_energy',
  'new_materials',
  'new_energy_vehicles',
  'digital_economy',
  'other',
] as const;
export const STAGES = ['seed', 'angel', 'pre_a', 'series_a', 'series_b', 'series_c_plus', 'pre_ipo'] as const;
export const SESSION_TYPES = ['custom', 'alliance', 'cloud'] as const;
export const SESSION_STATUSES = ['draft', 'published', 'finished', 'cancelled'] as const;
/** The chain of docs/domain.md ("Roadshows"), in order. */
export const CHAIN = ['collected', 'screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked'] as const;
export const PROJECT_STATUSES = ['collected', 'screening', 'returned', 'screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked', 'rejected', 'withdrawn'] as const;
export const MANUAL_EVENTS = ['coach', 'present', 'match', 'land', 'track'] as const;
/** Where each manual event may start (roadshow.state.ts), to suggest the next step. */
export const MANUAL_EVENT_FROM: Record<(typeof MANUAL_EVENTS)[number], string[]> = {
  coach: ['screened'],
  present: ['scheduled'],
  match: ['presented'],
  land: ['presented', 'matched'],
  track: ['landed'],
};
/** Projects the scheduler and manual slot edits accept. */
export const SCHEDULABLE = ['screened', 'coached', 'scheduled'];
/** The interest pipeline's columns and the event that moves an interest into each. */
export const PIPELINE = ['interested', 'meeting', 'due_diligence', 'term_sheet', 'invested'] as const;
export const EVENT_INTO: Record<string, InterestEvent> = {
  meeting: 'meet',
  due_diligence: 'start_due_diligence',
  term_sheet: 'offer_term_sheet',
  invested: 'invest',
  dropped: 'drop',
};
export type InterestEvent = 'meet' | 'start_due_diligence' | 'offer_term_sheet' | 'invest' | 'drop';

export interface TeamMember {
  name: string;
  role: string;
}

export interface AvailabilityWindow {
  from: string;
  to: string;
}

export interface Deck {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Project {
  id: string;
  number: string;
  enterpriseId: string;
  title: string;
  summary: string;
  industry: string;
  stage: string;
  financingAskFen: number;
  regionCode: string;
  team: TeamMember[];
  availability: AvailabilityWindow[];
  status: string;
  statusChangedAt: string;
  screeningCaseId: string | null;
  decisionReason: string | null;
  deck: Deck | null;
  createdAt: string;
  version: number;
}

export interface TimelineEntry {
  event: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorUserId: string | null;
  at: string;
}

export interface Outcome {
  projectId: string;
  landedInJiaxing: boolean;
  landingDistrictCode: string | null;
  landedOn: string | null;
  financingRaisedFen: number;
  note: string | null;
  updatedAt: string;
}

export interface Venue {
  id: string;
  name: string;
  cityCode: string;
  address: string;
  capacity: number;
}

export interface Session {
  id: string;
  title: string;
  type: string;
  hostCityCode: string;
  coHostCityCodes: string[];
  venueId: string | null;
  streamUrl: string | null;
  capacity: number;
  seatsTaken: number;
  startsAt: string;
  endsAt: string;
  pitchMinutes: number;
  qaMinutes: number;
  slotCount: number;
  themeIndustries: string[];
  status: string;
  agendaVersion: number;
  publishedAt: string | null;
  version: number;
}

/** What a slot and an agenda entry share: its place in the grid, its time and its project. */
interface PlacedProject {
  slotIndex: number;
  startsAt: string;
  endsAt: string;
  projectId: string;
  projectNumber: string;
  projectTitle: string;
  industry: string;
}

export interface Slot extends PlacedProject {
  id: string;
  sessionId: string;
  placedBy: string;
  explanation: string[];
}

export interface SessionDetail {
  session: Session;
  slots: Slot[];
}

export interface Warning {
  code: string;
  message: string;
}

export interface SlotChange {
  slot: Slot | null;
  warnings: Warning[];
}

export interface AgendaSlot extends PlacedProject {
  slotId: string;
  stage: string;
  enterpriseName: string;
}

export interface Agenda {
  session: Session;
  location: string | null;
  version: number;
  publishedAt: string | null;
  slots: AgendaSlot[];
}

export interface AgendaChange {
  change: 'added' | 'removed' | 'moved';
  projectId: string;
  projectTitle: string;
  fromStartsAt: string | null;
  toStartsAt: string | null;
}

export interface AgendaVersion {
  sessionId: string;
  version: number;
  publishedAt: string;
  changelog: AgendaChange[];
  agenda: Agenda;
}

export interface AgendaCollection {
  scope: string;
  agendas: Agenda[];
}

export interface Placement {
  projectId: string;
  sessionId: string;
  slotIndex: number;
  startsAt: string;
  endsAt: string;
  reasons: string[];
  warnings: string[];
}

export interface ScheduleResult {
  applied: boolean;
  placements: Placement[];
  unplaced: { projectId: string; code: string; reason: string }[];
  stats: { projects: number; placed: number; freeSlotsBefore: number; freeSlotsAfter: number };
}

export interface Rsvp {
  id: string;
  sessionId: string;
  userId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlistPosition: number | null;
  promotedAt: string | null;
  createdAt: string;
}

export interface Interest {
  id: string;
  projectId: string;
  investorOrgId: string;
  status: string;
  note: string | null;
  updatedAt: string;
  version: number;
}

export interface InvestorProfile {
  organizationId: string;
  focusIndustries: string[];
  focusStages: string[];
  ticketMinFen: number | null;
  ticketMaxFen: number | null;
  followedProjectIds: string[];
}

export interface Recommendation {
  project: Project;
  score: number;
  reasons: string[];
}

export interface SessionRequest {
  id: string;
  requesterOrgId: string;
  requesterKind: string;
  title: string;
  industries: string[];
  hostCityCode: string;
  preferredStart: string;
  preferredEnd: string;
  expectedAudience: number;
  note: string | null;
  status: string;
  sessionId: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export type { Region } from '../../app/regions';

export interface DeckInvitation {
  projectId: string;
  investorOrganizationId: string;
  invitedAt: string;
}
