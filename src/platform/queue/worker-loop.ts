import { Logger } from '@nestjs/common';
import type { ProcessRole } from '../config/app-config';

/**
 * A periodic pass that runs in worker processes only (sweepers): every `intervalMs` after the
 * previous pass ended, never two at once in a process; a failed pass is logged and the loop goes on.
 * Passes that must run once across processes take an advisory lock themselves.
 */
export class WorkerLoop {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<unknown>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  start(role: ProcessRole, intervalMs: number, run: () => Promise<unknown>): void {
    if (role === 'api') return;
    const loop = () => {
      this.timer = setTimeout(() => {
        this.pass = run()
          .catch((err) => this.logger.warn({ err: String(err) }, `${this.what} failed`))
          .finally(loop);
      }, intervalMs);
      this.timer.unref();
    };
    loop();
  }

  /** Stops scheduling and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }
}
