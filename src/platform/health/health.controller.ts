import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { AppConfig } from '../config/app-config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { QueueService } from '../queue/queue.service';
import { ShutdownState } from './shutdown-state';

interface HealthReport {
  status: 'ok' | 'degraded' | 'draining';
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
  queueBackend: string;
}

async function timed(fn: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = Date.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3s')), 3000).unref())]);
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : 'failed' };
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Database and queue reachability; 503 when either fails' })
  @ApiOkResponse({ description: '{status, checks, queueBackend}' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [database, queue] = await Promise.all([timed(() => this.dataSource.query('SELECT 1')), timed(() => this.queues.ping())]);
    const ok = database.ok && queue.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, queue }, queueBackend: this.queues.backendKind };
  }

  /**
   * Readiness: may this process take new requests? 503 from the moment it starts shutting down (before it
   * stops accepting connections; docs/architecture.md, "Shutdown"), and while the database or queue is unreachable.
   */
  @Get('health/ready')
  @Public()
  @ApiOperation({ summary: 'Readiness for a load balancer: 503 while draining for shutdown or when the database or queue fails' })
  @ApiOkResponse({ description: '{status, checks, queueBackend}' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    if (this.shutdown.draining) {
      res.status(503).setHeader('Retry-After', '1');
      return { status: 'draining', checks: {}, queueBackend: this.queues.backendKind };
    }
    return this.health(res);
  }

  /** Liveness: the process runs and answers. No dependency is checked, so an outage of PostgreSQL restarts nothing. */
  @Get('health/live')
  @Public()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs, draining included' })
  @ApiOkResponse({ description: '{status: "ok", draining}' })
  live(): { status: 'ok'; draining: boolean } {
    return { status: 'ok', draining: this.shutdown.draining };
  }

  /**
   * Prometheus scrape. Needs `Authorization: Bearer <METRICS_TOKEN>`; without a configured token it
   * answers only in embedded mode (a single machine), never on a shared deployment (docs/security.md).
   */
  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  async prometheus(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkMetricsAccess(req, res);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }

  private checkMetricsAccess(req: Request, res: Response): void {
    const expected = this.config.METRICS_TOKEN;
    if (!expected) {
      if (this.config.embedded) return;
      throw DomainError.forbidden('Metrics are disabled: set METRICS_TOKEN and scrape with it as a bearer token');
    }
    const presented = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    const a = createHash('sha256').update(presented).digest();
    const b = createHash('sha256').update(expected).digest();
    if (!timingSafeEqual(a, b)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new DomainError(ErrorCode.Unauthenticated, 'GET /metrics needs the metrics bearer token');
    }
  }
}
