import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorBody, ErrorCode } from './domain-error';
import { errorStatus } from './error-codes';
import { domainErrorFromDatabase } from './pg-errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Retry-After of a 429/503 whose error named no wait of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** Turns anything thrown into the stable JSON error body; unknown errors are logged and hidden. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (response.headersSent) return;
    // An error that names a wait tells the client when to come back (rateLimited() and friends put it in details):
    // 429, 503, and the 409 of a request whose Idempotency-Key is held by an attempt still in progress.
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    }
    // Every 429/503 carries Retry-After, also those that did not say how long (docs/security.md, "Bounded work").
    if ((body.statusCode === 429 || body.statusCode === 503) && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    const known = knownErrorBody(exception);
    if (known) return known;
    this.logger.error({ err: exception }, 'Unhandled error');
    return INTERNAL_ERROR_BODY;
  }
}

/** What the client is told of an error nobody anticipated: nothing of it. */
export const INTERNAL_ERROR_BODY: ErrorBody = { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCode.Internal, message: 'Internal server error' };

/** The stable error body of an anticipated error (a domain error, a database refusal, a bad body), or null for a bug. */
export function knownErrorBody(exception: unknown): ErrorBody | null {
  // A code no module registered (only a cast gets one past the types) is a bug: logged, answered as 500.
  if (exception instanceof DomainError && errorStatus(exception.code) !== undefined) return exception.toBody();
  const fromDb = domainErrorFromDatabase(exception);
  if (fromDb) return fromDb.toBody();
  const parser = exception as BodyParserError;
  if (parser && parser.type === 'entity.parse.failed') {
    return { statusCode: 400, code: ErrorCode.MalformedJson, message: 'The request body is not valid JSON' };
  }
  if (parser && parser.type === 'entity.too.large') {
    return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: 'The request body is too large' };
  }
  if (parser && typeof parser.type === 'string' && parser.status && parser.status < 500) {
    return { statusCode: parser.status, code: ErrorCode.ValidationFailed, message: 'The request body could not be read' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status < 500) return { statusCode: status, code: codeForStatus(status), message: messageOf(exception) };
  }
  return null;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return ErrorCode.ValidationFailed;
    case 401: return ErrorCode.Unauthenticated;
    case 403: return ErrorCode.Forbidden;
    case 404: return ErrorCode.NotFound;
    case 409: return ErrorCode.Conflict;
    case 413: return ErrorCode.PayloadTooLarge;
    case 415: return ErrorCode.UnsupportedMediaType;
    case 422: return ErrorCode.BusinessRuleViolated;
    case 429: return ErrorCode.RateLimited;
    default: return ErrorCode.ValidationFailed;
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
