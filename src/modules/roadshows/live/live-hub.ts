import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { ActorResolver } from '../../../platform/auth/actor-resolver';
import { TokenService } from '../../../platform/auth/token.service';
import { Broadcaster } from '../../../platform/broadcast/broadcaster';
import { AppConfig, ProcessRole } from '../../../platform/config/app-config';
import { Actor } from '../../../platform/context/actor';
import { PROCESS_ROLE } from '../../../platform/database/database.tokens';
import { DomainError } from '../../../platform/errors/domain-error';
import { EventStream, EventStreams } from '../../../platform/live/event-streams';
import { LIVE_TOPIC, LiveEventLog, LiveEventRow } from '../sessions/live-event-log';
import { LiveAccess } from './live-access';
import { LiveRoomService } from './live-room.service';

/** One open stream: who watches, and the last event number it has been through. */
interface Viewer {
  stream: EventStream;
  userId: string;
  moderator: boolean;
  lastSeq: number;
}

const BATCH = 500;
/** How often an open stream re-checks its sign-in session and records the viewer as still there. */
const PRESENCE_MS = 60_000;

/**
 * Fans live events out to the event streams this process holds (docs/architecture.md, "Live events"). A wake-up
 * (LIVE_TOPIC: Redis pub/sub, or LISTEN/NOTIFY without Redis) names a session; the hub reads that session's new
 * events from the database once for all its viewers here and writes each viewer what it may see. Every
 * LIVE_POLL_MS it reads again for every session it serves, in case a wake-up was lost. Nothing but the sockets
 * and their positions lives here: a reconnect to any process resumes from Last-Event-ID.
 */
@Injectable()
export class LiveHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveHub.name);
  private readonly rooms = new Map<string, Set<Viewer>>();
  private readonly reading = new Set<string>();
  private readonly again = new Set<string>();
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcaster: Broadcaster,
    private readonly events: LiveEventLog,
    private readonly streams: EventStreams,
    private readonly access: LiveAccess,
    private readonly room: LiveRoomService,
    private readonly tokens: TokenService,
    private readonly actors: ActorResolver,
    private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.role === 'worker') return;
    await this.broadcaster
      .subscribe(LIVE_TOPIC, (sessionId) => this.wake(sessionId), () => this.wakeAll())
      .catch((err) => this.logger.warn({ err: String(err) }, 'Subscribing to live wake-ups failed; streams rely on polling'));
    this.poll = setInterval(() => this.wakeAll(), this.config.LIVE_POLL_MS);
    this.poll.unref();
  }

  onApplicationShutdown(): void {
    if (this.poll) clearInterval(this.poll);
  }

  /** Opens the viewer's stream from `lastEventId` (the header, or the query for clients that cannot set it); without one, from now. */
  async open(actor: Actor, sessionId: string, lastEventId: string | undefined, req: Request, res: Response): Promise<void> {
    this.streams.admit();
    let from: number | undefined;
    if (lastEventId !== undefined && lastEventId !== '') {
      if (!/^\d{1,15}$/.test(lastEventId)) throw DomainError.invalid('Last-Event-ID', 'must be the id of an event of this stream (a whole number)');
      from = Number(lastEventId);
    }
    const viewer = await this.access.viewer(this.dataSource.manager, actor, sessionId);
    await this.room.touch(actor, sessionId);
    const last = await this.events.lastSeq(this.dataSource.manager, sessionId);
    if (from !== undefined && from > last) throw DomainError.invalid('Last-Event-ID', `this session has no event ${from} yet (its last is ${last})`);
    const stream = this.streams.open(req, res, {
      expiresAt: this.expiry(req),
      tickMs: PRESENCE_MS,
      tick: async () => {
        const resolved = await this.actors.resolve(actor.sessionId, actor.userId);
        if (!resolved.ok) return false;
        await this.room.touch(actor, sessionId);
        return true;
      },
    });
    const entry: Viewer = { stream, userId: actor.userId, moderator: viewer.moderator, lastSeq: from ?? last };
    stream.send({ event: 'ready', data: { lastEventId: entry.lastSeq } });
    const room = this.rooms.get(sessionId) ?? new Set<Viewer>();
    room.add(entry);
    this.rooms.set(sessionId, room);
    stream.onClose(() => {
      room.delete(entry);
      if (room.size === 0 && this.rooms.get(sessionId) === room) this.rooms.delete(sessionId);
    });
    this.wake(sessionId);
  }

  /** How many streams this process serves for a session (tests and metrics). */
  viewers(sessionId: string): number {
    return this.rooms.get(sessionId)?.size ?? 0;
  }

  private wakeAll(): void {
    for (const sessionId of this.rooms.keys()) this.wake(sessionId);
  }

  private wake(sessionId: string): void {
    if (!this.rooms.has(sessionId)) return;
    if (this.reading.has(sessionId)) {
      this.again.add(sessionId);
      return;
    }
    this.reading.add(sessionId);
    void this.deliver(sessionId)
      .catch((err) => this.logger.warn({ err: String(err), sessionId }, 'Reading live events failed; the next poll retries'))
      .finally(() => {
        this.reading.delete(sessionId);
        if (this.again.delete(sessionId)) this.wake(sessionId);
      });
  }

  private async deliver(sessionId: string): Promise<void> {
    for (;;) {
      const room = this.rooms.get(sessionId);
      if (!room?.size) return;
      const viewers = [...room];
      const from = Math.min(...viewers.map((v) => v.lastSeq));
      const rows = await this.events.since(this.dataSource.manager, sessionId, from, BATCH);
      for (const row of rows) {
        const seq = Number(row.seq);
        for (const viewer of viewers) {
          if (seq <= viewer.lastSeq || viewer.stream.closed) continue;
          if (sees(viewer, row)) viewer.stream.send({ id: seq, event: row.kind, data: row.payload });
          viewer.lastSeq = seq;
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  /** The access token's expiry: the stream ends then, and the client reconnects with a fresh token. */
  private expiry(req: Request): number | undefined {
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const exp = token ? (this.tokens.verifyAccess(token) as { exp?: number } | undefined)?.exp : undefined;
    return exp ? exp * 1000 : undefined;
  }
}

/** public events reach everyone; the others the moderators and the user they concern (the asker). */
function sees(viewer: Viewer, row: LiveEventRow): boolean {
  return row.audience === 'public' || viewer.moderator || row.user_id === viewer.userId;
}
