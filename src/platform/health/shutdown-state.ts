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
   * Decided when the headers go out, not when the request came in: a request that started before the
   * signal and answers during the drain closes its connection too.
   */
  middleware() {
    return (_req: Request, res: Response, next: NextFunction): void => {
      const writeHead = res.writeHead as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        if (this.draining && !res.headersSent) res.setHeader('Connection', 'close');
        return writeHead.apply(res, args);
      }) as Response['writeHead'];
      next();
    };
  }
}
