import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule } from './access.decorators';

export interface RouteAccess {
  method: string;
  path: string;
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
}

/**
 * Lists every HTTP route with its access rule, and refuses to start when a route declares
 * none: authorisation is decided at one place, and forgetting it is a start-up error.
 */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  routes: RouteAccess[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.routes = this.collect();
    const missing = this.routes.filter((r) => !r.rule);
    if (missing.length > 0) {
      throw new Error(`Routes without @Public/@Roles/@Authenticated:\n  ${missing.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join('\n  ')}`);
    }
  }

  collect(): RouteAccess[] {
    const routes: RouteAccess[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const controller = instance.constructor as new () => unknown;
      const base = String(this.reflector.get<string>(PATH_METADATA, controller) ?? '');
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = instance[name] as (...args: unknown[]) => unknown;
        const path = this.reflector.get<string | undefined>(PATH_METADATA, fn);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, fn);
        if (path === undefined || method === undefined) continue;
        routes.push({
          method: RequestMethod[method],
          path: `/${[base, path].map((p) => String(p).replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`,
          controller: controller.name,
          handler: name,
          rule: this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [fn, controller]),
        });
      }
    }
    return routes;
  }
}
