import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** One server-sent event (text/event-stream): `id` is what the client sends back as Last-Event-ID. */
export interface StreamEvent {
  id?: string | number;
  event?: string;
  data: unknown;
}

export interface EventStream {
  readonly closed: boolean;
  send(event: StreamEvent): void;
  close(): void;
  onClose(listener: () => void): void;
}

export interface OpenStreamOptions {
  /** Epoch ms when the caller's credentials lapse: the stream ends then with an `expired` event, and the client reconnects with fresh ones. */
  expiresAt?: number;
  /** Runs every `tickMs` while the stream is open (e.g. re-checking the session, recording presence); false ends the stream. */
  tick?: () => Promise<boolean>;
  tickMs?: number;
}

/** Format of one event on the wire; data is JSON on one line. */
export function formatEvent(event: StreamEvent): string {
  let out = '';
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.event) out += `event: ${event.event}\n`;
  return `${out}data: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * The server-sent event streams this process holds open (docs/architecture.md, "Live events"). The only state a
 * process keeps: the sockets, each with its heartbeat and expiry timers. At most LIVE_MAX_CONNECTIONS at once;
 * beyond that 503 with Retry-After, so a load balancer or the client tries another process or later. Streams
 * end at shutdown before HTTP drains (an open stream would otherwise hold the drain for SHUTDOWN_TIMEOUT_MS).
 */
@Injectable()
export class EventStreams implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStreams.name);
  private readonly streams = new Set<EventStream>();

  constructor(private readonly config: AppConfig) {}

  get size(): number {
    return this.streams.size;
  }

  /** Refuses with 503 when this process is full; call before any work for a new stream. */
  admit(): void {
    if (this.streams.size >= this.config.LIVE_MAX_CONNECTIONS) {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'This server holds as many live connections as it may; try again shortly', { retryAfterSeconds: 5 });
    }
  }

  open(req: Request, res: Response, options: OpenStreamOptions = {}): EventStream {
    this.admit();
    const timers: NodeJS.Timeout[] = [];
    const closeListeners: (() => void)[] = [];
    let closed = false;
    const write = (chunk: string) => {
      if (!closed) res.write(chunk);
    };
    const stream: EventStream = {
      get closed() {
        return closed;
      },
      send: (event) => write(formatEvent(event)),
      close: () => {
        if (closed) return;
        closed = true;
        timers.forEach((t) => clearInterval(t));
        this.streams.delete(stream);
        closeListeners.splice(0).forEach((l) => l());
        res.end();
      },
      onClose: (listener) => (closed ? listener() : closeListeners.push(listener)),
    };
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and similar proxies would otherwise buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    write('retry: 3000\n\n');
    this.streams.add(stream);
    req.on('close', () => stream.close());
    timers.push(setInterval(() => write(': ping\n\n'), this.config.LIVE_HEARTBEAT_MS));
    if (options.expiresAt !== undefined) {
      const expire = setTimeout(() => {
        stream.send({ event: 'expired', data: { reason: 'credentials expired; reconnect' } });
        stream.close();
      }, Math.max(0, options.expiresAt - Date.now()));
      timers.push(expire);
    }
    if (options.tick) {
      const tick = options.tick;
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy || closed) return;
          busy = true;
          tick()
            .then((keep) => (keep ? undefined : stream.close()))
            .catch((err) => this.logger.warn({ err: String(err) }, 'Live stream check failed'))
            .finally(() => (busy = false));
        }, options.tickMs ?? 60_000),
      );
    }
    return stream;
  }

  /** Ends every open stream (shutdown); clients reconnect to another process with Last-Event-ID. */
  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }

  onApplicationShutdown(): void {
    this.closeAll();
  }
}
