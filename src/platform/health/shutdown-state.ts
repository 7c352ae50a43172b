import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Whether this process is draining (docs/architecture.md, "Shutdown"). Set first thing on SIGTERM:
 * from then on `GET /health/ready` answers 503, so the load balancer stops sending new work here,
 * while `GET /health/live` stays 200 until the process exits. Per process by nature: it describes
 * this process, not shared state.
 */
@Injectable()
export class ShutdownState {
  private drainingSince?: Date;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDrain(): void {
    this.drainingSince ??= new Date();
  }

  /**
   * While draining, every response asks its client to close the connection, so keep-alive clients
   * reconnect (through the load balancer, to another process) instead of holding this one open.
   */
  middleware() {
    return (_req: Request, res: Response, next: NextFunction): void => {
      if (this.draining) res.setHeader('Connection', 'close');
      next();
    };
  }
}
