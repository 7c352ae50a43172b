import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Role } from '../platform/context/actor';
import { makeUscc } from '../../packages/shared/uscc';
import { DemoDirectoryReport, seedDemoDirectory } from '../modules/organizations/demo-directory.seed';
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

/**
 * The G60 nine-city roadshow alliance (路演联盟): one roadshow organiser organisation per city, each with one demo
 * organiser (docs/domain.md, "The nine-city alliance"). Keys and e-mails use the city's pinyin.
 */
export const ALLIANCE_CITIES = [
  { code: '310117', key: 'songjiang', name: '上海松江' },
  { code: '330400', key: 'jiaxing', name: '嘉兴' },
  { code: '330100', key: 'hangzhou', name: '杭州' },
  { code: '330700', key: 'jinhua', name: '金华' },
  { code: '320500', key: 'suzhou', name: '苏州' },
  { code: '330500', key: 'huzhou', name: '湖州' },
  { code: '341800', key: 'xuancheng', name: '宣城' },
  { code: '340200', key: 'wuhu', name: '芜湖' },
  { code: '340100', key: 'hefei', name: '合肥' },
] as const;

const ALLIANCE_ORGANISERS = ALLIANCE_CITIES.map((c) => ({ key: `roadshow-${c.key}`, name: `G60科创路演联盟${c.name}组织方`, regionCode: c.code, level: 'roadshow' }));

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
  ...ALLIANCE_ORGANISERS.map((o, i) => ({
    role: Role.RoadshowOrganiser,
    email: `organiser.${ALLIANCE_CITIES[i].key}@demo.g60.cn`,
    organization: o.name,
    orgKey: `agency:${o.key}`,
    displayName: `${ALLIANCE_CITIES[i].name}路演组织员`,
    isOrgAdmin: true,
  })),
];

function shanghaiLab() {
  const lab = DEMO_PROVIDERS.find((p) => p.regionCode.startsWith('31') && p.admissionStatus === 'active' && p.kind === 'third_party_lab');
  if (!lab) throw new Error('demo data has no active Shanghai lab');
  return lab;
}

export type SeedReport = DemoDirectoryReport;

/**
 * Inserts the demo data where missing, through the organizations module that owns it. Safe to run any number of times.
 * The demo password is hashed at PASSWORD_HASH_MEMORY_KIB (argon2's 64 MiB when not given), like any password.
 */
export async function seedDemoData(dataSource: DataSource, options: { passwordHashMemoryKib?: number } = {}): Promise<SeedReport> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: options.passwordHashMemoryKib ?? 65_536, timeCost: 3, parallelism: 4 });
  return dataSource.transaction((manager) =>
    seedDemoDirectory(manager, {
      controllerGroups: DEMO_CONTROLLER_GROUPS,
      agencies: [...AGENCIES, ...ALLIANCE_ORGANISERS],
      enterprises: DEMO_ENTERPRISES,
      providers: DEMO_PROVIDERS,
      investor: INVESTOR,
      users: DEMO_LOGINS,
      passwordHash,
    }),
  );
}
