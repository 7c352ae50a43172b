import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER_METADATA, JobContext } from './job-handler.decorator';
import { JobName } from './queue.registry';

type BoundHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Collects @JobHandler methods at start-up and refuses to start when a job has no handler
 * or more than one, so a job can never sit unprocessed or be handled twice.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, BoundHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, fn);
        if (!name) continue;
        const where = `${instance.constructor.name}.${method}`;
        found.set(name, [...(found.get(name) ?? []), where]);
        this.handlers.set(name, (fn as BoundHandler).bind(instance));
      }
    }
    validateHandlers(found);
  }

  get(name: string): BoundHandler | undefined {
    return this.handlers.get(name as JobName);
  }
}

export function validateHandlers(found: Map<JobName, string[]>): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const where = found.get(name) ?? [];
    if (where.length === 0) problems.push(`job "${name}" has no @JobHandler`);
    if (where.length > 1) problems.push(`job "${name}" has ${where.length} handlers: ${where.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`Queue handler registry is invalid:\n  ${problems.join('\n  ')}`);
}
