import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this process. Each app instance has its own registry. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being processed now (a graceful shutdown waits for these)',
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'queue_job_duration_seconds',
    help: 'Job processing time by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'outbox_published_total',
    help: 'Outbox rows published to the queue',
    registers: [this.registry],
  });

  readonly jobsRunInline = new Counter({
    name: 'queue_jobs_run_inline_total',
    help: 'Jobs done inside the transaction that queued them instead of on the queue (InlineJobs)',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  readonly outboxRequeued = new Counter({
    name: 'outbox_requeued_total',
    help: 'Outbox rows re-queued by the sweeper because their job was lost',
    registers: [this.registry],
  });

  readonly catalogSearches = new Counter({
    name: 'catalog_searches_total',
    help: 'Catalogue keyword searches by who answered: the search engine, PostgreSQL, or PostgreSQL because the engine failed',
    labelNames: ['backend'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a gauge whose value is read at scrape time. */
  gauge(name: string, help: string, labelNames: string[], collect: (gauge: Gauge) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
