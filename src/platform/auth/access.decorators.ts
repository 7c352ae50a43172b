import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, ALL_ROLES, Role } from '../context/actor';

export const ACCESS_METADATA = 'g60:access';

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Open to anyone (login, registration, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

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
