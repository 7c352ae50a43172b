import { QueryFailedError } from 'typeorm';
import { AnyErrorCode, DomainError, ErrorCode } from './domain-error';

/** Human text for constraints a client can trip; the constraint name is the stable key. */
const CONSTRAINT_MESSAGES: Record<string, { code: AnyErrorCode; field?: string; message: string }> = {};

export function describeConstraint(name: string, code: AnyErrorCode, message: string, field?: string): void {
  CONSTRAINT_MESSAGES[name] = { code, field, message };
}

interface PgDriverError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Maps PostgreSQL errors that a client can cause to domain errors. The database is the
 * last line of defence (unique invoice numbers, CHECK balance >= 0, exclusion constraints),
 * so its refusals must reach the client as 409/422, not as 500.
 */
/** SQLSTATE a database function raises when a retry took the request's Idempotency-Key over mid-flight. */
export const IDEMPOTENCY_TAKEN_OVER = 'GI001';

export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as PgDriverError | undefined;
  if (!driver || typeof driver.code !== 'string') return undefined;
  const known = driver.constraint ? CONSTRAINT_MESSAGES[driver.constraint] : undefined;
  if (known) {
    return new DomainError(known.code, known.message, known.field ? [{ field: known.field, message: known.message }] : { constraint: driver.constraint });
  }
  switch (driver.code) {
    case '23505':
      return new DomainError(ErrorCode.AlreadyExists, 'A record with the same unique value already exists', { constraint: driver.constraint });
    case '23P01':
      return new DomainError(ErrorCode.Conflict, 'The change conflicts with an existing record', { constraint: driver.constraint });
    case '23514':
      return new DomainError(ErrorCode.Conflict, 'The change would break a rule the database enforces', { constraint: driver.constraint });
    case '23503':
      return new DomainError(ErrorCode.BusinessRuleViolated, 'A referenced record does not exist or is still referenced', { constraint: driver.constraint });
    case '40001':
    case '40P01':
      return new DomainError(ErrorCode.Conflict, 'Concurrent update; retry the request');
    case IDEMPOTENCY_TAKEN_OVER:
      return new DomainError(ErrorCode.IdempotencyInProgress, 'The Idempotency-Key was taken over by a retry; this attempt was rolled back');
    case '53300': // too_many_connections: the server is full, not the request wrong
    case '57P03': // cannot_connect_now: starting up or shutting down
      return new DomainError(ErrorCode.ServiceUnavailable, 'The database is busy; try again shortly', { retryAfterSeconds: 5 });
    case '22P02':
    case '22021': // character_not_in_repertoire, e.g. NUL in text
    case '22P05': // untranslatable_character, e.g. \u0000 in jsonb
    case '22003':
    case '22001':
    case '22007':
    case '22008':
      return new DomainError(ErrorCode.ValidationFailed, 'A value is malformed or out of range');
    default:
      return undefined;
  }
}
