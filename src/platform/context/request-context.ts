import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import { Actor } from './actor';

export interface RequestStore extends ClsStore {
  requestId?: string;
  jobId?: string;
  actor?: Actor;
  /** Set by the idempotency interceptor; completed inside the request's unit of work. */
  idempotency?: { id: string; claimToken: string; responseStatus: number };
  /** The answer a committed transaction stored with the request's key (IdempotencyStore.alreadyStored). */
  idempotencyStored?: IdempotencyStored;
}

/** A key's stored answer: its status and the body's JSON text, exactly as written. */
export interface IdempotencyStored {
  id: string;
  status: number;
  body: string;
  /**
   * Stored as the response itself (the order statement), or as a unit of work's result, which the handler may still
   * turn into another answer: not final until the interceptor has written the response (IdempotencyStore).
   */
  final: boolean;
}

/** Typed access to what we carry through a request or a job (nestjs-cls). */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<RequestStore>) {}

  get requestId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('requestId') : undefined;
  }

  get actor(): Actor | undefined {
    return this.cls.isActive() ? this.cls.get('actor') : undefined;
  }

  requireActor(): Actor {
    const actor = this.actor;
    if (!actor) throw new Error('No authenticated actor in context');
    return actor;
  }

  setActor(actor: Actor): void {
    // /health and /metrics sit outside the /api/v1 prefix where the context middleware runs.
    if (this.cls.isActive()) this.cls.set('actor', actor);
  }

  get idempotency(): RequestStore['idempotency'] {
    return this.cls.isActive() ? this.cls.get('idempotency') : undefined;
  }

  setIdempotency(value: RequestStore['idempotency']): void {
    this.cls.set('idempotency', value);
  }

  get idempotencyStored(): IdempotencyStored | undefined {
    return this.cls.isActive() ? this.cls.get('idempotencyStored') : undefined;
  }

  /** Called once the transaction that stored `value` with the key has committed. */
  setIdempotencyStored(value: IdempotencyStored): void {
    if (this.cls.isActive()) this.cls.set('idempotencyStored', value);
  }

  /**
   * For requests that run several units of work (batch decisions, the daily run): the key is then
   * completed once, by the interceptor, with the whole response. A retry after a crash re-runs the
   * request; each step is idempotent on its own (already-decided tasks answer 409).
   */
  detachIdempotencyFromTransactions(): void {
    if (this.cls.isActive()) this.cls.set('idempotency', undefined);
  }

  /** The queue job this context runs, if it runs one (it then carries the request id of the request that queued it). */
  get jobId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('jobId') : undefined;
  }

  /**
   * Runs `fn` in a fresh context (queue jobs, scripts, work a request sets off but does not own),
   * optionally tagged with a request id and the job it runs; nothing of a surrounding context is inherited.
   */
  run<T>(requestId: string | undefined, fn: () => Promise<T>, jobId?: string): Promise<T> {
    return this.cls.run({ ifNested: 'override' }, async () => {
      if (requestId) this.cls.set('requestId', requestId);
      if (jobId) this.cls.set('jobId', jobId);
      return fn();
    });
  }
}
