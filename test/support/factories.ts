import { randomBytes } from 'node:crypto';
import { makeUscc, USCC_CHARSET } from '../../packages/shared/uscc';
import { TestApp } from './test-app';

let counter = 0;

/** A valid, unique USCC for a region (GB 32100-2015 check character included). */
export function uniqueUscc(division = '330402', prefix = '91'): string {
  const bytes = randomBytes(9);
  const body = Array.from(bytes, (b) => USCC_CHARSET[b % USCC_CHARSET.length]).join('');
  return makeUscc(prefix, division, body);
}

export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${Date.now().toString(36)}.${counter}.${randomBytes(3).toString('hex')}@test.g60.cn`;
}

export const TEST_PASSWORD = 'Passw0rd-for-tests';

export interface RegisterInput {
  kind?: 'enterprise' | 'provider' | 'investor';
  regionCode?: string;
  name?: string;
  email?: string;
}

export function registrationBody(input: RegisterInput = {}) {
  const kind = input.kind ?? 'enterprise';
  const regionCode = input.regionCode ?? '330402';
  return {
    kind,
    organization: {
      name: input.name ?? `${kind === 'provider' ? '测试检测技术' : '测试新材料科技'}${randomBytes(3).toString('hex')}有限公司`,
      uscc: uniqueUscc(regionCode),
      regionCode,
      ...(kind === 'provider' ? { providerKind: 'third_party_lab', accreditations: ['CMA'] } : {}),
    },
    user: { email: input.email ?? uniqueEmail(kind), password: TEST_PASSWORD, displayName: '测试用户' },
  };
}

/** Registers an organisation with its first user and signs that user in. */
export async function registerOrganization(app: TestApp, input: RegisterInput = {}) {
  const body = registrationBody(input);
  const res = await app.http().post('/api/v1/auth/register').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const loginRes = await app.http().post('/api/v1/auth/login').send({ email: body.user.email, password: TEST_PASSWORD });
  if (loginRes.status !== 200) throw new Error(`login failed: ${loginRes.status}`);
  return {
    organization: res.body.organization as { id: string; regionCode: string; admissionStatus: string | null; kind: string },
    user: res.body.user as { id: string; email: string },
    auth: { Authorization: `Bearer ${loginRes.body.accessToken}` },
    refreshToken: loginRes.body.refreshToken as string,
  };
}

/** A valid GB 11643-1999 number (the standard's own example). */
export const ID_CARD = '11010519491231002X';

export function teamBody(overrides: { regionCode?: string; hostOrganizationId?: string; members?: unknown[]; email?: string; organization?: Record<string, unknown> } = {}) {
  return {
    kind: 'team',
    organization: { name: `智感创新团队${randomBytes(3).toString('hex')}`, regionCode: overrides.regionCode ?? '330402', ...overrides.organization },
    user: { email: overrides.email ?? uniqueEmail('team'), password: TEST_PASSWORD, displayName: '王强' },
    team: {
      leader: { name: '王强', phone: '13800000001', idCardNumber: ID_CARD },
      members: overrides.members ?? [
        { name: '李娜', title: '算法工程师', contact: '13800000002' },
        { name: '赵磊', title: '硬件工程师' },
      ],
      ...(overrides.hostOrganizationId ? { hostOrganizationId: overrides.hostOrganizationId } : {}),
    },
  };
}

/** Registers a team over HTTP and signs its leader in. */
export async function registerTeam(app: TestApp, overrides: Parameters<typeof teamBody>[0] = {}) {
  const body = teamBody(overrides);
  const res = await app.http().post('/api/v1/auth/register').send(body);
  if (res.status !== 201) throw new Error(`team registration: ${res.status} ${JSON.stringify(res.body)}`);
  const signedIn = await app.http().post('/api/v1/auth/login').send({ email: body.user.email, password: TEST_PASSWORD }).expect(200);
  return { body, organization: res.body.organization, user: res.body.user, auth: { Authorization: `Bearer ${signedIn.body.accessToken}` } as { Authorization: string } };
}

/**
 * A reviewer at the science bureau of a district the seed leaves without users (e.g. 秀洲 330411): invited by the
 * platform admin, signed in. Returns the session's Authorization header.
 */
export async function bureauReviewer(app: TestApp, admin: { Authorization: string }, regionCode: string, displayName: string): Promise<{ auth: { Authorization: string } }> {
  const bureau = await app.http().get(`/api/v1/organizations?kind=agency&regionCode=${regionCode}`).set(admin).expect(200);
  const email = uniqueEmail('bureau-reviewer');
  const invite = await app.http().post(`/api/v1/organizations/${bureau.body[0].id}/invitations`).set(admin).send({ email, role: 'reviewer' }).expect(201);
  await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName }).expect(201);
  const signedIn = await app.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return { auth: { Authorization: `Bearer ${signedIn.body.accessToken}` } };
}
