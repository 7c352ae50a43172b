import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { seedDemoData } from '../../src/seed/seed-demo';
import { uniqueUscc } from '../support/factories';
import { DEMO, login, retireDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-app';
import { adminUrl, databaseUrl, testDbPrefix, TEST_PASSWORD_HASH_MEMORY_KIB } from '../support/test-env';

jest.setTimeout(180_000);

/**
 * Existing data migrates (migrations/1764900030000-programme-policy.ts): a programme, its vouchers
 * and its cap counters written under the schema before policies were data keep their amounts —
 * the programme's ratios and caps become version 1 as they were, the vouchers are of version 1,
 * and the counters follow the ledger (a revoked voucher's returned money is headroom again).
 */
describe('migrating programmes, vouchers and caps written before policy as data', () => {
  let db: TestDatabase;
  let app: TestApp | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const name = `${testDbPrefix()}${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    db = {
      name,
      url: databaseUrl(name),
      drop: () => retireDatabase(name),
    };
    const before = MIGRATIONS.findIndex((m) => m.name === 'ProgrammePolicy1764900030000');
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({ ...dataSourceOptions(db.url, 2), migrations: MIGRATIONS.slice(0, before) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    const q = (sql: string, params: unknown[] = []) => old.query(sql, params);
    // What the old code wrote: one enterprise in a group, a programme with columns, two vouchers, counters of issued face value.
    [{ id: ids.group }] = await q(`INSERT INTO controller_groups (name, controller_name) VALUES ('老集团', '李四') RETURNING id`);
    [{ id: ids.enterprise }] = await q(`INSERT INTO organizations (kind, name, uscc, region_code, controller_group_id) VALUES ('enterprise', '迁移前企业有限公司', $1, '330402', $2) RETURNING id`, [uniqueUscc(), ids.group]);
    [{ id: ids.user }] = await q(`INSERT INTO users (organization_id, email, password_hash, display_name, role) VALUES ($1, 'old@test.g60.cn', 'x', '老用户', 'enterprise_user') RETURNING id`, [ids.enterprise]);
    [{ id: ids.program }] = await q(
      `INSERT INTO voucher_programs (issuing_region_code, year, name, ratio_bp_by_tier, per_application_cap_fen, annual_cap_enterprise_fen, annual_cap_group_fen,
                                     full_coverage_threshold_fen, use_by, redeem_by, redemption_mode, settlement_cycle, budget_fen, status)
       VALUES ('330400', 2026, '迁移前创新券', '{"default": 5000, "high_tech": 6000}', 500000, 1000000, 2000000, 100000, '2026-12-31', '2027-03-31', 'provider_redeems', 'monthly', 10000000, 'open')
       RETURNING id`,
    );
    const account = async (kind: string, owner: string | null) =>
      ((await q(`INSERT INTO ledger_accounts (program_id, kind, owner_id) VALUES ($1, $2, $3) RETURNING id`, [ids.program, kind, owner])) as { id: string }[])[0].id;
    const move = async (kind: string, refType: string, ref: string, from: string, to: string, fen: number) => {
      const [{ id }] = await q(`INSERT INTO ledger_transactions (program_id, kind, reference_type, reference_id, amount_fen) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [ids.program, kind, refType, ref, fen]);
      await q(`INSERT INTO ledger_entries (transaction_id, account_id, amount_fen) VALUES ($1, $2, $3), ($1, $4, $5)`, [id, from, -fen, to, fen]);
      await q(`UPDATE ledger_accounts SET balance_fen = balance_fen - $2 WHERE id = $1`, [from, fen]);
      await q(`UPDATE ledger_accounts SET balance_fen = balance_fen + $2 WHERE id = $1`, [to, fen]);
    };
    const appropriation = await account('appropriation', null);
    const budget = await account('budget_available', null);
    await move('fund', 'program', ids.program, appropriation, budget, 10_000_000);
    for (const [key, face, status] of [['kept', 400_000, 'active'], ['revoked', 300_000, 'revoked']] as const) {
      const voucherId = ((await q(`SELECT gen_random_uuid() AS id`)) as { id: string }[])[0].id;
      const available = await account('voucher_available', voucherId);
      const held = await account('voucher_held', voucherId);
      const [{ id: applicationId }] = await q(
        `INSERT INTO voucher_applications (number, program_id, enterprise_id, applicant_user_id, requested_fen, purpose, status) VALUES ($1, $2, $3, $4, $5, '检测', 'issued') RETURNING id`,
        [`SQ-OLD-${key}`, ids.program, ids.enterprise, ids.user, face],
      );
      await move('commit', 'voucher', voucherId, budget, available, face);
      await q(
        `INSERT INTO vouchers (id, number, program_id, enterprise_id, application_id, controller_group_id, face_value_fen, use_by, redeem_by, status, available_account_id, held_account_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-12-31', '2027-03-31', $8, $9, $10)`,
        [voucherId, `CQ-OLD-${key}`, ids.program, ids.enterprise, applicationId, ids.group, face, status, available, held],
      );
      if (status === 'revoked') await move('return_to_budget', 'voucher', voucherId, available, budget, face);
      ids[key] = voucherId;
    }
    // The old counters counted issued face value and never gave any back.
    await q(`INSERT INTO program_cap_usage (program_id, scope, scope_id, used_fen, cap_fen) VALUES ($1, 'enterprise', $2, 700000, 1000000), ($1, 'group', $3, 700000, 2000000)`, [
      ids.program,
      ids.enterprise,
      ids.group,
    ]);
    await old.destroy();

    // Now the rest of the migrations, then the demo directory (for sign-in), then the app.
    const current = new DataSource({ ...dataSourceOptions(db.url, 2), migrations: MIGRATIONS });
    await current.initialize();
    await current.runMigrations({ transaction: 'each' });
    await seedDemoData(current, { passwordHashMemoryKib: TEST_PASSWORD_HASH_MEMORY_KIB });
    await current.destroy();
    app = await startTestApp({ database: db });
  });
  afterAll(async () => {
    if (app) await app.close();
    else await db?.drop();
  });

  it('keeps the programme’s ratios, caps and threshold as version 1, and the vouchers of version 1', async () => {
    const approver = await login(app!, DEMO.approver);
    const program = (await app!.http().get(`/api/v1/programs/${ids.program}`).set(approver.auth).expect(200)).body;
    expect(program).toMatchObject({
      policyVersion: 1,
      latestPolicyVersion: 1,
      ratioBpByTier: { high_tech: 6000, default: 5000 },
      perApplicationCapFen: 500_000,
      annualCapEnterpriseFen: 1_000_000,
      annualCapTeamFen: null,
      annualCapGroupFen: 2_000_000,
      fullCoverageThresholdFen: 100_000,
      fullCoverageComparison: 'at_or_below',
      budgetFen: 10_000_000,
      status: 'open',
    });
    expect(program.policy.tiers).toEqual([
      { code: 'high_tech', nameZh: '高新技术企业', nameEn: 'High-tech enterprise', ratioBp: 6000, qualifications: ['high_tech'] },
      { code: 'default', nameZh: '一般企业', nameEn: 'General', ratioBp: 5000, qualifications: [] },
    ]);
    const vouchers = (await app!.dataSource.query(`SELECT id, face_value_fen::int AS face, released_fen::int AS released, program_version, applicant_kind FROM vouchers WHERE program_id = $1 ORDER BY face DESC`, [ids.program])) as unknown[];
    expect(vouchers).toEqual([
      { id: ids.kept, face: 400_000, released: 0, program_version: 1, applicant_kind: 'enterprise' },
      { id: ids.revoked, face: 300_000, released: 300_000, program_version: 1, applicant_kind: 'enterprise' },
    ]);
    const budget = (await app!.http().get(`/api/v1/programs/${ids.program}/budget`).set(approver.auth).expect(200)).body;
    expect(budget).toMatchObject({ budgetFen: 10_000_000, availableFen: 9_600_000, committedFen: 400_000, ledgerSumFen: 0 });
  });

  it('recomputes the cap counters from the ledger: the revoked voucher’s 300,000 fen are headroom again, the caps stay', async () => {
    const rows = await app!.dataSource.query(`SELECT scope, used_fen::int AS used, cap_fen::int AS cap FROM program_cap_usage WHERE program_id = $1 ORDER BY scope`, [ids.program]);
    expect(rows).toEqual([
      { scope: 'enterprise', used: 400_000, cap: 1_000_000 },
      { scope: 'group', used: 400_000, cap: 2_000_000 },
    ]);
  });
});
