import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `idempotency_keys.answer_final` (owner: idempotency; docs/architecture.md, "One state change" and "Money paths").
 * A unit of work completes the request's key inside its own transaction, with its own result, so that a change and its
 * key commit together. When the handler then answers with something else (it reads back what the unit wrote, or shapes
 * it), the key held the unit's result until the interceptor wrote the real answer, and for good if the process died in
 * between: a replay in that moment, or after such a crash, got a body the client never saw (`200 null` for an investor
 * profile). Such an answer is now stored as not final: a replay gets 409 IDEMPOTENCY_IN_PROGRESS while the claim's
 * lease runs, and the stored result only after it lapsed (the process is gone). The interceptor's write, and the order
 * statement (which stores the response itself), leave it final.
 * Existing data: every stored answer counts as final, as it did. A CHECK keeps a key in progress final.
 */
export class IdempotencyFinalAnswer1764900380000 implements MigrationInterface {
  name = 'IdempotencyFinalAnswer1764900380000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN answer_final boolean NOT NULL DEFAULT true`);
    // Only a completed key can hold an answer that is not final: a claim in progress has none yet.
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_answer_final CHECK (answer_final OR status = 'completed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN answer_final`);
  }
}
