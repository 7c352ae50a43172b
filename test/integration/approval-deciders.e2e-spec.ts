import { AccountsService } from '../../src/platform/auth/accounts.service';
import { Role } from '../../src/platform/context/actor';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Who is told about an approval task (AccountsService.deciders, one statement): active users of the task's roles in its
 * region or the region's parent, and platform admins anywhere when the roles include theirs; a task without a region
 * goes to platform admins only. Checked against the rule written out here over the demo's users and regions, for every
 * region that has users and for role sets with and without the platform admin.
 */
describe('approval task deciders', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // One user of the demo made inactive: never told.
    await app.dataSource.query(`UPDATE users SET status = 'disabled' WHERE email = 'reviewer@demo.g60.cn'`);
  });
  afterAll(() => app?.close());

  it('are the active users of the roles in the region or its parent, with platform admins as the roles say', async () => {
    const users = (await app.dataSource.query(`SELECT id, role, region_code, status FROM read_directory_users`)) as { id: string; role: string; region_code: string | null; status: string }[];
    const parents = new Map(((await app.dataSource.query(`SELECT code, parent_code FROM read_regions`)) as { code: string; parent_code: string | null }[]).map((r) => [r.code, r.parent_code]));
    expect(users.some((u) => u.status !== 'active')).toBe(true);
    const expected = (roles: string[], region: string | null) =>
      users
        .filter((u) => u.status === 'active')
        .filter((u) =>
          region === null
            ? u.role === Role.PlatformAdmin
            : (roles.includes(u.role) && u.region_code !== null && (u.region_code === region || u.region_code === parents.get(region))) ||
              (u.role === Role.PlatformAdmin && roles.includes(Role.PlatformAdmin)),
        )
        .map((u) => u.id)
        .sort();
    const accounts = app.get(AccountsService);
    const regions = [...new Set(users.map((u) => u.region_code).filter((r): r is string => r !== null))];
    expect(regions.length).toBeGreaterThan(3);
    let told = 0;
    for (const roles of [[Role.Reviewer], [Role.Approver, Role.Reviewer], [Role.Approver, Role.PlatformAdmin], [Role.Finance]]) {
      for (const region of [...regions, null]) {
        const got = (await accounts.deciders(app.dataSource.manager, roles, region)).sort();
        expect([roles, region, got]).toEqual([roles, region, expected(roles, region)]);
        told += got.length;
      }
    }
    expect(told).toBeGreaterThan(0);
  });
});
