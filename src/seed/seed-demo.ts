import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../platform/context/actor';
import { makeUscc } from '../../packages/shared/uscc';
import { DEMO_CONTROLLER_GROUPS, DEMO_ENTERPRISES, DEMO_PROVIDERS } from './demo-data';

/** One password for every demo login; printed at start. Demo data only. */
export const DEMO_PASSWORD = 'G60-demo-2026';

export interface DemoLogin {
  role: Role;
  email: string;
  organization: string;
}

const AGENCIES = [
  { key: 'platform', name: '长三角G60科创走廊服务平台运营中心', regionCode: '330400', level: 'platform' },
  { key: 'jx-sti', name: '嘉兴市科学技术局', regionCode: '330400', level: 'city' },
  { key: 'jx-finance', name: '嘉兴市财政局', regionCode: '330400', level: 'city' },
  { key: 'nh-sti', name: '嘉兴市南湖区科学技术局', regionCode: '330402', level: 'district' },
  { key: 'xz-sti', name: '嘉兴市秀洲区科学技术局', regionCode: '330411', level: 'district' },
  { key: 'sh-platform', name: '上海市研发公共服务平台管理中心', regionCode: '310000', level: 'partner' },
] as const;

const INVESTOR = { name: '嘉兴南湖创新投资合伙企业（有限合伙）', uscc: makeUscc('91', '330402', 'MA2JX6T0C'), regionCode: '330402' };

/** The demo logins: one per role (two for finance, four eyes). Emails are stable; the seed never changes an existing user. */
export const DEMO_LOGINS: (DemoLogin & { orgKey: string; displayName: string; isOrgAdmin: boolean })[] = [
  { role: Role.EnterpriseUser, email: 'enterprise@demo.g60.cn', organization: DEMO_ENTERPRISES[0].name, orgKey: `ent:${DEMO_ENTERPRISES[0].uscc}`, displayName: DEMO_ENTERPRISES[0].contactName, isOrgAdmin: true },
  { role: Role.ProviderUser, email: 'provider@demo.g60.cn', organization: shanghaiLab().name, orgKey: `prv:${shanghaiLab().uscc}`, displayName: '陆文静', isOrgAdmin: true },
  { role: Role.Reviewer, email: 'reviewer@demo.g60.cn', organization: '嘉兴市南湖区科学技术局', orgKey: 'agency:nh-sti', displayName: '南湖区审核员', isOrgAdmin: false },
  { role: Role.Approver, email: 'approver@demo.g60.cn', organization: '嘉兴市科学技术局', orgKey: 'agency:jx-sti', displayName: '市科技局审批员', isOrgAdmin: true },
  { role: Role.Finance, email: 'finance@demo.g60.cn', organization: '嘉兴市财政局', orgKey: 'agency:jx-finance', displayName: '财政局结算员', isOrgAdmin: true },
  // Four eyes on money (docs/security.md): a second finance officer approves or pays what the first one closed or approved.
  { role: Role.Finance, email: 'finance2@demo.g60.cn', organization: '嘉兴市财政局', orgKey: 'agency:jx-finance', displayName: '财政局复核员', isOrgAdmin: false },
  { role: Role.PartnerAdmin, email: 'partner@demo.g60.cn', organization: '上海市研发公共服务平台管理中心', orgKey: 'agency:sh-platform', displayName: '上海平台管理员', isOrgAdmin: true },
  { role: Role.Investor, email: 'investor@demo.g60.cn', organization: INVESTOR.name, orgKey: 'investor', displayName: '周明远', isOrgAdmin: true },
  { role: Role.PlatformAdmin, email: 'admin@demo.g60.cn', organization: '长三角G60科创走廊服务平台运营中心', orgKey: 'agency:platform', displayName: '平台管理员', isOrgAdmin: true },
];

function shanghaiLab() {
  const lab = DEMO_PROVIDERS.find((p) => p.regionCode.startsWith('31') && p.admissionStatus === 'active' && p.kind === 'third_party_lab');
  if (!lab) throw new Error('demo data has no active Shanghai lab');
  return lab;
}

export interface SeedReport {
  organizationsCreated: number;
  usersCreated: number;
}

/** Inserts the demo data where missing. Safe to run any number of times. */
export async function seedDemoData(dataSource: DataSource): Promise<SeedReport> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  return dataSource.transaction(async (manager) => {
    const report: SeedReport = { organizationsCreated: 0, usersCreated: 0 };
    const orgIds = new Map<string, string>();
    const groupIds = new Map<string, string>();
    for (const g of DEMO_CONTROLLER_GROUPS) {
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
    for (const a of AGENCIES) {
      await insertOrg(`agency:${a.key}`, ['SELECT id FROM organizations WHERE kind = $1 AND name = $2', ['agency', a.name]],
        ['INSERT INTO organizations (kind, name, region_code, agency_level) VALUES ($1, $2, $3, $4) RETURNING id', ['agency', a.name, a.regionCode, a.level]]);
    }
    for (const e of DEMO_ENTERPRISES) {
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
    for (const p of DEMO_PROVIDERS) {
      await insertOrg(`prv:${p.uscc}`, ['SELECT id FROM organizations WHERE uscc = $1', [p.uscc]], [
        `INSERT INTO organizations (kind, name, uscc, region_code, admission_status, provider_kind, accreditations, public_notice_ends_at)
         VALUES ('provider', $1, $2, $3, $4, $5, $6, CASE WHEN $4 = 'public_notice' THEN now() + interval '7 days' END) RETURNING id`,
        // Not-yet-admitted demo providers start at 'applied'; the admission workflow takes them from there.
        [p.name, p.uscc, p.regionCode, p.admissionStatus === 'active' ? 'active' : 'applied', p.kind, p.accreditations],
      ]);
    }
    await insertOrg('investor', ['SELECT id FROM organizations WHERE uscc = $1', [INVESTOR.uscc]], [
      `INSERT INTO organizations (kind, name, uscc, region_code) VALUES ('investor', $1, $2, $3) RETURNING id`,
      [INVESTOR.name, INVESTOR.uscc, INVESTOR.regionCode],
    ]);
    for (const login of DEMO_LOGINS) {
      const inserted = (await manager.query(
        `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [orgIds.get(login.orgKey), login.email, passwordHash, login.displayName, login.role, login.isOrgAdmin],
      )) as unknown[];
      report.usersCreated += inserted.length;
    }
    return report;
  });
}

async function findOrInsert(manager: EntityManager, select: string, selectParams: unknown[], insert: string, insertParams: unknown[]): Promise<string> {
  const [row] = (await manager.query(select, selectParams)) as { id: string }[];
  if (row) return row.id;
  const [created] = (await manager.query(insert, insertParams)) as { id: string }[];
  return created.id;
}
