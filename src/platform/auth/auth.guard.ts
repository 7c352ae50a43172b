import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../context/actor';
import { RequestContext } from '../context/request-context';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { ACCESS_METADATA, AccessRule } from './access.decorators';
import { ActorResolver } from './actor-resolver';
import { presentedApiKey, ApiKeysService } from './api-keys/api-keys.service';
import { ApiKeyErrors } from './api-keys/api-keys.errors';
import { TokenService } from './token.service';

/**
 * The one gate every route passes: a route is public, or needs a live session whose role
 * is listed. Routes that declare neither never reach here (start-up refuses them).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorResolver,
    private readonly context: RequestContext,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [execution.getHandler(), execution.getClass()]);
    if (!rule) throw DomainError.forbidden('This route declares no access rule');
    const req = execution.switchToHttp().getRequest<Request & { actor?: Actor }>();
    // A partner API key opens the open-data routes of its scopes and nothing else: no write, no money or people data.
    const apiKey = presentedApiKey(req);
    if (apiKey !== undefined) {
      if (rule.kind !== 'open') throw new DomainError(ApiKeyErrors.API_KEY_NOT_ALLOWED, 'An API key may only read open catalogue and roadshow data');
      await this.apiKeys.authorise(apiKey, rule.scope);
      return true;
    }
    if (rule.kind === 'open') {
      await this.apiKeys.throttleAnonymous(req.ip ?? 'unknown');
      return true;
    }
    const actor = await this.authenticate(req, rule.kind === 'public');
    if (rule.kind === 'public') return true;
    if (!actor) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: send Authorization: Bearer <access token>');
    if (!rule.roles.includes(actor.role)) throw DomainError.forbidden(`Role ${actor.role} may not use this route`);
    return true;
  }

  /** Resolves the bearer token if present; public routes tolerate a missing or bad one. */
  async authenticate(req: Request & { actor?: Actor }, optional: boolean): Promise<Actor | undefined> {
    const header = req.header('authorization');
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = match ? this.tokens.verifyAccess(match[1]) : undefined;
    if (!claims) {
      if (optional) return undefined;
      throw new DomainError(ErrorCode.Unauthenticated, 'The access token is invalid or expired');
    }
    const resolved = await this.actors.resolve(claims.sid, claims.sub);
    if (!resolved.ok) {
      if (optional) return undefined;
      throw new DomainError(AuthErrors.TOKEN_REVOKED, 'The session has ended; sign in again');
    }
    req.actor = resolved.actor;
    this.context.setActor(resolved.actor);
    return resolved.actor;
  }
}
