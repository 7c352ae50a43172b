import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { defineErrorCodes } from '../../../platform/errors/error-codes';

/**
 * The database's refusals, as clients see them when a service has no better explanation. The
 * services catch the scheduling conflicts themselves and answer with the conflicting record.
 * Roadshows answer only with the platform's generic codes (CONFLICT, ALREADY_EXISTS, ...); a code
 * only roadshows use would be declared here with `defineErrorCodes('roadshows', ...)`.
 */
export const VENUE_DOUBLE_BOOKED = 'roadshow_sessions_venue_free';
export const SLOT_TAKEN = 'roadshow_slots_session_free';
export const PRESENTER_BUSY = 'roadshow_slots_presenter_free';
export const ALREADY_IN_SESSION = 'roadshow_slots_once_per_session';
export const OVER_VENUE_CAPACITY = 'roadshow_sessions_within_venue_capacity';
export const OUTSIDE_SESSION = 'roadshow_slots_within_session';

describeConstraint(VENUE_DOUBLE_BOOKED, ErrorCode.Conflict, 'The venue is already booked for an overlapping session');
describeConstraint(SLOT_TAKEN, ErrorCode.Conflict, 'The slot overlaps another slot of the session');
describeConstraint(PRESENTER_BUSY, ErrorCode.Conflict, 'The project already presents in an overlapping slot');
describeConstraint(ALREADY_IN_SESSION, ErrorCode.Conflict, 'The project already has a slot in this session');
describeConstraint(OVER_VENUE_CAPACITY, ErrorCode.Conflict, 'The session capacity exceeds what the venue holds', 'capacity');
describeConstraint(OUTSIDE_SESSION, ErrorCode.Conflict, 'The slot lies outside the session window');
describeConstraint('roadshow_sessions_seats', ErrorCode.Conflict, 'The session is full');
describeConstraint('roadshow_rsvps_active', ErrorCode.AlreadyExists, 'You have already replied to this session');
describeConstraint('roadshow_interests_once', ErrorCode.AlreadyExists, 'Your organisation already registered interest in this project');
describeConstraint('roadshow_venues_name', ErrorCode.AlreadyExists, 'A venue with this name already exists in the city', 'name');

interface PgDriverError {
  code?: string;
  constraint?: string;
}

/** The constraint a PostgreSQL error names, when it is an exclusion/unique/check refusal. */
export function violatedConstraint(error: unknown): string | undefined {
  const driver = ((error as { driverError?: unknown })?.driverError ?? error) as PgDriverError | undefined;
  if (!driver || !['23P01', '23505', '23514'].includes(String(driver.code))) return undefined;
  return driver.constraint;
}

export function conflict(message: string, details: Record<string, unknown>): DomainError {
  return DomainError.conflict(message, details);
}

/** Codes only the live roadshow answers with (docs/domain.md, "Live roadshows"). */
export const RoadshowLiveErrors = defineErrorCodes('roadshows', {
  /** Signed in, and the session is visible, but the live page is for its audience: RSVP (a confirmed seat) first. */
  LIVE_NOT_ADMITTED: 403,
  /** A moderator may not approve or reject a question they asked themselves. */
  OWN_QUESTION: 403,
});
describeConstraint('roadshow_live_questions_not_own', RoadshowLiveErrors.OWN_QUESTION, 'Nobody moderates a question they asked');
