import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, ALL_ROLES, Role } from '../context/actor';

export const ACCESS_METADATA = 'g60:access';

/** What a partner API key may read (docs/security.md, "Partner API keys"); no scope writes. */
export const API_KEY_SCOPES = ['catalog:read', 'roadshows:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: Role[] } | { kind: 'open'; scope: ApiKeyScope };

/** Open to anyone (login, registration, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/**
 * Open data (a widget's, or a partner platform's with an API key of `scope`): readable without sign-in, rate limited
 * per client address, or per key when a key is sent. The only routes an API key is accepted on.
 */
export const OpenData = (scope: ApiKeyScope): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_METADATA, { kind: 'open', scope } satisfies AccessRule), ApiSecurity('api-key'));

/** Signed-in users with one of these roles. Object-level checks stay in the service. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule), ApiBearerAuth());

/** Any signed-in user. */
export const Authenticated = (): MethodDecorator & ClassDecorator => Roles(...ALL_ROLES);

/** The signed-in actor of this request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
  if (!req.actor) throw new Error('CurrentActor used on a route without authentication');
  return req.actor;
});
