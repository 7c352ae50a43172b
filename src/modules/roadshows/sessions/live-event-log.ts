import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Broadcaster, BroadcastTopic } from '../../../platform/broadcast/broadcaster';
import { Transaction } from '../../../platform/database/unit-of-work';

/** Wake-ups of the live streams: the session id, after the commit that appended its events. */
export const LIVE_TOPIC: BroadcastTopic = { redis: 'roadshow-live', pg: 'g60_roadshow_live' };

/** public: every viewer of the live page; moderators: the session's organisers (and `userId`, the asker, when set). */
export type LiveAudience = 'public' | 'moderators';

export interface LiveEventRow {
  seq: string;
  kind: string;
  audience: LiveAudience;
  user_id: string | null;
  payload: unknown;
  created_at: Date;
}

/**
 * The live events of a session (roadshow_live_events), numbered 1, 2, 3… per session. The number is drawn by
 * updating the session's roadshow_live_channels row, whose lock the transaction keeps to its commit: a session's
 * events therefore commit in number order, without gaps, and a stream that has delivered n has seen everything up
 * to n. That number is the SSE event id; Last-Event-ID replays from here. After the commit every process is woken
 * (LIVE_TOPIC) to read what is new for its open streams.
 */
@Injectable()
export class LiveEventLog {
  constructor(private readonly broadcaster: Broadcaster) {}

  async append(tx: Transaction, sessionId: string, kind: string, payload: unknown, audience: LiveAudience = 'public', userId: string | null = null): Promise<number> {
    const [row] = (await tx.manager.query(
      `WITH c AS (
         INSERT INTO roadshow_live_channels (session_id, last_seq) VALUES ($1, 1)
         ON CONFLICT (session_id) DO UPDATE SET last_seq = roadshow_live_channels.last_seq + 1, updated_at = now()
         RETURNING last_seq)
       INSERT INTO roadshow_live_events (session_id, seq, kind, audience, user_id, payload)
       SELECT $1, c.last_seq, $2, $3, $4, $5::jsonb FROM c RETURNING seq`,
      [sessionId, kind, audience, userId, JSON.stringify(payload)],
    )) as { seq: string }[];
    tx.afterCommit(() => this.broadcaster.publish(LIVE_TOPIC, sessionId));
    return Number(row.seq);
  }

  /** Events after `afterSeq`, oldest first, at most `limit`. */
  async since(manager: EntityManager, sessionId: string, afterSeq: number, limit: number): Promise<LiveEventRow[]> {
    return (await manager.query(
      `SELECT seq, kind, audience, user_id, payload, created_at FROM roadshow_live_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    )) as LiveEventRow[];
  }

  /** The session's last event number (0 before the first). */
  async lastSeq(manager: EntityManager, sessionId: string): Promise<number> {
    const [row] = (await manager.query(`SELECT last_seq FROM roadshow_live_channels WHERE session_id = $1`, [sessionId])) as { last_seq: string }[];
    return row ? Number(row.last_seq) : 0;
  }
}
