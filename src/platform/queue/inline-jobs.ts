import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/unit-of-work';
import { MetricsService } from '../metrics/metrics.service';
import { JobRegistry } from './job-registry';

/**
 * Folds jobs into the transaction that queued them. A job whose whole effect is idempotent rows in
 * this database (an in-app notification, a webhook fan-out) gains nothing from a queue round trip:
 * done here, it commits with the change that caused it, or not at all, and costs no job. A unit of
 * work opts in by calling `runIn(tx)` at the end of its body; jobs without an @InlineJobHandler and
 * delayed jobs stay queued, and so do the jobs an inline handler queues in turn (a webhook's HTTP
 * delivery).
 */
@Injectable()
export class InlineJobs {
  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: MetricsService,
  ) {}

  /** Runs every foldable job queued so far in `tx`, in order, and takes it off the transaction's outbox. */
  async runIn(tx: Transaction): Promise<number> {
    let ran = 0;
    for (let i = 0; i < tx.messages.length; ) {
      const message = tx.messages[i];
      const handler = message.runAt ? undefined : this.registry.inline(message.name);
      if (!handler) {
        i += 1;
        continue;
      }
      tx.messages.splice(i, 1);
      // Follow-up jobs go to the end, so they are looked at (and stay queued) after the rest.
      for (const next of await handler(tx.manager, message.payload)) tx.enqueue(next.name, next.payload, { runAt: next.runAt });
      this.metrics.jobsRunInline.inc({ job: message.name });
      ran += 1;
    }
    return ran;
  }
}
