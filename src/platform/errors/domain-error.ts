import { RegisteredErrorCode, errorStatus, registerErrorCode } from './error-codes';

/**
 * The platform's generic error codes. Clients branch on `code`, never on `message`. A code that only
 * one domain answers with lives in that module's `x.errors.ts` (`defineErrorCodes`), not here.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  AlreadyExists = 'ALREADY_EXISTS',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyInProgress = 'IDEMPOTENCY_IN_PROGRESS',
  BusinessRuleViolated = 'BUSINESS_RULE_VIOLATED',
  RateLimited = 'RATE_LIMITED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

/** Any code a DomainError may carry: a generic one or one a module declared. */
export type AnyErrorCode = ErrorCode | RegisteredErrorCode;

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.IllegalTransition]: 409,
  [ErrorCode.AlreadyExists]: 409,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.IdempotencyInProgress]: 409,
  [ErrorCode.BusinessRuleViolated]: 422,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

for (const code of Object.values(ErrorCode)) registerErrorCode('platform', code, ERROR_HTTP_STATUS[code]);

export interface FieldProblem {
  field: string;
  message: string;
}

/** The one JSON error body every failing request gets. */
export interface ErrorBody {
  statusCode: number;
  code: AnyErrorCode;
  message: string;
  details?: FieldProblem[] | Record<string, unknown>;
}

export class DomainError extends Error {
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    // Only registered codes type-check here; a cast that slipped past the registry is a bug, so 500.
    return errorStatus(this.code) ?? 500;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { statusCode: this.status, code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} not found`);
  }

  static forbidden(message = 'You may not do this'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }

  static conflict(message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(ErrorCode.Conflict, message, details);
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, `${field}: ${message}`, [{ field, message }]);
  }

  static rule(message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(ErrorCode.BusinessRuleViolated, message, details);
  }
}
