import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { WorkflowEnglishNames1764900300000 } from '../../migrations/1764900300000-workflow-english-names';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { retireDatabase } from '../support/test-app';
import { adminUrl, databaseUrl, testDbPrefix } from '../support/test-env';

jest.setTimeout(120_000);

/**
 * Existing workflows and tasks get English names (migrations/1764900300000-workflow-english-names.ts): from the
 * built-in definitions by workflow key + stage key, and only where the stored Chinese name is the built-in's.
 * `down` takes them away again, and `up` after it gives the same result.
 */
describe('migrating workflow definitions and tasks written before English names', () => {
  let name: string;
  let db: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    name = `${testDbPrefix()}${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const before = MIGRATIONS.findIndex((m) => m.name === 'WorkflowEnglishNames1764900300000');
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({ ...dataSourceOptions(databaseUrl(name), 2), migrations: MIGRATIONS.slice(0, before) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    const q = (sql: string, params: unknown[] = []) => old.query(sql, params) as Promise<{ id: string }[]>;
    const stages = (admissionName: string) =>
      JSON.stringify([
        { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
        { key: 'admission_review', name: admissionName, kind: 'review', deciderRoles: ['approver'], regionScope: 'subject_city' },
        { key: 'public_notice', name: '公示（7天）', kind: 'timer', timerSeconds: 604800, objectionsStop: true },
      ]);
    // Version 1 as the old code seeded it; version 2 published by an admin who renamed the review stage and the workflow.
    [{ id: ids.v1 }] = await q(`INSERT INTO workflow_definitions (key, version, name, subject_type, stages, is_active) VALUES ('provider_admission', 1, '服务机构入驻审核', 'provider_admission', $1, false) RETURNING id`, [stages('入驻审核')]);
    [{ id: ids.v2 }] = await q(`INSERT INTO workflow_definitions (key, version, name, subject_type, stages, is_active) VALUES ('provider_admission', 2, '机构入驻', 'provider_admission', $1, true) RETURNING id`, [stages('平台入驻复核')]);
    const kase = async (definitionId: string, subjectId: string) =>
      (await q(`INSERT INTO approval_cases (definition_id, subject_type, subject_id, title, region_code, city_code, status, current_stage) VALUES ($1, 'provider_admission', $2, '入驻 迁移前', '330402', '330400', 'in_review', 1) RETURNING id`, [definitionId, subjectId]))[0].id;
    const task = async (caseId: string, stageIndex: number, stageKey: string, stageName: string, kind = 'review') =>
      (await q(`INSERT INTO approval_tasks (case_id, revision, stage_index, stage_key, stage_name, kind, decider_roles, region_code, status) VALUES ($1, 1, $2, $3, $4, $5, '{approver}', '330400', 'open') RETURNING id`, [caseId, stageIndex, stageKey, stageName, kind]))[0].id;
    const oldCase = await kase(ids.v1, `migration-${randomBytes(4).toString('hex')}`);
    ids.builtIn = await task(oldCase, 1, 'admission_review', '入驻审核');
    ids.objection = await task(oldCase, 2, 'public_notice:objection', '公示（7天）（异议复核）', 'objection_review');
    ids.renamed = await task(await kase(ids.v2, `migration-${randomBytes(4).toString('hex')}`), 1, 'admission_review', '平台入驻复核');
    await old.destroy();

    db = new DataSource({ ...dataSourceOptions(databaseUrl(name), 2), migrations: MIGRATIONS });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await db?.destroy();
    await retireDatabase(name);
  });

  const tasks = () => db.query(`SELECT id, stage_name_en FROM approval_tasks ORDER BY stage_index, stage_name`) as Promise<{ id: string; stage_name_en: string | null }[]>;
  const definitions = () =>
    db.query(`SELECT version, name_en, (SELECT jsonb_agg(s->'nameEn' ORDER BY i) FROM jsonb_array_elements(stages) WITH ORDINALITY AS e(s, i)) AS stage_names_en FROM workflow_definitions WHERE key = 'provider_admission' ORDER BY version`);

  it('gives built-in stages their English name, an objection review its suffix, and a renamed stage none', async () => {
    expect(await tasks()).toEqual(
      expect.arrayContaining([
        { id: ids.builtIn, stage_name_en: 'Admission review' },
        { id: ids.objection, stage_name_en: 'Public notice (7 days) (objection review)' },
        { id: ids.renamed, stage_name_en: null },
      ]),
    );
    expect((await tasks()).length).toBe(3);
    // The workflows earlier migrations installed are built-in too.
    const installed = await db.query(`SELECT key, name_en, stages -> 0 ->> 'nameEn' AS first_stage FROM workflow_definitions WHERE key IN ('qualification_verification', 'controller_group_change') ORDER BY key`);
    expect(installed).toEqual([
      { key: 'controller_group_change', name_en: 'Actual-controller group change approval', first_stage: 'District S&T bureau review' },
      { key: 'qualification_verification', name_en: 'Enterprise qualification verification', first_stage: 'Automatic check (certificate file, validity)' },
    ]);
    expect(await definitions()).toEqual([
      { version: 1, name_en: 'Service provider admission review', stage_names_en: ['Automatic qualification check', 'Admission review', 'Public notice (7 days)'] },
      { version: 2, name_en: null, stage_names_en: ['Automatic qualification check', null, 'Public notice (7 days)'] },
    ]);
  });

  it('the database refuses a blank English name of a workflow or a task', async () => {
    await expect(db.query(`UPDATE workflow_definitions SET name_en = '  ' WHERE id = $1`, [ids.v1])).rejects.toThrow(/workflow_definitions_name_en_not_blank/);
    await expect(db.query(`UPDATE approval_tasks SET stage_name_en = ' ' WHERE id = $1`, [ids.builtIn])).rejects.toThrow(/approval_tasks_stage_name_en_not_blank/);
  });

  it('down removes the English names; up again gives the same ones', async () => {
    // This migration's own down and up, not the last one's: later migrations may follow it.
    const migration = new WorkflowEnglishNames1764900300000();
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await migration.down(runner);
      const columns = await db.query(`SELECT table_name, column_name FROM information_schema.columns WHERE column_name IN ('stage_name_en', 'name_en') AND table_name IN ('approval_tasks', 'workflow_definitions')`);
      expect(columns).toEqual([]);
      const left = await db.query(`SELECT count(*)::int AS n FROM workflow_definitions, jsonb_array_elements(stages) AS s WHERE s ? 'nameEn'`);
      expect(left).toEqual([{ n: 0 }]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await tasks()).toEqual(
      expect.arrayContaining([
        { id: ids.builtIn, stage_name_en: 'Admission review' },
        { id: ids.objection, stage_name_en: 'Public notice (7 days) (objection review)' },
        { id: ids.renamed, stage_name_en: null },
      ]),
    );
    expect((await definitions())[0]).toMatchObject({ name_en: 'Service provider admission review' });
  });
});
