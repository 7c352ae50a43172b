import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from '../outbox/outbox-writer';
import { INLINE_JOB_HANDLER_METADATA, JOB_HANDLER_METADATA, JobContext } from './job-handler.decorator';
import { JobName } from './queue.registry';

type BoundHandler = (payload: unknown, context: JobContext) => Promise<unknown>;
type BoundInlineHandler = (manager: EntityManager, payload: unknown) => Promise<OutboxMessage[]>;

/**
 * Collects @JobHandler methods at start-up and refuses to start when a job has no handler
 * or more than one, so a job can never sit unprocessed or be handled twice. Also collects
 * @InlineJobHandler methods (at most one per job).
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, BoundHandler>();
  private readonly inlineHandlers = new Map<JobName, BoundInlineHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    const inline = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const where = `${instance.constructor.name}.${method}`;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, fn);
        if (name) {
          found.set(name, [...(found.get(name) ?? []), where]);
          this.handlers.set(name, (fn as BoundHandler).bind(instance));
        }
        const inlineName = this.reflector.get<JobName | undefined>(INLINE_JOB_HANDLER_METADATA, fn);
        if (inlineName) {
          inline.set(inlineName, [...(inline.get(inlineName) ?? []), where]);
          this.inlineHandlers.set(inlineName, (fn as BoundInlineHandler).bind(instance));
        }
      }
    }
    validateHandlers(found, inline);
  }

  get(name: string): BoundHandler | undefined {
    return this.handlers.get(name as JobName);
  }

  /** The in-transaction form of a job, if it has one. */
  inline(name: string): BoundInlineHandler | undefined {
    return this.inlineHandlers.get(name as JobName);
  }
}

export function validateHandlers(found: Map<JobName, string[]>, inline: Map<JobName, string[]> = new Map()): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const where = found.get(name) ?? [];
    if (where.length === 0) problems.push(`job "${name}" has no @JobHandler`);
    if (where.length > 1) problems.push(`job "${name}" has ${where.length} handlers: ${where.join(', ')}`);
    const inlineWhere = inline.get(name) ?? [];
    if (inlineWhere.length > 1) problems.push(`job "${name}" has ${inlineWhere.length} inline handlers: ${inlineWhere.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`Queue handler registry is invalid:\n  ${problems.join('\n  ')}`);
}
