/**
 * The roadshow API as the portal reads it. Response shapes are generated from the OpenAPI document
 * (app/api-schema.ts, `npm run api:generate`): a field the portal needs and the schema lacks is fixed on the
 * server DTO's @ApiProperty, never written here by hand. The constants below are the portal's own lists.
 */
import type { components } from '../../app/api-schema';

type Schemas = components['schemas'];

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
export type InterestEvent = Schemas['InterestTransitionDto']['event'];

export type Deck = Schemas['DeckInfoDto'];
export type Project = Schemas['ProjectDto'];
export type TimelineEntry = Schemas['ProjectTimelineDto']['entries'][number];
export type Outcome = Schemas['OutcomeDto'];
export type Venue = Schemas['VenueDto'];
export type Session = Schemas['SessionDto'];
export type Slot = Schemas['SlotDto'];
export type SessionDetail = Schemas['SessionDetailDto'];
export type Warning = Schemas['WarningDto'];
export type SlotChange = Schemas['SlotChangeDto'];
export type AgendaSlot = Schemas['AgendaSlotDto'];
export type Agenda = Schemas['AgendaDto'];
export type ScheduleResult = Schemas['ScheduleResultDto'];
export type Rsvp = Schemas['RsvpDto'];
export type Interest = Schemas['InterestDto'];
export type InvestorProfile = Schemas['InvestorProfileDto'];
export type Recommendation = Schemas['RecommendationDto'];
export type SessionRequest = Schemas['SessionRequestDto'];
export type DeckInvitation = Schemas['DeckInvitationResultDto'];

export type { Region } from '../../app/regions';
