import { EntityManager } from 'typeorm';

/**
 * The demo directory: organisations, their users, actual-controller groups and enterprise
 * qualifications, written by the organizations module (one owner per table: docs/architecture.md,
 * "Modules and their tables"). The data is src/seed's (seed-demo.ts, demo-data.ts); this is only
 * how it goes into the tables. Organisations are keyed `agency:<key>`, `ent:<uscc>`, `prv:<uscc>`
 * and `investor`; a user names its organisation by that key.
 */
export interface DemoDirectory {
  controllerGroups: readonly { key: string; name: string; controllerName: string }[];
  agencies: readonly { key: string; name: string; regionCode: string; level: string }[];
  enterprises: readonly {
    name: string;
    uscc: string;
    regionCode: string;
    controllerGroupKey?: string;
    contactName: string;
    qualifications: readonly { kind: string; certificateNo: string; validFrom: string; validTo: string }[];
  }[];
  providers: readonly { name: string; uscc: string; regionCode: string; admissionStatus: string; kind: string; accreditations: readonly string[] }[];
  investor: { name: string; uscc: string; regionCode: string };
  users: readonly { orgKey: string; email: string; displayName: string; role: string; isOrgAdmin: boolean }[];
  /** One hash for every demo user's password. */
  passwordHash: string;
}

export interface DemoDirectoryReport {
  organizationsCreated: number;
  usersCreated: number;
}

/**
 * Inserts what is missing of `directory`, in the caller's transaction: organisations are found by
 * USCC (agencies by kind and name), groups by name, qualifications and users (by e-mail) are never
 * changed once there. Safe to run any number of times.
 */
export async function seedDemoDirectory(manager: EntityManager, directory: DemoDirectory): Promise<DemoDirectoryReport> {
  const report: DemoDirectoryReport = { organizationsCreated: 0, usersCreated: 0 };
  const orgIds = new Map<string, string>();
  const groupIds = new Map<string, string>();
  for (const g of directory.controllerGroups) {
    groupIds.set(g.key, await findOrInsert(manager, 'SELECT id FROM controller_groups WHERE name = $1', [g.name],
      'INSERT INTO controller_groups (name, controller_name) VALUES ($1, $2) RETURNING id', [g.name, g.controllerName]));
  }
  const insertOrg = async (key: string, select: [string, unknown[]], insert: [string, unknown[]]) => {
    const existing = (await manager.query(select[0], select[1])) as { id: string }[];
    if (existing[0]) orgIds.set(key, existing[0].id);
    else {
      const [row] = (await manager.query(insert[0], insert[1])) as { id: string }[];
      orgIds.set(key, row.id);
      report.organizationsCreated += 1;
    }
  };
  for (const a of directory.agencies) {
    await insertOrg(`agency:${a.key}`, ['SELECT id FROM organizations WHERE kind = $1 AND name = $2', ['agency', a.name]],
      ['INSERT INTO organizations (kind, name, region_code, agency_level) VALUES ($1, $2, $3, $4) RETURNING id', ['agency', a.name, a.regionCode, a.level]]);
  }
  for (const e of directory.enterprises) {
    await insertOrg(`ent:${e.uscc}`, ['SELECT id FROM organizations WHERE uscc = $1', [e.uscc]], [
      `INSERT INTO organizations (kind, name, uscc, region_code, controller_group_id, contact_name) VALUES ('enterprise', $1, $2, $3, $4, $5) RETURNING id`,
      [e.name, e.uscc, e.regionCode, e.controllerGroupKey ? groupIds.get(e.controllerGroupKey) : null, e.contactName],
    ]);
    for (const q of e.qualifications) {
      await manager.query(
        // Demo qualifications start verified, as if the district bureau had checked them (docs/security.md, "Qualifications").
        `INSERT INTO enterprise_qualifications (organization_id, kind, certificate_no, valid_from, valid_to, issuer, status, decided_at, decision_reason)
         VALUES ($1, $2, $3, $4, $5, CASE $2 WHEN 'specialised_sme' THEN '浙江省经济和信息化厅' WHEN 'high_tech' THEN '浙江省高新技术企业认定管理工作领导小组' ELSE '浙江省科学技术厅' END,
                 'verified', now(), '演示数据：已核验')
         ON CONFLICT (organization_id, kind, certificate_no) DO NOTHING`,
        [orgIds.get(`ent:${e.uscc}`), q.kind, q.certificateNo, q.validFrom, q.validTo],
      );
    }
  }
  for (const p of directory.providers) {
    await insertOrg(`prv:${p.uscc}`, ['SELECT id FROM organizations WHERE uscc = $1', [p.uscc]], [
      `INSERT INTO organizations (kind, name, uscc, region_code, admission_status, provider_kind, accreditations, public_notice_ends_at)
       VALUES ('provider', $1, $2, $3, $4, $5, $6, CASE WHEN $4 = 'public_notice' THEN now() + interval '7 days' END) RETURNING id`,
      // Not-yet-admitted demo providers start at 'applied'; the admission workflow takes them from there.
      [p.name, p.uscc, p.regionCode, p.admissionStatus === 'active' ? 'active' : 'applied', p.kind, p.accreditations],
    ]);
  }
  const investor = directory.investor;
  await insertOrg('investor', ['SELECT id FROM organizations WHERE uscc = $1', [investor.uscc]], [
    `INSERT INTO organizations (kind, name, uscc, region_code) VALUES ('investor', $1, $2, $3) RETURNING id`,
    [investor.name, investor.uscc, investor.regionCode],
  ]);
  for (const user of directory.users) {
    const inserted = (await manager.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [orgIds.get(user.orgKey), user.email, directory.passwordHash, user.displayName, user.role, user.isOrgAdmin],
    )) as unknown[];
    report.usersCreated += inserted.length;
  }
  return report;
}

async function findOrInsert(manager: EntityManager, select: string, selectParams: unknown[], insert: string, insertParams: unknown[]): Promise<string> {
  const [row] = (await manager.query(select, selectParams)) as { id: string }[];
  if (row) return row.id;
  const [created] = (await manager.query(insert, insertParams)) as { id: string }[];
  return created.id;
}
