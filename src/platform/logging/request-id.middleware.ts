import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from '../metrics/metrics.service';

const CLIENT_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Every request gets an id (the client's X-Request-Id when sane), echoed back and logged. */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.id = given && CLIENT_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}

/** Counts and times requests by route template (not raw URL, which would explode cardinality). */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    metrics.httpInFlight.inc();
    let done = false;
    const leave = () => {
      if (!done) metrics.httpInFlight.dec();
      done = true;
    };
    res.on('close', leave);
    res.on('finish', () => {
      leave();
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
