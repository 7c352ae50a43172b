import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications in the reader's language (issue 18; owner: notifications): each notification keeps its kind
 * (a stable code, packages/shared/notification-kinds.ts) and now the data its words are made of, `params` (a JSON
 * object: numbers, codes, names, dates, money in fen). The portal words title and body from kind + params; the
 * Chinese title/body stay for API clients and e-mail. Rows written before keep NULL and show their stored text.
 */
export class NotificationParams1764900260000 implements MigrationInterface {
  name = 'NotificationParams1764900260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN params jsonb CONSTRAINT notifications_params_shape CHECK (params IS NULL OR jsonb_typeof(params) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN params`);
  }
}
