import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Broadcaster, BroadcastTopic } from '../broadcast/broadcaster';
import { RequestContext } from '../context/request-context';
import { OUTBOX_CHANNEL } from './outbox-writer';

/** Outbox wake-ups: `<prefix>:outbox-wake` on Redis, NOTIFY g60_outbox without it. */
export const OUTBOX_WAKE: BroadcastTopic = { redis: 'outbox-wake', pg: OUTBOX_CHANNEL };

/**
 * Wakes the outbox relays after a commit that wrote outbox rows (docs/architecture.md, "Queues").
 * Not a NOTIFY inside the writing transaction: PostgreSQL serialises the commits of every
 * transaction that notified (one lock for the whole cluster, held through the commit's fsync), which
 * made every write wait for every other. Instead, after the commit: this process's relay is kicked
 * directly; relays in other processes hear it through the Broadcaster (PUBLISH on `<prefix>:outbox-wake`),
 * or, without Redis, on a NOTIFY sent in a transaction of its own. Relays also poll (OUTBOX_POLL_MS),
 * so a lost wake-up only delays a job.
 */
@Injectable()
export class OutboxWaker implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWaker.name);
  private localKick?: () => void;
  private publishing = false;
  private again = false;

  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly context: RequestContext,
  ) {}

  /** Called by the relay of this process: wake-ups here and from other processes kick it. */
  async listen(kick: () => void): Promise<void> {
    this.localKick = kick;
    // Without Redis the relay LISTENs on g60_outbox itself (OutboxRelay).
    if (this.broadcaster.kind !== 'redis') return;
    await this.broadcaster.subscribe(OUTBOX_WAKE, () => this.localKick?.());
  }

  /** After a commit that wrote outbox rows. Never throws, never waits. */
  wake(): void {
    // The relay's work is its own, not the request's: it runs outside the request's context.
    const kick = this.localKick;
    if (kick) void this.context.run(undefined, async () => kick());
    if (this.publishing) {
      this.again = true;
      return;
    }
    this.publishing = true;
    void this.send()
      .catch((err) => this.logger.warn({ err: String(err) }, 'Outbox wake-up failed; relays will poll'))
      .finally(() => {
        this.publishing = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async send(): Promise<void> {
    // No Redis and a relay here: it was kicked directly; other relays poll. No relay here: tell the others.
    if (this.broadcaster.kind === 'redis' || !this.localKick) await this.broadcaster.send(OUTBOX_WAKE);
  }

  onApplicationShutdown(): void {
    this.localKick = undefined;
  }
}
