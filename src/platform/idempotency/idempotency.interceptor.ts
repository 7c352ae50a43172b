import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { instanceToPlain } from 'class-transformer';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { RequestContext } from '../context/request-context';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { INTERNAL_ERROR_BODY, knownErrorBody } from '../errors/http-exception.filter';
import { requestHash, IdempotencyStore } from './idempotency.store';
import { SKIP_IDEMPOTENCY } from './skip-idempotency.decorator';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** When a duplicate of a request still in progress is told to come back. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

/**
 * Honours `Idempotency-Key` on every state-changing request: same key + same body replays
 * the stored response; same key + other body → 422; first request still running → 409.
 * The key ends holding what the client received: the response, or the error of a request that
 * failed after a unit of work had committed (one that failed before any commit frees its key).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly context: RequestContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const req = execution.switchToHttp().getRequest<Request>();
    const res = execution.switchToHttp().getResponse<Response>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || !STATE_CHANGING.has(req.method)) return next.handle();
    if (this.reflector.get<boolean>(SKIP_IDEMPOTENCY, execution.getHandler())) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 _ . : -', [
        { field: 'Idempotency-Key', message: 'must be 1-200 characters of A-Z a-z 0-9 _ . : -' },
      ]);
    }
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, execution.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return from(this.run(req, res, key, status, next));
  }

  private async run(req: Request, res: Response, key: string, status: number, next: CallHandler): Promise<unknown> {
    const scope = this.context.actor ? `user:${this.context.actor.userId}` : 'anonymous';
    const path = req.originalUrl.split('?')[0];
    const outcome = await this.store.claim(scope, key, req.method, path, requestHash(req.method, req.originalUrl, req.body));
    switch (outcome.kind) {
      case 'mismatch':
        throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used with a different request');
      case 'in_progress':
        // Retry-After: the same request again in a second gets the answer once the attempt has it (the portal waits so).
        throw new DomainError(ErrorCode.IdempotencyInProgress, 'A request with this Idempotency-Key is still being processed', {
          retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS,
        });
      case 'replay':
        res.status(outcome.status);
        res.setHeader('Idempotent-Replayed', 'true');
        return outcome.body;
      case 'claimed':
        break;
    }
    this.context.setIdempotency({ id: outcome.id, claimToken: outcome.claimToken, responseStatus: status });
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(outcome.id, outcome.claimToken, res.statusCode || status, instanceToPlain(body));
      return body;
    } catch (err) {
      if (this.context.idempotencyStored?.id === outcome.id) {
        // A unit of work committed with the key before the handler failed: the change stands, so the key must not be
        // run again. It keeps the answer the client gets now, this error (a retry with the same key is told the same).
        const body = knownErrorBody(err) ?? INTERNAL_ERROR_BODY;
        await this.store.complete(outcome.id, outcome.claimToken, body.statusCode, body).catch(() => undefined);
      } else {
        await this.store.release(outcome.id, outcome.claimToken).catch(() => undefined);
      }
      throw err;
    }
  }
}

