import { shanghaiDate } from '../platform/database/shanghai-date';
import { DEMO_PASSWORD } from './seed-demo';

/**
 * Demo activity (演示业务数据): what a visitor of the embedded demo needs to see the product at work rather than
 * empty pages. It is played through the running application's own HTTP API as the demo users, so every amount goes
 * through the same rules, workflows, ledger entries and audit records as in production (docs/domain.md, "Demo data"):
 *
 * 1. the Jiaxing approver creates and opens this year's innovation-voucher programme;
 * 2. the Shanghai demo lab lists six services in its catalogue;
 * 3. Jiaxing and Shanghai sign a mutual-recognition agreement naming the lab (both regions sign);
 * 4. the Nanhu enterprise applies, the Nanhu reviewer and the Jiaxing approver approve, the voucher is issued;
 * 5. the enterprise orders a service from the lab with it (the lab then has an order to confirm).
 *
 * Run once: when the programme already exists, nothing is done. Every POST carries a fixed Idempotency-Key, so two
 * processes starting together on one database do each step once.
 */
export const DEMO_PROGRAM_NAME = '嘉兴市科技创新券（演示）';
export const DEMO_AGREEMENT_NAME = '嘉兴—上海创新券互认互通协议（演示）';

const LOGINS = {
  approver: 'approver@demo.g60.cn',
  reviewer: 'reviewer@demo.g60.cn',
  enterprise: 'enterprise@demo.g60.cn',
  lab: 'provider@demo.g60.cn',
  partner: 'partner@demo.g60.cn',
} as const;
type Who = keyof typeof LOGINS;

/** The Shanghai lab's demo catalogue: prices in integer fen. */
export const DEMO_SERVICES = [
  { code: 'DEMO-XRF-01', name: 'X射线荧光光谱（XRF）成分分析', category: 'analysis', unitPriceFen: 80_000, unit: '样品', leadTimeDays: 5, instrumentName: 'X射线荧光光谱仪', instrumentModel: 'ZSX Primus IV', description: '金属、陶瓷、矿物及高分子材料中主量与微量元素的无损定量分析。' },
  { code: 'DEMO-ICPMS-01', name: '电感耦合等离子体质谱（ICP-MS）痕量元素测定', category: 'analysis', unitPriceFen: 120_000, unit: '样品', leadTimeDays: 7, instrumentName: '电感耦合等离子体质谱仪', instrumentModel: 'NexION 2000', description: '水、土壤、电子材料中痕量重金属元素测定，检出限可达 ppt 级。' },
  { code: 'DEMO-TENSILE-01', name: '金属材料室温拉伸试验', category: 'testing', unitPriceFen: 50_000, unit: '组', leadTimeDays: 3, instrumentName: '电子万能材料试验机', instrumentModel: 'Instron 5982', description: '依据 GB/T 228.1 测定抗拉强度、屈服强度、断后伸长率。' },
  { code: 'DEMO-SEM-01', name: '扫描电子显微镜（SEM）形貌观察与能谱分析', category: 'instrument_time', unitPriceFen: 60_000, unit: '机时', leadTimeDays: 4, instrumentName: '场发射扫描电子显微镜', instrumentModel: 'Gemini 460', description: '样品表面微观形貌观察，配合能谱仪进行微区成分分析。' },
  { code: 'DEMO-EMC-01', name: '电磁兼容（EMC）辐射发射测试', category: 'testing', unitPriceFen: 300_000, unit: '项', leadTimeDays: 10, instrumentName: '3米法半电波暗室', instrumentModel: null, description: '依据 GB/T 9254.1 对信息技术设备进行辐射发射限值测试。' },
  { code: 'DEMO-CMM-01', name: '三坐标测量机校准', category: 'calibration', unitPriceFen: 150_000, unit: '台', leadTimeDays: 7, instrumentName: '激光干涉仪', instrumentModel: 'XL-80', description: '依据 JJF 1064 对坐标测量机示值误差进行校准并出具校准证书。' },
] as const;

export interface DemoActivityReport {
  seeded: boolean;
  programId?: string;
  services?: number;
  agreementId?: string;
  voucherId?: string;
  orderId?: string;
}

type Json = Record<string, unknown>;

class DemoClient {
  private readonly tokens = new Map<Who, string>();

  constructor(private readonly baseUrl: string) {}

  async as(who: Who): Promise<string> {
    const known = this.tokens.get(who);
    if (known) return known;
    const body = await this.call<{ accessToken: string }>(null, 'POST', '/api/v1/auth/login', { email: LOGINS[who], password: DEMO_PASSWORD });
    this.tokens.set(who, body.accessToken);
    return body.accessToken;
  }

  get<T>(who: Who, path: string): Promise<T> {
    return this.as(who).then((token) => this.call<T>(token, 'GET', path));
  }

  /** A POST with a fixed Idempotency-Key: a repeat (a second process, a retried start) gets the first answer. */
  post<T>(who: Who, path: string, body: Json, key: string): Promise<T> {
    return this.as(who).then((token) => this.call<T>(token, 'POST', path, body, key));
  }

  private async call<T>(token: string | null, method: string, path: string, body?: Json, key?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    if (key) headers['idempotency-key'] = `demo-activity:${key}`;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** The instant `days` days from now (the Shanghai day of it: shanghaiDate()). */
function inDays(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo activity: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Plays the demo activity against the application at `baseUrl` (its queue workers must be running somewhere). Each
 * step first looks for what it would create, so a start interrupted half-way is completed by the next one, and a
 * demo that is complete (its order exists) costs two sign-ins and three reads.
 */
export async function seedDemoActivity(baseUrl: string, options: { timeoutMs?: number } = {}): Promise<DemoActivityReport> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const api = new DemoClient(baseUrl);
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));

  // 1. The programme: Jiaxing's money, set by Jiaxing's approver.
  let program = (await api.get<{ id: string; name: string; status: string }[]>('approver', `/api/v1/programs?year=${year}`)).find((p) => p.name === DEMO_PROGRAM_NAME);
  if (program && program.status !== 'draft') {
    const orders = await api.get<{ id: string; programId?: string }[]>('enterprise', '/api/v1/service-orders');
    if (orders.length > 0) return { seeded: false, programId: program.id };
  }
  program ??= await api.post<{ id: string; name: string; status: string }>('approver', '/api/v1/programs', {
    issuingRegionCode: '330400',
    year,
    name: DEMO_PROGRAM_NAME,
    nameEn: 'Jiaxing S&T Innovation Vouchers (demo)',
    ratioBpByTier: { default: 5000, tech_sme: 5000, high_tech: 6000 },
    perApplicationCapFen: 5_000_000,
    annualCapEnterpriseFen: 10_000_000,
    annualCapGroupFen: 15_000_000,
    fullCoverageThresholdFen: 100_000,
    useBy: shanghaiDate(inDays(180)),
    redeemBy: shanghaiDate(inDays(270)),
    redemptionMode: 'provider_redeems',
    settlementCycle: 'monthly',
    budgetFen: 500_000_000,
  }, `program:${year}`);
  if (program.status === 'draft') await api.post('approver', `/api/v1/programs/${program.id}/open`, {}, `program-open:${program.id}`);

  // 2. The Shanghai lab's services.
  const lab = await api.get<{ organization: { id: string } }>('lab', '/api/v1/me');
  const listed = await api.get<{ items: { id: string; code: string }[] }>('lab', `/api/v1/catalog/services?providerId=${lab.organization.id}&limit=100`);
  const services: { id: string; code: string }[] = [];
  for (const service of DEMO_SERVICES) {
    services.push(listed.items.find((s) => s.code === service.code) ?? (await api.post<{ id: string; code: string }>('lab', '/api/v1/catalog/services', { ...service }, `service:${service.code}`)));
  }

  // 3. Mutual recognition: Jiaxing proposes, Shanghai names its lab, both sign the same terms.
  const agreements = await api.get<{ id: string; name: string; providerCount: number }[]>('approver', '/api/v1/recognition-agreements');
  const agreement = agreements.find((a) => a.name === DEMO_AGREEMENT_NAME) ?? (await api.post<{ id: string; providerCount: number }>('approver', '/api/v1/recognition-agreements', {
    issuingRegionCode: '330400',
    partnerRegionCode: '310000',
    name: DEMO_AGREEMENT_NAME,
    effectiveFrom: `${year}-01-01`,
    effectiveTo: `${year + 1}-12-31`,
  }, `agreement:${year}`));
  if (agreement.providerCount === 0) {
    await api.post('partner', `/api/v1/recognition-agreements/${agreement.id}/providers`, { providerIds: [lab.organization.id] }, `agreement-providers:${agreement.id}`);
  }
  for (const [who, side] of [['partner', 'partner'], ['approver', 'issuing']] as const) {
    const current = await api.get<{ termsHash: string; signatures: { side: string; voidedAt: string | null }[] }>(who, `/api/v1/recognition-agreements/${agreement.id}`);
    if (current.signatures.some((sig) => sig.side === side && !sig.voidedAt)) continue;
    await api.post(who, `/api/v1/recognition-agreements/${agreement.id}/sign`, { termsHash: current.termsHash }, `agreement-sign:${agreement.id}:${who}`);
  }

  // 4. A voucher: the enterprise applies, the district reviews, the city approves, the workflow issues it.
  const applications = await api.get<{ id: string; programId: string; status: string; caseId: string | null }[]>('enterprise', '/api/v1/voucher-applications');
  let application = applications.find((a) => a.programId === program.id);
  application ??= await api.post<{ id: string; programId: string; status: string; caseId: string | null }>('enterprise', '/api/v1/voucher-applications', {
    programId: program.id,
    requestedFen: 3_000_000,
    purpose: '新型复合材料成分分析与力学性能测试',
  }, `application:${program.id}`);
  if (application.status === 'draft') {
    application = await api.post<{ id: string; programId: string; status: string; caseId: string | null }>('enterprise', `/api/v1/voucher-applications/${application.id}/submit`, {}, `application-submit:${application.id}`);
  }
  const applicationId = application.id;
  const caseId = application.caseId;
  const voucherOf = async () => {
    const current = await api.get<{ status: string; voucherId: string | null }>('enterprise', `/api/v1/voucher-applications/${applicationId}`);
    if (current.status === 'rejected') throw new Error('demo activity: the demo application was rejected');
    return current.status === 'issued' && current.voucherId ? current.voucherId : undefined;
  };
  for (const [who, stage] of [['reviewer', 'district_review'], ['approver', 'city_approval']] as const) {
    const task = await until(`the ${stage} task`, async () => {
      if (await voucherOf()) return null;
      const tasks = await api.get<{ id: string; stageKey: string; caseId: string }[]>(who, `/api/v1/approval-tasks?stage=${stage}&limit=200`);
      return tasks.find((t) => t.caseId === caseId) ?? undefined;
    }, timeoutMs);
    if (task) await api.post(who, `/api/v1/approval-tasks/${task.id}/decision`, { decision: 'approve', comment: '演示：材料齐全，同意。' }, `decision:${task.id}`);
  }
  const voucherId = await until('the voucher', voucherOf, timeoutMs);

  // 5. An order at the Shanghai lab, paid with the voucher under mutual recognition.
  const orders = await api.get<{ id: string; voucherId: string }[]>('enterprise', '/api/v1/service-orders');
  const order = orders.find((o) => o.voucherId === voucherId) ?? (await api.post<{ id: string }>('enterprise', '/api/v1/service-orders', { serviceId: services[0].id, voucherId, quantity: 2 }, `order:${voucherId}`));
  return { seeded: true, programId: program.id, services: services.length, agreementId: agreement.id, voucherId, orderId: order.id };
}
