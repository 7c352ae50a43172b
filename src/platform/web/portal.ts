import { Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** The embeddable widgets (docs/security.md, "Embedding"): the only pages other sites may frame. */
const WIDGET_PATHS = /^\/embed(\/|$)/;

/** Paths the portal never answers: the API, its docs, probes and the queue board. */
const SERVER_PATHS = /^\/(api|health|metrics|admin\/queues)(\/|$)/;

/**
 * Content Security Policy of the portal: its own scripts only; inline styles because Ant Design
 * writes its CSS at run time; images from itself and data: URLs (charts export). A live roadshow's
 * player (iframe) and HLS stream (video, and the playlist's segments) may come only from the hosts
 * of LIVE_STREAM_HOSTS, over https.
 */
export function portalCsp(streamHosts: readonly string[] = [], frameAncestors: readonly string[] = []): string {
  const hosts = streamHosts.map((h) => ` https://${h}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${hosts}`,
    `media-src 'self' blob:${hosts}`,
    `frame-src 'self'${hosts}`,
    "font-src 'self' data:",
    // The PWA (web/README.md): the service worker and the manifest come from the portal itself.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
    "form-action 'self'",
  ].join('; ');
}

const ASSET_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Sends `<asset>.gz` (written by the build) to browsers that accept gzip. */
function precompressed(assets: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const type = ASSET_TYPES[path.extname(req.path)];
    const file = path.join(assets, path.normalize(req.path));
    if (!type || !file.startsWith(assets + path.sep) || !req.acceptsEncodings('gzip') || !existsSync(`${file}.gz`)) return next();
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(`${file}.gz`);
  };
}

/**
 * index.html, re-read when a new build replaces it, so a rebuild while the server runs serves the
 * new bundle (the build keeps the previous assets for pages already open).
 */
function currentIndex(file: string): () => Buffer {
  let cached = { mtimeMs: -1, body: Buffer.alloc(0) };
  return () => {
    const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs !== undefined && mtimeMs !== cached.mtimeMs) cached = { mtimeMs, body: readFileSync(file) };
    return cached.body;
  };
}

/** dist/web of this package, found from the compiled (dist/src) or source (src) location alike. */
export function portalDirectory(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'web');
}

/** The PWA's files at fixed (unhashed) names, written by web/build.mjs (web/pwa.mjs), with their content types. */
const PWA_FILES: Record<string, string> = {
  '/sw.js': 'text/javascript; charset=utf-8',
  '/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
  '/offline.html': 'text/html; charset=utf-8',
};

/**
 * The service worker, manifest, offline page and icons. None is hashed, so each is revalidated on every use
 * (no-cache): a new build's service worker must reach browsers at once, and it names its own cache after the build.
 */
function mountPwaFiles(app: NestExpressApplication, directory: string, csp: string): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const type = PWA_FILES[req.path];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type) return next();
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.path === '/sw.js') res.setHeader('Service-Worker-Allowed', '/');
    if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', csp);
    res.sendFile(path.join(directory, req.path.slice(1)), (err) => {
      if (err && !res.headersSent) res.status(404).json(new DomainError(ErrorCode.NotFound, 'Not built').toBody());
    });
  });
  app.use('/icons', express.static(path.join(directory, 'icons'), { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }), (_req: Request, res: Response) => {
    res.status(404).json(new DomainError(ErrorCode.NotFound, 'No such icon').toBody());
  });
}

/**
 * Serves the single-page portal at `/`: hashed assets with long caching, and index.html for every
 * other browser route so deep links work. Must be mounted before Nest's routes.
 */
export function mountPortal(
  app: NestExpressApplication,
  options: { streamHosts?: readonly string[]; embedOrigins?: readonly string[] } = {},
  directory = portalDirectory(),
): boolean {
  const csp = portalCsp(options.streamHosts);
  // Widgets may be framed by the origins of EMBED_ALLOWED_ORIGINS; every other page by nobody.
  const widgetCsp = portalCsp(options.streamHosts, options.embedOrigins);
  const indexFile = path.join(directory, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Portal').warn(`Web portal not built (${indexFile} missing): run "npm run build"`);
    return false;
  }
  const index = currentIndex(indexFile);
  app.use('/assets', precompressed(path.join(directory, 'assets')), express.static(path.join(directory, 'assets'), { immutable: true, maxAge: '365d', index: false }), (_req: Request, res: Response) => {
    res.status(404).json(new DomainError(ErrorCode.NotFound, 'No such asset').toBody());
  });
  mountPwaFiles(app, directory, csp);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', WIDGET_PATHS.test(req.path) ? widgetCsp : csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', WIDGET_PATHS.test(req.path) ? 'strict-origin-when-cross-origin' : 'same-origin');
    res.status(200).end(req.method === 'HEAD' ? undefined : index());
  });
  return true;
}
