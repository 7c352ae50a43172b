import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { httpLoad } from './http-load';
import { nowMs } from './lib';

/**
 * Two floors for an order's hold, measured like the raw loop (same accounts, clients and holds) so that the
 * benchmark shows how much of the gap to the raw loop any design would keep on this machine:
 *
 * - **the SQL floor**: what every order must write by the platform's rules (docs/domain.md, "Money"), in one
 *   statement and one round trip, into bare tables with nothing but a primary key: the conditional debit and the
 *   credit (as the raw loop), the order row, the journal transaction and its two entries, an audit row and an
 *   outbox row. No stamps, checks, foreign keys, secondary indexes, triggers or idempotency record.
 * - **the HTTP floor**: that statement behind a bare `node:http` server in this process (as the app is), after one
 *   indexed read standing for authentication, both prepared; a JSON body in, a JSON answer out, through the same
 *   HTTP load generator as the app's HTTP figures (bench/http-load.ts, a process of its own). No framework,
 *   validation, request context, logging or metrics.
 */

export interface AccountPair {
  from: string;
  to: string;
}

type Hold = (conn: Client, pair: AccountPair) => Promise<void>;

/** Holds placed by something with its own clients (the HTTP load generator): `count` by `clients` lanes, lane i on pairs[i % n]; the seconds they took. */
type BulkHold = { bulk: (pairs: AccountPair[], clients: number, count: number) => Promise<number> };

/** The floor's bare tables, in the benchmark's own database. */
export async function prepareFloorTables(url: string): Promise<void> {
  const c = new Client({ connectionString: url, application_name: 'g60-bench-holds' });
  await c.connect();
  try {
    await c.query(`CREATE TABLE bench_floor_orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), account uuid NOT NULL, amount_fen bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await c.query(`CREATE TABLE bench_floor_journal (id bigserial PRIMARY KEY, kind text NOT NULL, reference uuid NOT NULL, amount_fen bigint NOT NULL)`);
    await c.query(`CREATE TABLE bench_floor_entries (id bigserial PRIMARY KEY, journal_id bigint NOT NULL, account uuid NOT NULL, amount_fen bigint NOT NULL)`);
    await c.query(`CREATE TABLE bench_floor_audit (id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL DEFAULT now(), action text NOT NULL, subject uuid NOT NULL, after jsonb NOT NULL)`);
    await c.query(`CREATE TABLE bench_floor_outbox (id bigserial PRIMARY KEY, job_name text NOT NULL, payload jsonb NOT NULL)`);
  } finally {
    await c.end();
  }
}

/** $1 amount, $2 source account, $3 destination account; answers the order's id, or no id when the source ran dry. */
const FLOOR_HOLD = `WITH debit AS (UPDATE ledger_accounts SET balance_fen = balance_fen - $1 WHERE id = $2 AND balance_fen >= $1 RETURNING id),
  credit AS (UPDATE ledger_accounts SET balance_fen = balance_fen + $1 WHERE id = $3 AND EXISTS (SELECT 1 FROM debit) RETURNING id),
  ord AS (INSERT INTO bench_floor_orders (account, amount_fen) SELECT $2, $1 FROM debit RETURNING id),
  journal AS (INSERT INTO bench_floor_journal (kind, reference, amount_fen) SELECT 'hold', id, $1 FROM ord RETURNING id),
  entries AS (INSERT INTO bench_floor_entries (journal_id, account, amount_fen)
              SELECT journal.id, e.account, e.amount FROM journal, (VALUES ($2::uuid, -$1::bigint), ($3::uuid, $1::bigint)) AS e(account, amount) RETURNING 1),
  audit AS (INSERT INTO bench_floor_audit (action, subject, after) SELECT 'service_order.created', id, jsonb_build_object('amountFen', $1::bigint, 'account', $2::uuid) FROM ord RETURNING 1),
  outbox AS (INSERT INTO bench_floor_outbox (job_name, payload) SELECT 'deliver-notification', jsonb_build_object('orderId', id) FROM ord RETURNING 1)
SELECT (SELECT id FROM ord) AS id, (SELECT count(*) FROM credit) + (SELECT count(*) FROM entries) + (SELECT count(*) FROM audit) + (SELECT count(*) FROM outbox) AS written`;

async function floorStatement(run: (text: string, values: unknown[]) => Promise<{ rows: { id: string | null; written: string }[] }>, amountFen: number, pair: AccountPair): Promise<string> {
  const { rows } = await run(FLOOR_HOLD, [amountFen, pair.from, pair.to]);
  if (!rows[0]?.id || Number(rows[0].written) !== 5) throw new Error('floor hold refused: the benchmark accounts ran dry');
  return rows[0].id;
}

/** Raw loop: BEGIN; conditional debit (exactly one row, or it is a failure); credit; COMMIT. Four round trips. */
export function rawHold(amountFen: number): Hold {
  return async (c, { from, to }) => {
    await c.query('BEGIN');
    const debited = await c.query(`UPDATE ledger_accounts SET balance_fen = balance_fen - $1 WHERE id = $2 AND balance_fen >= $1`, [amountFen, from]);
    if (debited.rowCount !== 1) {
      await c.query('ROLLBACK');
      throw new Error('raw hold refused: the baseline accounts ran dry');
    }
    await c.query(`UPDATE ledger_accounts SET balance_fen = balance_fen + $1 WHERE id = $2`, [amountFen, to]);
    await c.query('COMMIT');
  };
}

/** The SQL floor: one prepared statement per hold, autocommit. */
export function floorHold(amountFen: number): Hold {
  return async (c, pair) => {
    await floorStatement((text, values) => c.query({ name: 'bench_floor_hold', text, values }), amountFen, pair);
  };
}

/** The HTTP floor's server; `hold` posts one order to it. */
export async function startHttpFloor(url: string, clients: number, amountFen: number): Promise<{ hold: BulkHold; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: url, max: clients, application_name: 'g60-bench-holds-floor' });
  // pool.end() resolves once it has asked its connections to close, not when they have: dropping the benchmark's
  // database right after can terminate one still closing, and that error must not end the run.
  pool.on('error', () => undefined);
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const pair = JSON.parse(raw) as AccountPair;
          // Standing for authentication: one indexed read before the write.
          const known = await pool.query({ name: 'bench_floor_auth', text: 'SELECT id FROM ledger_accounts WHERE id = $1', values: [pair.from] });
          if (known.rowCount !== 1) throw new Error('unknown account');
          const id = await floorStatement((text, values) => pool.query({ name: 'bench_floor_hold', text, values }), amountFen, pair);
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hold: {
      bulk: async (pairs, lanes, count) => {
        const run = await httpLoad({
          baseUrl,
          lanes,
          count,
          requests: pairs.map((pair) => ({ method: 'POST', path: '/orders', body: JSON.stringify(pair), expect: 201 })),
          assign: 'by-lane',
        });
        return run.seconds;
      },
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/**
 * `clients` connections, client i on pairs[i % pairs.length], sharing `holds` holds; a warm-up pass first. Every pass
 * starts from the same balances (enough for every hold on one pair). Holds per second.
 */
export async function holdRate(url: string, pairs: AccountPair[], clients: number, holds: number, warmupHolds: number, amountFen: number, hold: Hold | BulkHold): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url, application_name: 'g60-bench-holds' });
      await c.connect();
      return c;
    }),
  );
  try {
    const pass = async (count: number) => {
      await conns[0].query(`UPDATE ledger_accounts SET balance_fen = CASE WHEN kind = 'voucher_available' THEN $2::bigint ELSE 0 END WHERE id = ANY($1::uuid[])`, [
        pairs.flatMap((p) => [p.from, p.to]),
        (count + 1) * amountFen,
      ]);
      if ('bulk' in hold) return count / (await hold.bulk(pairs, clients, count));
      let next = 0;
      const started = nowMs();
      await Promise.all(
        conns.map(async (c, i) => {
          const pair = pairs[i % pairs.length];
          while (next < count) {
            next += 1;
            await hold(c, pair);
          }
        }),
      );
      return count / ((nowMs() - started) / 1000);
    };
    await pass(warmupHolds);
    return await pass(holds);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}
