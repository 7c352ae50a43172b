import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's English name (owner: programs; docs/i18n.md, "Data"): the issuing bureau may give its programme
 * a name for English readers, as regions, categories and tiers have. Without one, English pages show the
 * programme's Chinese name, as before. Trimmed, 2 to 200 characters, like the Chinese name.
 */
export class ProgrammeEnglishNames1764900350000 implements MigrationInterface {
  name = 'ProgrammeEnglishNames1764900350000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE voucher_programs ADD COLUMN name_en text
        CONSTRAINT voucher_programs_name_en_check CHECK (name_en IS NULL OR (name_en = btrim(name_en) AND char_length(name_en) BETWEEN 2 AND 200))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE voucher_programs DROP COLUMN name_en`);
  }
}
